import json

import pytest

from flags import FlagFileError, FlagStore


def _write(tmp_path, data):
    path = tmp_path / "flags.json"
    path.write_text(data if isinstance(data, str) else json.dumps(data))
    return path


def test_missing_file_means_no_flags(tmp_path):
    store = FlagStore.from_file(tmp_path / "flags.json")
    assert store.flags == {}
    assert not store.is_enabled("new-checkout")


def test_enabled_flag(tmp_path):
    store = FlagStore.from_file(_write(tmp_path, {"new-checkout": {"enabled": True}}))
    assert store.is_enabled("new-checkout")
    assert store.is_enabled("new-checkout", user_id="u1")


def test_rollout_is_stable_and_partial(tmp_path):
    store = FlagStore.from_file(_write(tmp_path, {"beta": {"enabled": True, "rollout": 30}}))
    on = [u for u in range(1000) if store.is_enabled("beta", str(u))]
    assert 200 < len(on) < 400
    assert on == [u for u in range(1000) if store.is_enabled("beta", str(u))]


def test_allow_list_beats_rollout(tmp_path):
    store = FlagStore.from_file(_write(tmp_path, {"beta": {"enabled": True, "rollout": 0, "allow": [42]}}))
    assert store.is_enabled("beta", "42")
    assert not store.is_enabled("beta", "43")


def test_malformed_json_is_reported(tmp_path):
    path = _write(tmp_path, '{\n  "beta": {"enabled": true,}\n}\n')
    with pytest.raises(FlagFileError):
        FlagStore.from_file(path)
