"""Building a chart from HR export rows: ``id;name;title;manager id``."""

from __future__ import annotations

from orgchart.model import Employee, OrgChart


def load_rows(lines: list[str]) -> OrgChart:
    chart = OrgChart()
    rows = []
    for raw in lines:
        raw = raw.strip()
        if not raw:
            continue
        fields = [f.strip() for f in raw.split(";")]
        if len(fields) != 4:
            raise ValueError(f"expected 4 fields: {raw!r}")
        rows.append(Employee(fields[0], fields[1], fields[2], fields[3] or None))
    for emp in rows:
        chart.add(emp)
    known = {e.id for e in rows}
    for emp in rows:
        if emp.manager_id is not None and emp.manager_id not in known:
            raise ValueError(f"{emp.id} reports to unknown {emp.manager_id}")
    return chart
