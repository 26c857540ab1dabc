"""What LOAD needs of a step verb: the argument it takes, how it becomes a Step, its name in words.

The verb table itself, one record per verb that also holds its behaviour in the page, is
`gather.verbs.VERBS`. LOAD may not import GATHER (it drives the browser), so the table is handed
to the loader by whoever calls it (pipeline, cli), as pytest's plugins are handed their hooks.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, Protocol

from .scenario import Step

USE = "use"  # not a verb of the table: a `use:` sub-flow is expanded into its steps when files load


class VerbGrammar(Protocol):
    """The LOAD half of a verb record (hashable, as a frozen dataclass is: the step models built
    from a table are kept per table)."""

    @property
    def args(self) -> Any:
        """The argument's shape as a pydantic annotation (`str`, a target, a mapping model)."""

    @property
    def build(self) -> Callable[[Any], Step]:
        """The validated argument → the Step (its name, place and options are added by the loader)."""

    @property
    def describe(self) -> Callable[[Step, str], str]:
        """(the step, its target in words) → the step's default name: `Click “Checkout”`."""


VerbTable = Mapping[str, VerbGrammar]


def action_names(verbs: VerbTable) -> list[str]:
    """Every action a step may name, in the table's order, `use` last (messages and docs)."""
    return [*verbs, USE]
