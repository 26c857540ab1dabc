"""task-time: a task takes no longer than the `max_duration_ms` its journey allows."""

from __future__ import annotations

from ..artifacts import JourneyRecord, TaskRecord
from .base import Audit, AuditInput, Finding, Where, attempted_tasks, make_finding

SLOWEST_STEPS_SHOWN = 3
# The run-level note (artifacts.AuditNote) that says its timings are not a visitor's (--slow-mo,
# --debug): not a missing tool, so no audit needs it; this audit shows it once, about the test machine.
SLOWED = "slowed"


def check(data: AuditInput) -> list[Finding]:
    """An error per task over its time limit, with its slowest steps as evidence."""
    return [_over(journey, task) for journey, task in attempted_tasks(data.run)
            if task.max_duration_ms and task.duration_ms > task.max_duration_ms]


def notes(data: AuditInput) -> list[str]:
    """Why this run's timings are not a visitor's (slow motion, the pauses of --debug), said once."""
    return [note.text for note in data.run.notes if note.tool == SLOWED]


def _over(journey: JourneyRecord, task: TaskRecord) -> Finding:
    limit = task.max_duration_ms or 1
    over_by = task.duration_ms / limit - 1
    slowest = sorted((s for s in task.steps if s.duration_ms), key=lambda s: -s.duration_ms)
    evidence = [{"step": s.index, "action": s.name, "ms": round(s.duration_ms)}
                for s in slowest[:SLOWEST_STEPS_SHOWN]]
    return make_finding(AUDIT, Where(journey, task, url=slowest[0].url if slowest else None),
                        score=max(0.0, 0.5 - over_by), value=round(task.duration_ms),
                        title=f"“{task.name}” took {task.duration_ms / 1000:.1f} s; "
                              f"the limit is {limit / 1000:g} s",
                        display_value=f"{task.duration_ms / 1000:.1f} s", evidence=evidence)


AUDIT = Audit(
    id="task-time",
    category="speed",
    title="Tasks finish within their time limit",
    failure_title="A task took longer than its time limit",
    description="The time a task takes is the time a visitor spends waiting and working; past a point "
                "they give up.",
    hint="Look at the slowest steps in the evidence: a slow page, a slow answer to a click, or a "
         "detour that a shorter path would avoid.",
    check=check,
    notes=notes,
)
