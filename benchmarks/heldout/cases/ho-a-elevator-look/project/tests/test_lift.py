import pytest

from lift import Car, Direction, Dispatcher


def run_until_idle(car, limit=100):
    for _ in range(limit):
        if not car.stops:
            break
        car.step()


def test_car_goes_up_in_order():
    car = Car("A", floor=0)
    for f in (5, 2, 8):
        car.request(f)
    run_until_idle(car)
    assert car.visited == [2, 5, 8]


def test_car_finishes_upward_sweep_before_turning():
    car = Car("A", floor=3)
    car.request(6)
    car.step()
    car.request(1)
    run_until_idle(car)
    assert car.visited == [6, 1]


def test_car_going_down_serves_lower_floors_first():
    car = Car("A", floor=9)
    car.request(4)
    car.step()
    car.request(7)
    car.request(2)
    run_until_idle(car)
    assert car.visited == [7, 4, 2]


def test_unserved_floor_rejected():
    with pytest.raises(ValueError):
        Car("A", highest=5).request(6)


def test_dispatcher_sends_nearest_idle_car():
    low, high = Car("low", floor=0), Car("high", floor=9)
    d = Dispatcher([low, high])
    assert d.call(7) is high
    assert d.call(1) is low


def test_idle_car_has_no_direction():
    car = Car("A", floor=2)
    car.step()
    assert car.direction is Direction.IDLE and car.next_stop() is None
