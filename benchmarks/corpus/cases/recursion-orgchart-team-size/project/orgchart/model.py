"""Employees and who reports to whom."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Employee:
    id: str
    name: str
    title: str
    manager_id: str | None = None


class OrgChart:
    def __init__(self) -> None:
        self._people: dict[str, Employee] = {}
        self._reports: dict[str, list[str]] = {}

    def add(self, emp: Employee) -> None:
        if emp.id in self._people:
            raise ValueError(f"duplicate employee id {emp.id}")
        self._people[emp.id] = emp
        self._reports.setdefault(emp.id, [])
        if emp.manager_id is not None:
            self._reports.setdefault(emp.manager_id, []).append(emp.id)

    def get(self, emp_id: str) -> Employee:
        return self._people[emp_id]

    def reports_of(self, emp_id: str) -> list[Employee]:
        """Direct reports, in the order they were added."""
        self.get(emp_id)
        return [self._people[r] for r in self._reports.get(emp_id, [])]

    def roots(self) -> list[Employee]:
        return [e for e in self._people.values() if e.manager_id is None]

    def __iter__(self):
        return iter(self._people.values())

    def __len__(self) -> int:
        return len(self._people)
