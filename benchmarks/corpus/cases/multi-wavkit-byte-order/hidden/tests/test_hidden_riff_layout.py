import wave

from wavkit import WavFormat, build_header, parse_header, read_wav


def test_header_bytes_are_little_endian():
    header = build_header(WavFormat(1, 16000, 16), 100)
    assert header[4:8] == (136).to_bytes(4, "little")
    assert header[24:28] == (16000).to_bytes(4, "little")
    assert header[40:44] == (100).to_bytes(4, "little")
    assert len(header) == 44


def test_parse_skips_unknown_chunks():
    fmt_body = (1).to_bytes(2, "little") + (1).to_bytes(2, "little") + (11025).to_bytes(4, "little") \
        + (22050).to_bytes(4, "little") + (2).to_bytes(2, "little") + (16).to_bytes(2, "little")
    chunks = b"LIST" + (3).to_bytes(4, "little") + b"abc\x00" \
        + b"fmt " + (16).to_bytes(4, "little") + fmt_body \
        + b"data" + (4).to_bytes(4, "little") + b"\x01\x00\x02\x00"
    data = b"RIFF" + (4 + len(chunks)).to_bytes(4, "little") + b"WAVE" + chunks
    fmt, offset, size = parse_header(data)
    assert fmt == WavFormat(1, 11025, 16)
    assert (offset, size) == (len(data) - 4, 4)


def test_standard_library_mono_file(tmp_path):
    path = tmp_path / "mono.wav"
    frames = b"".join(v.to_bytes(2, "little", signed=True) for v in (100, -100, 300))
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(48000)
        w.writeframes(frames)
    assert read_wav(path) == (WavFormat(1, 48000, 16), [100, -100, 300])
