import wave

import pytest

from wavkit import WavError, WavFormat, read_wav, write_wav
from wavkit.io import duration


def test_round_trip(tmp_path):
    path = tmp_path / "tone.wav"
    write_wav(path, [0, 1000, -1000, 32767, -32768], 8000)
    fmt, samples = read_wav(path)
    assert fmt == WavFormat(1, 8000, 16)
    assert samples == [0, 1000, -1000, 32767, -32768]


def test_read_file_from_standard_library(tmp_path):
    path = tmp_path / "std.wav"
    with wave.open(str(path), "wb") as w:
        w.setnchannels(2)
        w.setsampwidth(2)
        w.setframerate(44100)
        w.writeframes((1).to_bytes(2, "little", signed=True) + (-2).to_bytes(2, "little", signed=True))
    fmt, samples = read_wav(path)
    assert fmt == WavFormat(2, 44100, 16)
    assert samples == [1, -2]


def test_written_file_opens_in_standard_library(tmp_path):
    path = tmp_path / "out.wav"
    write_wav(path, [5, 6, 7, 8], 22050, channels=2)
    with wave.open(str(path), "rb") as w:
        assert (w.getnchannels(), w.getframerate(), w.getnframes()) == (2, 22050, 2)


def test_not_a_wav(tmp_path):
    path = tmp_path / "x.wav"
    path.write_bytes(b"ID3\x03" + bytes(40))
    with pytest.raises(WavError):
        read_wav(path)


def test_duration():
    assert duration(WavFormat(2, 8000), 16000) == 1.0
