from roadmap import RoadNetwork, fastest_route, shortest_route


def _grid():
    n = RoadNetwork()
    n.add_road("A", "B", 5, 50)
    n.add_road("B", "D", 5, 55)
    n.add_road("A", "C", 40, 20)
    n.add_road("C", "D", 40, 20)
    n.add_road("A", "D", 60, 35)
    return n


def test_fastest_takes_the_direct_road_when_it_is_quickest():
    route = fastest_route(_grid(), "A", "D")
    assert route.towns == ["A", "D"] and route.minutes == 35


def test_fastest_and_shortest_differ():
    net = _grid()
    assert shortest_route(net, "A", "D").towns == ["A", "B", "D"]
    assert fastest_route(net, "B", "C").towns == ["B", "A", "C"]
    assert fastest_route(net, "B", "C").minutes == 70


def test_fastest_is_never_slower_than_shortest():
    net = _grid()
    for a in "ABCD":
        for b in "ABCD":
            assert fastest_route(net, a, b).minutes <= shortest_route(net, a, b).minutes
