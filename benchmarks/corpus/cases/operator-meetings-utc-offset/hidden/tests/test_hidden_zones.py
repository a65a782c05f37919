from datetime import date, datetime, timedelta

from meetings import UTC, Participant, common_slots, convert, parse_zone


def test_to_utc_west_of_greenwich():
    la = parse_zone("UTC-07:00")
    assert la.to_utc(datetime(2024, 7, 1, 20, 0)) == datetime(2024, 7, 2, 3, 0)


def test_half_hour_zone_round_trip():
    delhi = parse_zone("UTC+05:30")
    local = datetime(2024, 1, 10, 0, 15)
    assert delhi.to_utc(local) == datetime(2024, 1, 9, 18, 45)
    assert delhi.from_utc(delhi.to_utc(local)) == local


def test_convert_between_two_offset_zones():
    sydney, london = parse_zone("UTC+10:00"), parse_zone("UTC+01:00")
    assert convert(datetime(2024, 5, 2, 8, 0), sydney, london) == datetime(2024, 5, 1, 23, 0)
    assert convert(datetime(2024, 5, 1, 23, 0), london, sydney) == datetime(2024, 5, 2, 8, 0)


def test_slots_across_zones():
    berlin = Participant("ana", parse_zone("UTC+02:00"))
    ny = Participant("ben", parse_zone("UTC-04:00"))
    slots = common_slots([berlin, ny], date(2024, 5, 1), timedelta(hours=1))
    # Berlin works 07:00-15:00 UTC, New York 13:00-21:00 UTC
    assert slots == [
        datetime(2024, 5, 1, 13, 0),
        datetime(2024, 5, 1, 13, 30),
        datetime(2024, 5, 1, 14, 0),
    ]


def test_no_overlap_between_far_zones():
    tokyo = Participant("kei", parse_zone("UTC+09:00"))
    sf = Participant("sam", parse_zone("UTC-07:00"))
    assert common_slots([tokyo, sf, Participant("u", UTC)], date(2024, 5, 1), timedelta(hours=1)) == []
