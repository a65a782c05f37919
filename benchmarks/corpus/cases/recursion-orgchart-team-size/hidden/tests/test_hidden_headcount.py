from orgchart import Employee, OrgChart, largest_teams, team_size


def build(pairs):
    chart = OrgChart()
    for emp_id, manager in pairs:
        chart.add(Employee(emp_id, emp_id.title(), "staff", manager))
    return chart


def test_individual_contributor_is_a_team_of_one():
    chart = build([("boss", None), ("ic", "boss")])
    assert team_size(chart, "ic") == 1
    assert team_size(chart, "boss") == 2


def test_deep_line():
    chart = build([("a", None), ("b", "a"), ("c", "b"), ("d", "c"), ("e", "d")])
    assert [team_size(chart, x) for x in "abcde"] == [5, 4, 3, 2, 1]


def test_team_sizes_add_up():
    chart = build([("r", None), ("m1", "r"), ("m2", "r"), ("x", "m1"), ("y", "m1"), ("z", "m2"), ("w", "z")])
    assert team_size(chart, "r") == len(chart)
    assert team_size(chart, "r") == 1 + team_size(chart, "m1") + team_size(chart, "m2")


def test_largest_teams():
    chart = build([("r", None), ("m1", "r"), ("m2", "r"), ("x", "m1"), ("y", "m1"), ("z", "m2")])
    assert largest_teams(chart, 2) == [("r", 6), ("m1", 3)]
