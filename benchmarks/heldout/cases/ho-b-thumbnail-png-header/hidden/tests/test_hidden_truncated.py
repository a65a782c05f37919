import pytest

from thumbs import InvalidImage, read_info


def test_header_cut_anywhere_is_invalid(make_png):
    data = make_png(10, 20)
    for cut in (8, 12, 16, 24, 25):
        with pytest.raises(InvalidImage):
            read_info(data[:cut])


def test_full_header_still_reads(make_png):
    info = read_info(make_png(10, 20, color_type=4) + b"rest of file")
    assert (info.width, info.height, info.has_alpha) == (10, 20, True)


def test_zero_width_is_invalid(make_png):
    with pytest.raises(InvalidImage):
        read_info(make_png(0, 20))
