"""The release gate: rules → checks → verdict. By default every task must complete."""

from __future__ import annotations

from dataclasses import dataclass

from .artifacts import RunArtifacts
from .scoring import RunScores


@dataclass(frozen=True)
class GateCheck:
    """One rule applied to one place: the value found and the threshold it had to meet."""

    id: str
    level: str  # error (fails the gate) | warn (reported only)
    description: str
    where: str
    passed: bool
    value: str
    threshold: str


@dataclass(frozen=True)
class GateResult:
    """The verdict: passed unless an error-level check failed."""

    passed: bool
    checks: tuple[GateCheck, ...]


def evaluate_gate(run: RunArtifacts, scores: RunScores, fail_under: float | None = None) -> GateResult:
    """Apply the default rule (every task completes) and `--fail-under`, if given."""
    checks = [_tasks_complete(run)]
    if run.interrupted:
        checks.insert(0, GateCheck("run-complete", "error", "The run finished", "site", False,
                                   f"interrupted after {len(run.journeys)} journey(s)", "every journey run"))
    if fail_under is not None:
        checks.append(GateCheck("site-score", "error", f"The site scores at least {fail_under:g}", "site",
                                scores.site >= fail_under, str(scores.site), f"≥ {fail_under:g}"))
    return GateResult(all(c.passed for c in checks if c.level == "error"), tuple(checks))


def _tasks_complete(run: RunArtifacts) -> GateCheck:
    tasks = [t for j in run.journeys for t in j.tasks]
    done = sum(1 for t in tasks if t.completed)
    return GateCheck("tasks-complete", "error", "Every task completes", "site", done == len(tasks) and
                     bool(tasks), f"{done} of {len(tasks)}", f"{len(tasks)} of {len(tasks)}")
