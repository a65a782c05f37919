import pytest

from loyalty import Account, InsufficientPoints, points_to_next_tier, tier_for


def test_new_member_is_bronze():
    assert tier_for(0).name == "Bronze"
    assert points_to_next_tier(0) == 1000


def test_reaching_silver_threshold():
    assert tier_for(1000).name == "Silver"


def test_top_tier_has_no_next():
    assert tier_for(25000).name == "Platinum"
    assert points_to_next_tier(25000) is None


def test_earning_at_bronze_rate():
    account = Account("m-1")
    assert account.earn(4599) == 45
    assert account.balance == 45


def test_multiplier_applies_once_tier_reached():
    account = Account("m-2")
    account.earn(100_000)
    assert account.lifetime == 1000
    assert account.earn(10_000) == 125


def test_redeem_keeps_lifetime_points():
    account = Account("m-3")
    account.earn(50_000)
    assert account.redeem(200) == 300
    assert account.lifetime == 500


def test_cannot_redeem_more_than_balance():
    account = Account("m-4")
    account.earn(1_000)
    with pytest.raises(InsufficientPoints):
        account.redeem(11)
