import pytest

from thumbs import InvalidImage, fit, plan_thumbnails, read_info


def test_read_info(make_png):
    info = read_info(make_png(640, 480, color_type=2))
    assert (info.width, info.height, info.color) == (640, 480, "rgb")
    assert not info.has_alpha


def test_not_a_png():
    with pytest.raises(InvalidImage):
        read_info(b"GIF89a....")


def test_truncated_png_is_invalid(make_png):
    with pytest.raises(InvalidImage):
        read_info(make_png(100, 100)[:20])


def test_fit_keeps_aspect_and_never_enlarges():
    assert fit(1000, 500, 256, 256) == (256, 128)
    assert fit(100, 50, 256, 256) == (100, 50)


def test_plan_for_good_images(make_png):
    jobs, skipped = plan_thumbnails({"a.png": make_png(512, 1024), "b.png": make_png(300, 300, color_type=2)})
    assert [(j.name, j.size, j.format) for j in jobs] == [
        ("a.png", (128, 256), "png"), ("b.png", (256, 256), "jpeg")]
    assert skipped == []


def test_plan_skips_broken_upload(make_png):
    files = {"ok.png": make_png(64, 64), "cut.png": make_png(64, 64)[:18], "doc.txt": b"hello"}
    jobs, skipped = plan_thumbnails(files)
    assert [j.name for j in jobs] == ["ok.png"]
    assert skipped == ["cut.png", "doc.txt"]
