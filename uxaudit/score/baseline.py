"""A run against a baseline run: which findings are new, fixed or still there (by their stable id),
which tasks newly fail, how the score moved, and which tasks got slower (regressions.py)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from ..audits.base import Finding
from .history import StoredRun
from .regressions import TaskTiming, task_timings
from .scoring import RunScores

SERIOUS = ("error", "warning")


@dataclass(frozen=True)
class Comparison:
    """What changed since the baseline."""

    baseline: StoredRun
    score_change: int
    new: tuple[str, ...]  # finding ids not in the baseline (warnings and errors)
    fixed: tuple[str, ...]  # baseline findings (warnings and errors) no longer found
    still: tuple[str, ...]
    newly_failing: tuple[str, ...]  # tasks that completed in the baseline and do not now
    timings: tuple[TaskTiming, ...] = ()  # tasks timed on both sides

    @property
    def slower(self) -> tuple[TaskTiming, ...]:
        """Tasks whose time got worse: by the test with enough runs, else by the median threshold."""
        return tuple(t for t in self.timings if t.change.slower)

    def change_of(self, finding_id: str) -> str:
        """new | still, for a finding of this run."""
        return "new" if finding_id in self.new else "still"


def compare(findings: list[Finding], scores: RunScores, baseline: StoredRun) -> Comparison:
    """This run (its findings and scores) against `baseline`."""
    now = {f.id for f in findings if f.severity in SERIOUS}
    before = {fid for fid, (_, severity, _) in baseline.findings.items() if severity in SERIOUS}
    runs = scores.runs
    failing = [task for task, outcome in runs.items() if outcome.passed < outcome.runs]  # in any run
    # Not completed now, though it completed then or did not exist yet. A task skipped then (an
    # earlier task failed) is not counted: nobody knows whether it would have completed.
    newly = tuple(task for task in failing if baseline.task_status.get(task, "passed") == "passed")
    return Comparison(baseline, scores.site - baseline.score, tuple(sorted(now - before)), tuple(sorted(before - now)),
                      tuple(sorted(now & before)), newly,
                      task_timings(baseline.task_times, {task: list(r.durations_ms) for task, r in runs.items()}))


@dataclass(frozen=True)
class StoredDiff:
    """Two stored runs side by side (`uxaudit compare`): tasks, findings and times that changed."""

    base: StoredRun
    new: StoredRun
    tasks_changed: tuple[tuple[str, str, str], ...]  # (task, status then, status now)
    new_findings: tuple[str, ...]  # ids of warnings and errors found only now
    fixed_findings: tuple[str, ...]  # ids of warnings and errors found only then
    timings: tuple[TaskTiming, ...]
    still: tuple[str, ...] = ()  # ids of warnings and errors found in both

    @property
    def score_change(self) -> int:
        """Points up (+) or down (−) from base to new."""
        return self.new.score - self.base.score


def diff_stored(base: StoredRun, new: StoredRun) -> StoredDiff:
    """What changed from `base` to `new` (over the tasks both ran, when either is a partial run)."""
    if base.partial or new.partial:
        both = set(base.task_status) & set(new.task_status)
        base, new = within(base, both), within(new, both)

    def serious(run: StoredRun, ids: set[str]) -> tuple[str, ...]:
        return tuple(sorted(fid for fid in ids if run.findings[fid][1] in SERIOUS))

    changed = tuple((task, base.task_status.get(task, "—"), status) for task, status in new.task_status.items()
                    if base.task_status.get(task) != status)
    then, now = set(base.findings), set(new.findings)
    return StoredDiff(base, new, changed, serious(new, now - then), serious(base, then - now),
                      task_timings(base.task_times, new.task_times), serious(new, now & then))


def within(run: StoredRun, tasks: Iterable[str]) -> StoredRun:
    """`run` as far as `tasks` (journey/task paths) go: what a partial run is compared with, since
    the journeys and tasks it left out were not fixed by it. Findings tied to no journey stay."""
    kept = set(tasks)
    journeys = {task.rpartition("/")[0] for task in run.task_status}
    in_scope = kept | {task.rpartition("/")[0] for task in kept}

    def belongs(finding_id: str) -> bool:
        where = finding_id.split(":")[1] if ":" in finding_id else ""
        tied = where in run.task_status or where in journeys
        return not tied or where in in_scope

    return replace(run, findings={fid: f for fid, f in run.findings.items() if belongs(fid)},
                   task_status={t: s for t, s in run.task_status.items() if t in kept},
                   task_times={t: ms for t, ms in run.task_times.items() if t in kept})

