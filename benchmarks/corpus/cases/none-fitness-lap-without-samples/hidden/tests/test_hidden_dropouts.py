from fitlog import Lap, split_laps, zone_minutes


def test_empty_lap_has_no_average():
    assert Lap(1, 0, 60).average_hr is None


def test_zone_minutes_skip_laps_without_data():
    samples = [(5, 175), (15, 178)]
    laps = split_laps(samples, presses=[60], finish=180)
    assert zone_minutes(laps, max_hr=190) == {"Z5": 1.0}


def test_dropout_lap_is_not_counted_as_easy():
    samples = [(10, 160), (200, 162)]
    laps = split_laps(samples, presses=[60, 180], finish=240)
    assert [lap.average_hr for lap in laps] == [160, None, 162]
    assert zone_minutes(laps, max_hr=200) == {"Z4": 2.0}


def test_workout_without_any_samples():
    laps = split_laps([], presses=[], finish=600)
    assert laps[0].average_hr is None
    assert zone_minutes(laps, max_hr=180) == {}
