from lift import Car, Direction, Dispatcher


def drain(car, limit=100):
    for _ in range(limit):
        if not car.stops:
            break
        car.step()


def test_going_down_with_stops_on_both_sides():
    car = Car("A", floor=5)
    car.request(3)
    car.step()
    assert car.direction is Direction.DOWN
    car.request(8)
    car.request(1)
    drain(car)
    assert car.visited == [3, 1, 8]


def test_going_down_picks_nearest_lower_floor():
    car = Car("A", floor=8)
    car.request(0)
    car.step()
    for f in (2, 6, 9):
        car.request(f)
    assert car.next_stop() == 6


def test_turns_up_when_nothing_left_below():
    car = Car("A", floor=6)
    car.request(5)
    drain(car)
    car.direction = Direction.DOWN
    car.request(9)
    assert car.next_stop() == 9


def test_dispatcher_runs_all_calls_to_completion():
    a, b = Car("a", floor=10), Car("b", floor=0)
    d = Dispatcher([a, b])
    for f in (9, 4, 7, 1):
        d.call(f)
    d.run(40)
    assert d.idle()
    assert sorted(a.visited + b.visited) == [1, 4, 7, 9]
