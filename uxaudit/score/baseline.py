"""A run against a baseline run: which findings are new, fixed or still there (by their stable id),
which tasks newly fail, how the score moved, and which tasks got slower (regressions.py)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
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
    score_change: int | None  # None when either side is partial: the two scores cover different tasks
    new: tuple[str, ...]  # finding ids not in the baseline (warnings and errors)
    fixed: tuple[str, ...]  # baseline findings (warnings and errors) no longer found
    still: tuple[str, ...]
    newly_failing: tuple[str, ...]  # tasks that completed in the baseline and do not now
    timings: tuple[TaskTiming, ...] = ()  # tasks timed on both sides

    @property
    def slower(self) -> tuple[TaskTiming, ...]:
        """Tasks whose time got worse: by the test with enough runs, else by the median threshold."""
        return tuple(t for t in self.timings if t.change.slower)

    def change_of(self, finding_id: str) -> str | None:
        """new | still, for a finding of this run; None for one outside the comparison (a task the
        partial side did not run)."""
        return "new" if finding_id in self.new else "still" if finding_id in self.still else None


def compare(findings: list[Finding], scores: RunScores, baseline: StoredRun, partial: bool = False) -> Comparison:
    """This run (its findings and scores; `partial`: a selection chose it) against `baseline`. When
    either is partial, both count only the tasks both ran, as `diff_stored` does: a task one side left
    out was neither fixed nor broken by the other."""
    runs = scores.runs
    if partial or baseline.partial:
        both = set(runs) & set(baseline.task_status)
        baseline = within(baseline, both)
        findings = findings_within(findings, runs, both)
        runs = {task: outcome for task, outcome in runs.items() if task in both}
    now = {f.id for f in findings if f.severity in SERIOUS}
    before = {fid for fid, (_, severity, _) in baseline.findings.items() if severity in SERIOUS}
    failing = [task for task, outcome in runs.items() if outcome.passed < outcome.runs]  # in any run
    # Not completed now, though it completed then or did not exist yet. A task skipped then (an
    # earlier task failed) is not counted: nobody knows whether it would have completed.
    newly = tuple(task for task in failing if baseline.task_status.get(task, "passed") == "passed")
    score_change = None if partial or baseline.partial else scores.site - baseline.score
    return Comparison(baseline, score_change, tuple(sorted(now - before)), tuple(sorted(before - now)),
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
    belongs = _in_scope(run.task_status, kept)
    return replace(run, findings={fid: f for fid, f in run.findings.items()
                                  if belongs(fid.split(":")[1] if ":" in fid else "")},
                   task_status={t: s for t, s in run.task_status.items() if t in kept},
                   task_times={t: ms for t, ms in run.task_times.items() if t in kept})



def findings_within(findings: list[Finding], ran: Iterable[str], tasks: Iterable[str]) -> list[Finding]:
    """This run's `findings` as far as `tasks` go (`ran`: every task path this run has), by the rule
    of `within`."""
    belongs = _in_scope(ran, set(tasks))
    return [f for f in findings if belongs(f.task or f.journey)]


def _in_scope(ran: Iterable[str], kept: set[str]) -> Callable[[str], bool]:
    """Whether a finding found at `where` (a task path, a journey id, or neither) is within `kept`:
    one tied to a task or journey of the run must be tied to a kept one; one tied to neither stays."""
    ran = set(ran)
    journeys = {task.rpartition("/")[0] for task in ran}
    in_scope = kept | {task.rpartition("/")[0] for task in kept}
    return lambda where: (where not in ran and where not in journeys) or where in in_scope
