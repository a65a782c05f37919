"""The console on a colour terminal, drawn with rich: a spinner that follows the stages and
the candidates as they are tried, syntax-coloured diffs and a table of the ranked fixes. What
it says is what the plain :class:`~homeostasis.ui.console.Console` says; only the drawing
differs, so a log or a pipe (or ``NO_COLOR``) loses nothing but the colour."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, TextIO

from homeostasis.core.records import Candidate, Ranked, Ranking, Trial
from homeostasis.ui.console import _STATUS_MARK, Console, _one_line

if TYPE_CHECKING:
    from rich.status import Status

#: The ranked fixes listed in the table (all of them are in ranking.json).
TABLE_ROWS = 10


class RichConsole(Console):
    """A :class:`Console` drawn with rich on the terminal ``out``."""

    def __init__(self, out: TextIO, ask: Callable[[str], str]) -> None:
        # Imported here: `homeostasis --help` and runs without a terminal never load rich.
        from rich.console import Console as Terminal

        super().__init__(out, interactive=True, ask=self._asking(ask), color=True)
        self.rich = Terminal(file=out, highlight=False, soft_wrap=True, emoji=False)
        self._status: Status | None = None
        self._stage = ""

    def _asking(self, ask: Callable[[str], str]) -> Callable[[str], str]:
        def asked(prompt: str) -> str:
            self._stop()
            return ask(prompt)
        return asked

    def close(self) -> None:
        """Stop the spinner, which gives the cursor back."""
        self._stop()

    def _stop(self) -> None:
        if self._status is not None:
            self._status.stop()
            self._status = None

    def _spin(self, text: str) -> None:
        if self._status is None:
            self._status = self.rich.status(text, spinner="dots")
            self._status.start()
        else:
            self._status.update(text)

    def say(self, text: str = "") -> None:
        self.rich.print(text, markup=False)

    def stage(self, text: str) -> None:
        self._stage = text
        self.rich.print(f"[bold cyan]▸[/] {_escape(text)}")
        self._spin(_escape(text))

    def trial_done(self, cand: Candidate, trial: Trial, done: int) -> None:
        mark = _STATUS_MARK.get(trial.status, "?")
        line = f"[{done}] {mark} {cand.id} {trial.status}: {_one_line(trial.reason, 60)}"
        if trial.status == "plausible":
            self.rich.print(f"  [green]{_escape(line)}[/]")
        self._spin(f"{_escape(self._stage)} · {_escape(line)}")

    def trials_summary(self, trials: Any) -> None:
        self._stop()
        super().trials_summary(trials)

    def show_candidate(self, cand: Candidate, ranked: Ranked) -> None:
        self.rich.print(f"\n[bold]#{ranked.rank} {_escape(cand.id)}[/] — "
                        f"{_escape(cand.description)}")
        self.rich.print(f"   [dim]score {ranked.score.total:g}: "
                        f"{_escape(ranked.score.explanation)}[/]")
        self.show_diff(cand.diff)

    def show_diff(self, diff: str) -> None:
        from rich.padding import Padding
        from rich.syntax import Syntax

        self.rich.print(Padding(Syntax(diff.rstrip("\n"), "diff", theme="ansi_dark",
                                       background_color="default", word_wrap=True),
                                (0, 0, 0, 3)))

    def ranking(self, ranking: Ranking, candidates: Mapping[str, Candidate]) -> None:
        from rich.table import Table

        self._stop()
        if not ranking.ranked:
            self.rich.print("\n[yellow]No candidate passed the tests.[/]")
            return
        table = Table(title=f"{len(ranking.ranked)} plausible fix(es), best first",
                      title_justify="left", show_edge=False)
        for column in ("#", "fix", "score"):
            table.add_column(column, no_wrap=True, justify="left" if column == "fix"
                             else "right")
        table.add_column("what it changes", no_wrap=True, overflow="ellipsis")
        for ranked in ranking.ranked[:TABLE_ROWS]:
            cand = candidates[ranked.candidate_id]
            table.add_row(str(ranked.rank), cand.id, f"{ranked.score.total:g}",
                          _one_line(cand.description, max(20, self.rich.width - 30)))
        self.rich.print()
        self.rich.print(table)
        best = ranking.ranked[0]
        self.show_candidate(candidates[best.candidate_id], best)


def _escape(text: str) -> str:
    from rich.markup import escape

    return escape(text)
