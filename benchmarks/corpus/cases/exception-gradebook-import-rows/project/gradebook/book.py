from __future__ import annotations

LETTERS = [(90, "A"), (80, "B"), (70, "C"), (60, "D"), (0, "F")]


class UnknownAssignment(KeyError):
    pass


class Gradebook:
    """Scores per student, for assignments that each have a maximum score and a weight."""

    def __init__(self, assignments: dict[str, tuple[int, float]]) -> None:
        self.assignments = dict(assignments)
        self.scores: dict[str, dict[str, int]] = {}

    def record(self, student: str, assignment: str, score: int) -> None:
        if assignment not in self.assignments:
            raise UnknownAssignment(assignment)
        maximum, _ = self.assignments[assignment]
        if not 0 <= score <= maximum:
            raise ValueError(f"{assignment}: score {score} outside 0..{maximum}")
        self.scores.setdefault(student, {})[assignment] = score

    def percent(self, student: str) -> float:
        """Weighted percentage over the assignments the student has a score for."""
        done = self.scores.get(student, {})
        weight = sum(self.assignments[a][1] for a in done)
        if not weight:
            return 0.0
        earned = sum(score / self.assignments[a][0] * self.assignments[a][1] for a, score in done.items())
        return round(100 * earned / weight, 1)

    def letter(self, student: str) -> str:
        pct = self.percent(student)
        return next(letter for floor, letter in LETTERS if pct >= floor)
