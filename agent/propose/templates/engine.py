"""The template proposer: classic mutations and fault templates of the suspect lines, needing
no model.

For each suspect line (most suspicious first) in a project source file — then the lines the
suspects' functions depend on that run only at import (their default values, the module-level
assignments of the names they read), and, when no coverage spectrum says which lines the
failing tests ran, every other statement of those functions — every node is fed to the node
operators of :mod:`.operators`, and the site to the templates of :mod:`.registry`, the
systematic single edits of :mod:`.exhaustive` last among them. Each edit's priority is its
suspect's score times the prior
of its tier times what the failure says about its kind (:mod:`.evidence`), discounted by the
site's rank; they are offered best first, skipping any that does not parse or is the same program
(by AST) as one already offered. Two thirds of the time budget (or of the candidate budget,
without one) go to single edits; then, until five sixths are spent, the pairs the trials point
at (:mod:`.combinations`): each single edit that made some of the failing tests pass (the
search reports every trial to :meth:`TemplateProposer.observe`) with the best edits of every
other site, those in other functions first, and an edit repeated at another suspect line; then
the rest of the single edits, and last the best edits of the most suspicious sites paired
blindly. A developer's hints first refocus the suspects and add to the evidence (:mod:`.hints`).
"""

from __future__ import annotations

import ast
import itertools
import logging
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from homeostasis.core.diff import diff_files, edit_from_texts, unified_diff
from homeostasis.core.project import is_test_path, parse_python, read_source
from homeostasis.core.records import Candidate, Failure, Suspect, Trial
from homeostasis.propose.base import RepairTask
from homeostasis.propose.templates.ast_helpers import contains, exception_name, walk_scope
from homeostasis.propose.templates.combinations import (
    Pair,
    Single,
    pairs,
    per_site,
    repeated,
    with_partners,
)
from homeostasis.propose.templates.dedup import Offered
from homeostasis.propose.templates.evidence import Evidence, read_evidence
from homeostasis.propose.templates.hints import read_hints
from homeostasis.propose.templates.mutations import OTHER, TIER_PRIOR, Mutation, Source
from homeostasis.propose.templates.operators import OPERATORS
from homeostasis.propose.templates.registry import TEMPLATES, Template
from homeostasis.propose.templates.site import Site
from homeostasis.propose.templates.syntax_errors import syntax_repairs
from homeostasis.tools.judge.overfitting import literals_of_tests, shape_of

_SHOWN_WIDTH = 80

log = logging.getLogger(__name__)

#: Each site's priority is discounted by its rank among the sites: tied suspicion scores are
#: common, and the tie order (focus first) carries information the score does not.
SITE_DECAY = 0.93
#: Distinct suspect lines mutated at the most.
MAX_SITES = 40
#: A statement of a suspect's function that is not itself a suspect gets this share of the
#: suspect's score (only when no spectrum is known: with one, such a line never ran in a
#: failing test, and no edit of it can fix one).
REGION_SHARE = 0.5
#: The share of the budget that goes to single edits before pairs are tried, and the share
#: spent by which the pairs that follow from the trials give way to the single edits again.
SINGLES_SHARE, PAIRS_UNTIL = 2 / 3, 5 / 6
#: Pairs are made of the best edits of this many sites, this many per site.
PAIR_SITES, PAIR_EACH = 8, 3
#: The single edits that fixed some failing tests paired with every site's best, at most.
HALVES = 6


@dataclass(frozen=True)
class _Module:
    source: Source
    tree: ast.Module


def mutations_at(site: Site, templates: Sequence[Template] = ()) -> list[tuple[Mutation, str]]:
    """Every mutation of a suspect site, with why it may overfit ("" when it is not known to):
    the node operators on each node of its lines, then every edit of the templates (past their
    caps too, in tier EXHAUSTIVE); likeliest first, left to right."""
    found = [(m, "") for node in site.nodes() for operator in OPERATORS
             for m in operator(node, site.source)]
    found += [(m, template.overfits) for template in templates for m in template.every(site)]
    return sorted(found, key=lambda f: (_tier(f[0]), f[0].start, f[0].rank, f[0].end))


def _tier(mutation: Mutation) -> int:
    """The mutation's tier (every operator and template gives one; OTHER stands in)."""
    return OTHER if mutation.tier is None else mutation.tier


def _editable(path: str) -> bool:
    """Whether a candidate may edit ``path``: a project source file, not a test."""
    posix = PurePosixPath(path)
    return not (is_test_path(path) or posix.is_absolute() or ".." in posix.parts)


def _shorten(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= _SHOWN_WIDTH else flat[: _SHOWN_WIDTH - 1] + "…"


class TemplateProposer:
    """Proposes single edits of the suspect lines of a failing project — operator swaps, ±1,
    negations, argument swaps, the site templates given and the systematic single edits — and
    pairs of them, offline and deterministically."""

    name = "templates"

    def __init__(self, templates: Sequence[Template] | None = None) -> None:
        self.templates: tuple[Template, ...] = tuple(
            TEMPLATES if templates is None else templates)
        self._made: dict[str, Single] = {}
        self._progress: list[tuple[int, Single]] = []
        self._literals: frozenset[str] = frozenset()

    def propose(self, task: RepairTask, budget: int) -> Iterator[Candidate]:
        """Yield at most ``budget`` parseable, mutually distinct candidates, most likely
        first: syntax repairs, single edits, the pairs the trials point at, the remaining
        single edits, then pairs of the best edits of each site."""
        if budget <= 0:
            return
        guidance = read_hints(task.hints, task.root, task.suspects)
        task = guidance.refocus(task)
        sites = list(self._sites(task))
        ranked = self._ranked(sites, read_evidence(task.failures).joined(guidance.evidence))
        offered, singles = Offered(sites), []
        self._literals = literals_of_tests(task.context, task.failures)
        self._made, self._progress = {}, []
        count = 0

        def single_candidates() -> Iterator[Candidate]:
            for single in ranked:
                site, mutation = single.site, single.mutation
                old = site.source.text
                new = old[: mutation.start] + mutation.replacement + old[mutation.end :]
                changed = offered.fresh({site.path: (new, [mutation])})
                if changed is not None:
                    singles.append(single)
                    overfit = single.overfit or shape_of(*changed[0], self._literals)
                    candidate = self._candidate(count + 1, single, new, overfit)
                    self._made[candidate.id] = single
                    yield candidate

        def offer(found: Iterator[Pair]) -> Iterator[Candidate]:
            for pair in found:
                if offered.fresh(_pair_edits(pair)) is not None:
                    yield self._pair_candidate(count + 1, pair)

        def half_pairs() -> Iterator[Candidate]:
            lines = {(s.path, s.line) for s in task.suspects}
            halves = [s for _, s in sorted(self._progress, key=lambda p: -p[0])]
            yield from offer(itertools.chain(
                with_partners(halves[:HALVES], per_site(ranked, MAX_SITES, PAIR_EACH)),
                repeated(singles, lines)))

        def site_pairs() -> Iterator[Candidate]:
            yield from offer(pairs(per_site(singles, PAIR_SITES, PAIR_EACH)))

        def offered_so_far() -> int:
            return count

        single = single_candidates()
        phases = ((self._syntax_candidates(task), _never),
                  (single, _spent(task, budget, offered_so_far, SINGLES_SHARE)),
                  (half_pairs(), _spent(task, budget, offered_so_far, PAIRS_UNTIL)),
                  (single, _never), (site_pairs(), _never))
        for stream, enough in phases:
            for candidate in stream:
                count += 1
                yield candidate
                if count >= budget:
                    return
                if enough():
                    break

    def observe(self, candidate: Candidate, trial: Trial) -> None:
        """Learn from a candidate's trial: a single edit that made some failing tests pass,
        but not all, and broke none is remembered as one half of a fix in two places."""
        single = self._made.get(candidate.id)
        fixed = sum(trial.fail_to_pass.values())
        if (single is not None and trial.status == "failed" and fixed
                and not trial.pass_to_pass_broken):
            self._progress.append((fixed, single))

    def _ranked(self, sites: Sequence[Site], evidence: Evidence) -> list[Single]:
        """Every edit of every site, best first."""
        ranked: list[tuple[float, int, int, Single]] = []
        for index, site in enumerate(sites):
            raised = exception_name(site.exception) if site.exception else ""
            for order, (mutation, overfit) in enumerate(mutations_at(site, self.templates)):
                priority = (site.suspect.score * TIER_PRIOR.get(_tier(mutation), 0.1)
                            * SITE_DECAY**index * evidence.weight(mutation, raised))
                ranked.append((-priority, index, order, Single(priority, site, mutation,
                                                               overfit)))
        ranked.sort(key=lambda r: r[:3])
        return [r[3] for r in ranked]

    def _sites(self, task: RepairTask) -> Iterator[Site]:
        """A site per distinct suspect line in an editable, parseable file, best first; then
        one per line the suspects' functions read at import; then, when no suspect comes from
        a coverage spectrum, one per other statement of the suspects' functions."""
        modules: dict[str, _Module | None] = {}
        done: set[tuple[str, int]] = set()
        chosen: list[Site] = []
        for suspect in sorted(task.suspects, key=lambda s: -s.score):
            key = (suspect.path, suspect.line)
            if key in done or suspect.source == "syntax":
                continue
            done.add(key)
            if len(done) > MAX_SITES:
                break
            if suspect.path not in modules:
                modules[suspect.path] = self._load(task.root, suspect.path)
            module = modules[suspect.path]
            if module is not None:
                chosen.append(Site(suspect.path, module.source, module.tree, suspect,
                                   _failures_at(task, suspect), task.repo))
        yield from chosen
        yield from self._read_from_outside(task, chosen, done)
        if any(s.source == "sbfl" for s in task.suspects):
            return
        for site in list(chosen):
            function = site.function
            if function is None:
                continue
            for line in sorted({n.lineno for n in ast.walk(function)
                                if isinstance(n, ast.stmt) and n is not function}):
                if (site.path, line) in done:
                    continue
                done.add((site.path, line))
                suspect = Suspect(site.path, line, site.suspect.score * REGION_SHARE,
                                  site.suspect.source, f"in {function.name}, as a suspect is",
                                  function.name)
                yield Site(site.path, site.source, site.tree, suspect,
                           _failures_at(task, suspect), task.repo)

    @staticmethod
    def _read_from_outside(task: RepairTask, chosen: Sequence[Site],
                           done: set[tuple[str, int]]) -> Iterator[Site]:
        """A site per line the suspects' functions depend on but that runs only when the module
        is imported, so no spectrum and no traceback names it: the signature holding their
        default values, and the module's and class's assignments of the names they read
        (``RATE = 0.2``, ``limit: int = 10``)."""
        functions: set[int] = set()
        for site in chosen:
            fn = site.function
            if fn is None or id(fn) in functions:
                continue
            functions.add(id(fn))
            lines = [fn.lineno] if fn.args.defaults or any(fn.args.kw_defaults) else []
            read = {n.id for n in walk_scope(fn) if isinstance(n, ast.Name)
                    and isinstance(n.ctx, ast.Load)}
            outer = [*site.tree.body, *(s for c in site.tree.body if isinstance(c, ast.ClassDef)
                                        and contains(c, fn) for s in c.body)]
            lines += [stmt.lineno for stmt in outer
                      if isinstance(stmt, (ast.Assign, ast.AnnAssign)) and stmt.value
                      and read & {t.id for t in _targets(stmt) if isinstance(t, ast.Name)}]
            for line in lines:
                if (site.path, line) in done:
                    continue
                done.add((site.path, line))
                suspect = Suspect(site.path, line, site.suspect.score * REGION_SHARE,
                                  site.suspect.source, f"read by {fn.name}, as a suspect is",
                                  fn.name)
                yield Site(site.path, site.source, site.tree, suspect,
                           _failures_at(task, suspect), task.repo)

    @staticmethod
    def _syntax_candidates(task: RepairTask) -> Iterator[Candidate]:
        """Candidates that make a file which does not parse compile again."""
        count = 0
        for suspect in _syntax_suspects(task):
            if not _editable(suspect.path):
                continue
            old = _read(task.root, suspect.path)
            if old is None:
                continue
            for what, line, new in syntax_repairs(old, suspect.line):
                count += 1
                yield Candidate(
                    id=f"t{count:03d}",
                    proposer="templates",
                    edits=(edit_from_texts(suspect.path, old, new),),
                    description=f"{suspect.path}:{line}: {what} (syntax repair)",
                    diff=unified_diff(suspect.path, old, new),
                    template="syntax",
                    suspect_score=suspect.score,
                )

    @staticmethod
    def _load(root: Path, path: str) -> _Module | None:
        """The parsed source of a project file a candidate may edit, or None."""
        if not _editable(path):
            return None
        text = _read(root, path)
        tree = None if text is None else parse_python(text)
        return None if text is None or tree is None else _Module(Source(text), tree)

    @staticmethod
    def _candidate(number: int, single: Single, new: str, overfit: str) -> Candidate:
        site, mutation = single.site, single.mutation
        old = site.source.text
        return Candidate(
            id=f"t{number:03d}",
            proposer="templates",
            edits=(edit_from_texts(site.path, old, new),),
            description=f"{_describe(site, mutation)[:-1]}; "
            f"suspect score {site.suspect.score:.2f})",
            diff=unified_diff(site.path, old, new),
            template=mutation.label,
            suspect_score=site.suspect.score,
            overfit=overfit,
        )

    @staticmethod
    def _pair_candidate(number: int, pair: Pair) -> Candidate:
        sites = {s.site.path: s.site for s in (pair.first, pair.second)}
        old = {path: site.source.text for path, site in sites.items()}
        return Candidate(
            id=f"t{number:03d}",
            proposer="templates",
            edits=tuple(edit_from_texts(p, old[p], pair.texts[p]) for p in sorted(pair.texts)),
            description="two edits: " + "; ".join(
                _describe(s.site, s.mutation) for s in (pair.first, pair.second)),
            diff=diff_files(old, pair.texts),
            template=f"{pair.first.mutation.label} + {pair.second.mutation.label}",
            round=2,
            overfit=pair.first.overfit or pair.second.overfit,
        )


def _targets(stmt: ast.Assign | ast.AnnAssign) -> list[ast.AST]:
    """The nodes of an assignment's targets (its names among them, tuples unpacked)."""
    found = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
    return [n for t in found for n in ast.walk(t)]


def _pair_edits(pair: Pair) -> dict[str, tuple[str, list[Mutation]]]:
    return {path: (text, [s.mutation for s in (pair.first, pair.second)
                          if s.site.path == path])
            for path, text in pair.texts.items()}


def _never() -> bool:
    return False


def _spent(task: RepairTask, budget: int, count: Callable[[], int], share: float
           ) -> Callable[[], bool]:
    """Whether ``share`` of the time budget is spent (of the candidate budget, when the task
    has no deadline)."""
    deadline = task.deadline
    if deadline is not None:
        return lambda: deadline.spent() >= share
    limit = budget - int(budget * (1 - share))
    return lambda: count() >= limit


def _describe(site: Site, mutation: Mutation) -> str:
    old = site.source.text
    lo, hi = mutation.shown
    before = old[lo:hi]
    after = old[lo : mutation.start] + mutation.replacement + old[mutation.end : hi]
    function = site.function.name if site.function else site.suspect.function
    where = f"{site.path}:{site.suspect.line}" + (f" in {function}" if function else "")
    return f"{where}: `{_shorten(before)}` → `{_shorten(after)}` ({mutation.label})"


def _read(root: Path, path: str) -> str | None:
    """The text of the project file ``path``; None, said in one line, when it cannot be read."""
    return read_source(root / path, path,
                       lambda why: log.warning("%s; no template fix is tried in it", why))


def _syntax_suspects(task: RepairTask) -> list[Suspect]:
    seen: set[tuple[str, int]] = set()
    out = []
    for s in task.suspects:
        if s.source == "syntax" and (s.path, s.line) not in seen:
            seen.add((s.path, s.line))
            out.append(s)
    return out


def _failures_at(task: RepairTask, suspect: Suspect) -> tuple[Failure, ...]:
    """The failures whose traceback passes through the suspect, else all of them."""
    through = tuple(f for f in task.failures if any(
        fr.path == suspect.path and fr.line == suspect.line for fr in f.frames))
    return through or task.failures
