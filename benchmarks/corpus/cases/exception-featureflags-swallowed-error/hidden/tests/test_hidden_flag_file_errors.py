import pytest

from flags import FlagFileError, FlagStore, read_flag_file


def test_json_error_names_the_line(tmp_path):
    path = tmp_path / "flags.json"
    path.write_text('{\n  "a": {"enabled": true},\n  "b": {"enabled": tru}\n}\n')
    with pytest.raises(FlagFileError) as info:
        read_flag_file(path)
    assert info.value.line == 3


def test_invalid_rollout_is_reported(tmp_path):
    path = tmp_path / "flags.json"
    path.write_text('{"beta": {"enabled": true, "rollout": 150}}')
    with pytest.raises(FlagFileError, match="rollout"):
        FlagStore.from_file(path)


def test_missing_file_in_missing_folder(tmp_path):
    assert read_flag_file(tmp_path / "conf" / "flags.json") == {}


def test_a_folder_is_not_a_missing_file(tmp_path):
    folder = tmp_path / "flags.json"
    folder.mkdir()
    with pytest.raises(OSError):
        read_flag_file(folder)
