import pytest

from csvdedup import dedup, dedup_csv, make_key, read_rows

CONTACTS = """email,name,signed_up
ann@example.com,Ann,2021-03-01
bob@example.com,Bob,2021-04-11
ANN@example.com ,Ann B,2023-01-09
cid@example.com,Cid,2022-07-30
"""


def test_make_key_normalizes():
    assert make_key({"email": "  Ann@Example.COM "}, ["email"]) == ("ann@example.com",)


def test_make_key_requires_columns():
    with pytest.raises(KeyError):
        make_key({"name": "x"}, ["email"])


def test_no_duplicates_keeps_everything():
    rows = [{"id": "1"}, {"id": "2"}]
    result = dedup(rows, ["id"])
    assert result.kept == rows
    assert result.duplicates == []


def test_duplicate_is_reported():
    _, rows = read_rows(CONTACTS)
    result = dedup(rows, ["email"])
    assert [r["name"] for r in result.duplicates] == ["Ann B"]
    assert len(result.kept) == 3


def test_first_occurrence_is_kept():
    _, rows = read_rows(CONTACTS)
    result = dedup(rows, ["email"])
    assert [(r["name"], r["signed_up"]) for r in result.kept] == [
        ("Ann", "2021-03-01"), ("Bob", "2021-04-11"), ("Cid", "2022-07-30")]


def test_dedup_csv_file(tmp_path):
    source, target = tmp_path / "in.csv", tmp_path / "out.csv"
    source.write_text(CONTACTS, encoding="utf-8")
    dedup_csv(source, target, ["email"])
    assert target.read_text(encoding="utf-8").splitlines()[1] == "ann@example.com,Ann,2021-03-01"
