import pytest

from shipping import Parcel, Route, label


def test_chargeable_weight_uses_actual_weight_for_dense_parcels():
    assert Parcel(3.2, 20, 20, 10).chargeable_kg == 3.5


def test_chargeable_weight_uses_volume_for_bulky_parcels():
    assert Parcel(1.0, 50, 40, 30).chargeable_kg == 12.0


def test_route_needs_two_stops():
    with pytest.raises(ValueError, match="at least one more stop"):
        Route(("Depot",))


def test_legs_pair_consecutive_stops():
    route = Route(("Depot", "Mill Lane", "High St"))
    assert route.legs() == [("Depot", "Mill Lane"), ("Mill Lane", "High St")]
    assert route.origin == "Depot"


def test_destination_is_last_stop():
    assert Route(("Depot", "Mill Lane", "High St")).destination == "High St"


def test_label_names_both_ends_and_the_weight():
    text = label(Parcel(3.2, 20, 20, 10), Route(("Depot", "Harbour")))
    assert text == "Depot → Harbour | 3.5 kg chargeable"
