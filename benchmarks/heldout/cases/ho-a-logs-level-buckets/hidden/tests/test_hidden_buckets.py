from logbucket import by_level, parse_line, summary


def test_each_record_in_one_bucket():
    recs = [parse_line(f"2024-01-01T00:00:0{i}Z {lvl} [svc] m{i}")
            for i, lvl in enumerate(["DEBUG", "ERROR", "ERROR", "FATAL"])]
    groups = by_level(recs)
    assert sum(len(v) for v in groups.values()) == 4
    assert [r.message for r in groups["ERROR"]] == ["m1", "m2"]
    assert [r.message for r in groups["CRITICAL"]] == ["m3"]


def test_separate_calls_do_not_share_buckets():
    first = by_level([parse_line("2024-01-01T00:00:00Z INFO [a] one")])
    second = by_level([parse_line("2024-01-01T00:00:01Z INFO [b] two")])
    assert [r.message for r in first["INFO"]] == ["one"]
    assert [r.message for r in second["INFO"]] == ["two"]


def test_summary_all_levels():
    recs = [parse_line("2024-01-01T00:00:00Z WARNING [a] x")]
    assert summary(recs) == {"DEBUG": 0, "INFO": 0, "WARNING": 1, "ERROR": 0, "CRITICAL": 0}
