"""The template proposer: small, classic mutations of the suspect lines, needing no model.

For each suspect (most suspicious first) in a project source file, every node on the suspect
line is fed to the node operators of :mod:`.operators`, and the site to the repair templates
of :mod:`.registry`; the resulting single edits are ordered by how often such a fix is the
right one (boundary swaps, then off-by-one nudges, then the rest) and offered as candidates,
skipping any that does not parse or that is the same program as one already offered.
"""

from __future__ import annotations

import ast
import itertools
import logging
import warnings
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from homeostasis.core.diff import diff_files, edit_from_texts, unified_diff
from homeostasis.core.project import is_test_path, read_source
from homeostasis.core.records import Candidate, Failure, Suspect
from homeostasis.propose.base import RepairTask
from homeostasis.propose.templates.combinations import Pair, Single, pairs, repeated
from homeostasis.propose.templates.mutations import OTHER, TIER_PRIOR, Mutation, Source
from homeostasis.propose.templates.operators import OPERATORS
from homeostasis.propose.templates.registry import TEMPLATES, Template
from homeostasis.propose.templates.site import Site
from homeostasis.propose.templates.syntax_errors import syntax_repairs

_SHOWN_WIDTH = 80

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class _Module:
    source: Source
    tree: ast.Module


def _parse(text: str) -> ast.Module | None:
    """The module's AST, or None when the text is not valid Python."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            return ast.parse(text)
        except (SyntaxError, ValueError):
            return None


def mutations_at(site: Site, templates: Sequence[Template] = ()) -> list[tuple[Mutation, str]]:
    """Every mutation of a suspect site, with why it may overfit ("" when it is not known to):
    the node operators on each node of its lines, then the templates; likeliest first, left
    to right."""
    found = [(m, "") for node in site.nodes() for operator in OPERATORS
             for m in operator(node, site.source)]
    found += [(m, template.overfits) for template in templates for m in template(site)]
    return sorted(found, key=lambda f: (_tier(f[0]), f[0].start, f[0].rank, f[0].end))


def _tier(mutation: Mutation) -> int:
    """The mutation's tier (every operator and template gives one; OTHER stands in)."""
    return OTHER if mutation.tier is None else mutation.tier


#: Each site's priority is discounted by its rank among the sites: tied suspicion scores are
#: common, and the tie order (focus first) carries information the score does not.
SITE_DECAY = 0.93
#: Distinct suspect lines mutated at the most.
MAX_SITES = 30
#: The best single edits that are paired into two-location candidates.
PAIR_POOL = 12


def _editable(path: str) -> bool:
    """Whether a candidate may edit ``path``: a project source file, not a test."""
    posix = PurePosixPath(path)
    return not (is_test_path(path) or posix.is_absolute() or ".." in posix.parts)


def _shorten(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= _SHOWN_WIDTH else flat[: _SHOWN_WIDTH - 1] + "…"


class TemplateProposer:
    """Proposes single edits of the suspect lines of a failing project — operator swaps, ±1,
    negations, argument swaps and the site templates given — offline and deterministically."""

    name = "templates"

    def __init__(self, templates: Sequence[Template] | None = None) -> None:
        self.templates: tuple[Template, ...] = tuple(
            TEMPLATES if templates is None else templates)

    def propose(self, task: RepairTask, budget: int) -> Iterator[Candidate]:
        """Yield at most ``budget`` parseable, mutually distinct candidates, each a single
        exact text edit of one non-test source file, most likely first."""
        if budget <= 0:
            return
        count = 0
        ranked: list[tuple[float, int, int, Site, Mutation, str]] = []
        seen: dict[str, set[str]] = {}
        for index, site in enumerate(self._sites(task)):
            if site is None:
                continue
            for order, (mutation, overfit) in enumerate(mutations_at(site, self.templates)):
                priority = (site.suspect.score * TIER_PRIOR.get(_tier(mutation), 0.1)
                            * SITE_DECAY**index)
                ranked.append((-priority, index, order, site, mutation, overfit))
        singles: list[Single] = []

        def syntax_candidates() -> Iterator[Candidate]:
            for suspect in _syntax_suspects(task):
                yield from self._syntax_candidates(task.root, suspect, count)

        def single_candidates() -> Iterator[Candidate]:
            for priority, _, _, site, mutation, overfit in sorted(ranked, key=lambda r: r[:3]):
                old = site.source.text
                new = old[: mutation.start] + mutation.replacement + old[mutation.end :]
                tree = _parse(new)
                dumps = seen.setdefault(site.path, {ast.dump(site.tree)})
                if tree is None or (dump := ast.dump(tree)) in dumps:
                    continue
                dumps.add(dump)
                singles.append(Single(-priority, site, mutation, overfit))
                yield self._candidate(count + 1, site, mutation, overfit, new)

        def pair_candidates() -> Iterator[Candidate]:
            lines = {(s.path, s.line) for s in task.suspects}
            for pair in itertools.chain(repeated(singles, lines), pairs(singles[:PAIR_POOL])):
                yield self._pair_candidate(count + 1, pair)

        # Syntax repairs first, then single edits; a third of the budget is kept for pairs,
        # and whatever the pairs leave goes back to the single edits.
        single = single_candidates()
        for stream, limit in ((syntax_candidates(), budget), (single, budget - budget // 3),
                              (pair_candidates(), budget), (single, budget)):
            for candidate in stream:
                count += 1
                yield candidate
                if count >= budget:
                    return
                if count >= limit:
                    break

    def _sites(self, task: RepairTask) -> Iterator[Site | None]:
        """A site per distinct suspect line in an editable, parseable file, best first."""
        modules: dict[str, _Module | None] = {}
        done: set[tuple[str, int]] = set()
        for suspect in sorted(task.suspects, key=lambda s: -s.score):
            key = (suspect.path, suspect.line)
            if key in done or suspect.source == "syntax":
                continue
            done.add(key)
            if len(done) > MAX_SITES:
                return
            if suspect.path not in modules:
                modules[suspect.path] = self._load(task.root, suspect.path)
            module = modules[suspect.path]
            yield None if module is None else Site(
                suspect.path, module.source, module.tree, suspect, _failures_at(task, suspect),
                task.repo)

    @staticmethod
    def _syntax_candidates(root: Path, suspect: Suspect, count: int) -> Iterator[Candidate]:
        """Candidates that make a file which does not parse compile again."""
        if not _editable(suspect.path):
            return
        old = _read(root, suspect.path)
        if old is None:
            return
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
        tree = None if text is None else _parse(text)
        return None if text is None or tree is None else _Module(Source(text), tree)

    @staticmethod
    def _candidate(number: int, site: Site, mutation: Mutation, overfit: str, new: str
                   ) -> Candidate:
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
