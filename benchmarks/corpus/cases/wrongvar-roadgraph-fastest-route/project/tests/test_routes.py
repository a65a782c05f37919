import pytest

from roadmap import NoRoute, RoadNetwork, fastest_route, reachable, shortest_route


@pytest.fixture
def net():
    n = RoadNetwork()
    # a short road over the hills and a longer motorway around them
    n.add_road("Ashby", "Hillcrest", 20, 40)
    n.add_road("Hillcrest", "Carlow", 15, 30)
    n.add_road("Ashby", "Junction", 30, 18)
    n.add_road("Junction", "Carlow", 25, 15)
    n.add_road("Carlow", "Dunmore", 10, 12, two_way=False)
    return n


def test_shortest_route_by_distance(net):
    route = shortest_route(net, "Ashby", "Carlow")
    assert route.towns == ["Ashby", "Hillcrest", "Carlow"]
    assert route.km == 35


def test_fastest_route_by_time(net):
    route = fastest_route(net, "Ashby", "Carlow")
    assert route.towns == ["Ashby", "Junction", "Carlow"]
    assert route.minutes == 33


def test_one_way_road(net):
    assert shortest_route(net, "Ashby", "Dunmore").km == 45
    with pytest.raises(NoRoute):
        shortest_route(net, "Dunmore", "Ashby")


def test_unknown_town(net):
    with pytest.raises(NoRoute):
        fastest_route(net, "Ashby", "Nowhere")


def test_route_to_itself_is_empty(net):
    route = fastest_route(net, "Carlow", "Carlow")
    assert route.roads == () and route.minutes == 0


def test_reachable(net):
    assert reachable(net, "Dunmore") == {"Dunmore"}
    assert reachable(net, "Hillcrest") == {"Ashby", "Hillcrest", "Junction", "Carlow", "Dunmore"}
