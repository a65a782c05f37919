"""Headcount and reporting-line questions."""

from __future__ import annotations

from orgchart.model import Employee, OrgChart


def team_size(chart: OrgChart, emp_id: str) -> int:
    """Headcount of the part of the organisation led by ``emp_id``: the person
    themself plus everyone who reports to them, directly or indirectly."""
    reports = chart.reports_of(emp_id)
    if not reports:
        return 1
    return 1 + sum(team_size(chart, r.id) for r in reports)


def chain_of_command(chart: OrgChart, emp_id: str) -> list[Employee]:
    """Managers above ``emp_id``, nearest first."""
    chain = []
    current = chart.get(emp_id)
    seen = {current.id}
    while current.manager_id is not None:
        current = chart.get(current.manager_id)
        if current.id in seen:
            raise ValueError(f"reporting cycle through {current.id}")
        seen.add(current.id)
        chain.append(current)
    return chain


def largest_teams(chart: OrgChart, n: int = 3) -> list[tuple[str, int]]:
    """The ``n`` managers (people with reports) leading the most people."""
    sizes = [(e.id, team_size(chart, e.id)) for e in chart if chart.reports_of(e.id)]
    sizes.sort(key=lambda item: (-item[1], item[0]))
    return sizes[:n]
