import pytest

from fitlog import lap_table, split_laps, zone_for, zone_minutes

SAMPLES = [(0, 100), (30, 120), (60, 140), (90, 150), (120, 160), (150, 170), (179, 180)]


def test_split_into_laps():
    laps = split_laps(SAMPLES, presses=[60, 120], finish=180)
    assert [(lap.start, lap.end) for lap in laps] == [(0, 60), (60, 120), (120, 180)]
    assert laps[1].heart_rates == [140, 150]


def test_lap_averages():
    laps = split_laps(SAMPLES, presses=[60, 120], finish=180)
    assert [lap.average_hr for lap in laps] == [110, 145, 170]
    assert laps[2].max_hr == 180


def test_presses_must_increase():
    with pytest.raises(ValueError):
        split_laps(SAMPLES, presses=[120, 60], finish=180)
    with pytest.raises(ValueError):
        split_laps(SAMPLES, presses=[200], finish=180)


def test_zone_for():
    assert zone_for(171, 190) == "Z5"
    assert zone_for(150, 190) == "Z3"
    assert zone_for(90, 190) == "Z1"


def test_lap_table():
    laps = split_laps(SAMPLES, presses=[60], finish=180)
    assert lap_table(laps) == " 1   1:00  110  120\n 2   2:00  160  180"


def test_lap_without_heart_rate():
    samples = [(10, 130), (20, 132), (250, 150)]
    laps = split_laps(samples, presses=[120, 240], finish=300)
    assert lap_table(laps) == " 1   2:00  131  132\n 2   2:00   --   --\n 3   1:00  150  150"
