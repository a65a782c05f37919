from loyalty import points_to_next_tier, tier_for


def test_every_threshold_is_inclusive():
    assert [tier_for(p).name for p in (1000, 5000, 20000)] == ["Silver", "Gold", "Platinum"]


def test_one_point_short_stays_below():
    assert [tier_for(p).name for p in (999, 4999, 19999)] == ["Bronze", "Silver", "Gold"]


def test_points_to_next_tier_at_a_threshold():
    assert points_to_next_tier(5000) == 15000
    assert points_to_next_tier(4999) == 1
    assert points_to_next_tier(20000) is None
