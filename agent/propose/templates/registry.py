"""Every repair template the engine applies at a suspect site, one :class:`Template` line each.

A template is a function ``(Site) -> Iterator[Mutation]`` in the module named for the kind of
fault it fixes; its line here says how likely its edits are, how many it may offer in that
tier (the rest come in tier EXHAUSTIVE, behind every likelier edit), which exception it answers
and whether its fixes are known to overfit. Adding a template is writing the function and
adding its line. The order of the lines is the order in which edits that tie on everything
else are offered. The last lines are the systematic single edits of :mod:`.exhaustive`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import islice

from homeostasis.propose.templates import (
    aliasing,
    exhaustive,
    missing_conditions,
    missing_guards,
    missing_statements,
    regressions,
    stalled_loops,
    stray_statements,
    wrong_conditions,
    wrong_exceptions,
    wrong_names,
    wrong_numbers,
    wrong_operators,
    wrong_returns,
    wrong_strings,
)
from homeostasis.propose.templates.ast_helpers import exception_name
from homeostasis.propose.templates.mutations import (
    BOUNDARY,
    EXHAUSTIVE,
    OPERATOR,
    OTHER,
    STRUCTURE,
    Mutation,
)
from homeostasis.propose.templates.site import Site, SiteTemplate

#: The most edits a template offers at one site in its own tier, unless its line says
#: otherwise.
CAP = 6
#: The most edits a template offers at one site in all, those past its cap in tier EXHAUSTIVE.
EXHAUSTIVE_CAP = 40


@dataclass(frozen=True)
class Template:
    """A repair template and what the engine needs to know about it. Calling it on a site
    gives its edits there: none unless the failure raised at the site is one of
    ``exceptions`` (when there are any), at most ``cap``, each in ``tier`` unless the edit
    names its own; :meth:`every` gives the rest as well."""

    apply: SiteTemplate
    tier: int
    """How likely its edits are (a tier of :mod:`.mutations`; lower is likelier)."""
    cap: int = CAP
    """How many of its edits at one site are offered in its tier (the rest only by the
    systematic search, in tier EXHAUSTIVE)."""
    exceptions: tuple[str, ...] = ()
    """Exception class names (``KeyError``): the template answers only those."""
    overfits: str = ""
    """Why its plausible fixes are often overfitted — they pass the tests without fixing the
    fault (Tan et al. 2016) — or "" when they are not known to be; the ranking penalises
    them."""

    @property
    def name(self) -> str:
        """The template function's name (``missing_key``)."""
        return self.apply.__name__

    @property
    def family(self) -> str:
        """The kind of fault it fixes: the name of its module (``missing_guards``)."""
        return self.apply.__module__.rsplit(".", 1)[-1]

    def __call__(self, site: Site) -> Iterator[Mutation]:
        """The template's edits at ``site``, filtered, capped and tiered as above."""
        return islice(self.every(site), self.cap)

    def every(self, site: Site) -> Iterator[Mutation]:
        """Its edits at ``site`` as :meth:`__call__` gives them, then those past its cap (up
        to :data:`EXHAUSTIVE_CAP` in all) in tier EXHAUSTIVE: the systematic search's."""
        failure = site.exception
        if self.exceptions and (failure is None
                                or exception_name(failure) not in self.exceptions):
            return
        for index, mutation in enumerate(islice(self.apply(site),
                                                max(self.cap, EXHAUSTIVE_CAP))):
            tier = EXHAUSTIVE if index >= self.cap else (
                self.tier if mutation.tier is None else mutation.tier)
            yield mutation if mutation.tier == tier else dataclasses.replace(mutation, tier=tier)


TEMPLATES: tuple[Template, ...] = (
    Template(missing_guards.missing_key, BOUNDARY, exceptions=("KeyError",)),
    Template(missing_guards.index_error, BOUNDARY, exceptions=("IndexError",)),
    Template(missing_guards.zero_division, BOUNDARY, exceptions=("ZeroDivisionError",)),
    Template(missing_guards.empty_sequence, BOUNDARY, exceptions=("ValueError",)),
    Template(wrong_numbers.type_mixing, BOUNDARY, exceptions=("TypeError",)),
    Template(wrong_exceptions.wrong_raise, BOUNDARY),
    Template(wrong_exceptions.except_clause, BOUNDARY),
    Template(wrong_names.name_typo, BOUNDARY, exceptions=("NameError", "AttributeError")),
    Template(missing_guards.none_guard, BOUNDARY, exceptions=("AttributeError", "TypeError")),
    Template(stalled_loops.stalled_loop, BOUNDARY),
    Template(missing_guards.early_return, STRUCTURE, cap=2,
             overfits="an early exit not tied to the failure"),
    Template(wrong_names.self_or_local, OPERATOR, cap=8),
    Template(wrong_names.replace_variable, OPERATOR, cap=8),
    Template(wrong_names.replace_attribute, OPERATOR, cap=8),
    Template(wrong_names.replace_callee, OPERATOR, cap=8),
    Template(wrong_conditions.none_check, STRUCTURE, cap=8),
    Template(wrong_conditions.add_clause, STRUCTURE, cap=8),
    Template(wrong_conditions.drop_clause, STRUCTURE, cap=8),
    Template(wrong_conditions.lower_bound, STRUCTURE, cap=8),
    Template(missing_conditions.missing_raise, BOUNDARY, cap=8),
    Template(missing_conditions.skip_guard, STRUCTURE),
    Template(missing_conditions.only_when, STRUCTURE, cap=4),
    Template(missing_conditions.narrow_condition, STRUCTURE),
    Template(wrong_operators.swap_operands, STRUCTURE, cap=8),
    Template(wrong_operators.swap_adjacent_arguments, STRUCTURE, cap=8),
    Template(wrong_operators.identity_or_bitwise, OPERATOR, cap=8),
    Template(wrong_returns.return_value, STRUCTURE),
    Template(wrong_returns.return_after_loop, STRUCTURE),
    Template(wrong_returns.missing_return, STRUCTURE),
    Template(missing_statements.missing_call, STRUCTURE),
    Template(missing_statements.missing_update, STRUCTURE),
    Template(missing_statements.keep_result, OPERATOR),
    Template(stray_statements.delete_statement, OTHER, overfits="a deleted statement"),
    Template(missing_statements.insert_nearby, OTHER),
    Template(stray_statements.move_statement, OTHER),
    Template(wrong_strings.strip_affix, OPERATOR),
    Template(wrong_strings.split_limit, OPERATOR),
    Template(wrong_strings.regex_function, OPERATOR),
    Template(wrong_strings.format_spec, OPERATOR),
    Template(wrong_strings.case_order, OPERATOR),
    Template(wrong_strings.case_insensitive, STRUCTURE),
    Template(wrong_numbers.timedelta_seconds, OPERATOR),
    Template(wrong_numbers.int_round, OPERATOR),
    Template(wrong_numbers.ceil_division, OPERATOR),
    Template(wrong_operators.toggle_reverse, OPERATOR),
    Template(wrong_operators.loop_direction, STRUCTURE),
    Template(aliasing.mutable_default, STRUCTURE),
    Template(aliasing.aliased_rows, OPERATOR),
    Template(aliasing.iterate_copy, BOUNDARY),
    Template(aliasing.defensive_copy, STRUCTURE),
    Template(wrong_exceptions.narrow_except, STRUCTURE),
    Template(wrong_exceptions.finally_cleanup, STRUCTURE),
    Template(regressions.revert_latest_change, OPERATOR),
    Template(exhaustive.plus_minus_one, EXHAUSTIVE, cap=EXHAUSTIVE_CAP),
    Template(exhaustive.other_constant, EXHAUSTIVE, cap=EXHAUSTIVE_CAP),
    Template(exhaustive.toggle_not, EXHAUSTIVE, cap=EXHAUSTIVE_CAP),
    Template(exhaustive.drop_operand, EXHAUSTIVE, cap=EXHAUSTIVE_CAP),
    Template(exhaustive.swap_addition, EXHAUSTIVE, cap=EXHAUSTIVE_CAP),
    Template(exhaustive.unwrap_call, EXHAUSTIVE, cap=EXHAUSTIVE_CAP),
    Template(exhaustive.swap_distant_arguments, EXHAUSTIVE, cap=EXHAUSTIVE_CAP),
    Template(exhaustive.return_local, EXHAUSTIVE, cap=EXHAUSTIVE_CAP),
    Template(exhaustive.assignment_kind, EXHAUSTIVE, cap=EXHAUSTIVE_CAP),
    Template(exhaustive.swap_jump, EXHAUSTIVE, cap=EXHAUSTIVE_CAP),
    Template(exhaustive.drop_slice_bound, EXHAUSTIVE, cap=EXHAUSTIVE_CAP),
)


def template(name: str) -> Template:
    """The template called ``name``; a KeyError naming the valid ones when there is none."""
    for found in TEMPLATES:
        if found.name == name:
            return found
    raise KeyError(f"no template {name!r}; the templates are: "
                   + ", ".join(t.name for t in TEMPLATES))
