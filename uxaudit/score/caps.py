"""Ceilings on scores (docs/scoring.md#caps): a level that holds an error-level problem is not "good",
and a failed task is "poor", however well the rest of it went.

The means in scoring.py say how good a level is on the whole; a ceiling says what it cannot claim:
one page that locks people out is not diluted to "good" by many clean ones.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..audits.base import Audit, Finding
from ..audits.weights import Weights

# The top of "needs work" (verdicts.rating): no level is good while it holds an error.
ERROR_CAP = 89
# However fast and tidy, a task the visitor cannot complete is a poor experience.
FAILED_TASK_CAP = 40
# A whole area the site does poorly in (a category under 50 through its errors, e.g. Accessibility 0:
# most pages lock some people out) keeps the site out of the B range: the top of a C.
POOR_AREA_CAP = 79
POOR_AREA_BELOW = 50


@dataclass(frozen=True)
class Capped:
    """A score (0-100) under the ceilings: `uncapped`, the same plain means with no ceiling at any
    level, and `capped_by`, the ids of the findings whose ceiling lowered it or a score it is the
    mean of (empty when none did)."""

    score: int
    uncapped: int
    capped_by: tuple[str, ...] = ()


def capped(score: int, ceilings: Iterable[tuple[int, tuple[str, ...]]], uncapped: int | None = None,
           below: Iterable[Capped] = ()) -> Capped:
    """`score` (a mean of scores already under their ceilings, `below`) under the lowest of its own
    ceilings that lowers it; a ceiling holds only when some finding holds it."""
    held = [(limit, by) for limit, by in ceilings if by and limit < score]
    limit, by = min(held, key=lambda pair: pair[0]) if held else (score, ())
    inherited = tuple(i for cap in below for i in cap.capped_by)
    return Capped(min(limit, score), score if uncapped is None else uncapped, tuple(dict.fromkeys(by + inherited)))


def errors_that_count(findings: Iterable[Finding], audits: tuple[Audit, ...], weights: Weights,
                      whole_score: bool = False) -> list[Finding]:
    """The error-level findings that hold scores down: of an audit that counts (weighted above 0), and
    about the site (a crashed audit's error scores 1: it changes no score). `whole_score`: only those
    of a category that counts in a task's, journey's or site's score (weighted above 0)."""
    counted = {a.id for a in audits if weights.audits.get(a.id, 1) > 0
               and (not whole_score or weights.categories.get(a.category, 0) > 0)}
    return [f for f in findings if f.severity == "error" and f.score < 1 and f.audit in counted]


def failure_ids(findings: Iterable[Finding], task_path: str) -> tuple[str, ...]:
    """What says a task failed: its task-success finding, whatever the weights (or, in findings made
    without that audit, the id it would start with)."""
    found = ids(f for f in findings if f.audit == "task-success" and f.task == task_path)
    return found or (f"task-success:{task_path}",)


def ids(findings: Iterable[Finding]) -> tuple[str, ...]:
    """Their ids, once each, worst first."""
    return tuple(dict.fromkeys(f.id for f in sorted(findings, key=lambda f: f.score)))
