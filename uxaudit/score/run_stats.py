"""With `--runs N`: each task's outcomes and times over its runs — success rate, median and spread,
and whether it is flaky (passed in some runs and failed in others)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from statistics import median

from ..artifacts import RunArtifacts


@dataclass(frozen=True)
class TaskRuns:
    """One task over the runs that reached it (a skipped run is counted as not passed)."""

    runs: int
    passed: int
    durations_ms: tuple[float, ...]  # of the runs in which it completed (a failed one often stopped at a timeout)

    @property
    def success_rate(self) -> float:
        """Share of runs in which the task completed (4 of 5 = 0.8)."""
        return self.passed / self.runs if self.runs else 0.0

    @property
    def flaky(self) -> bool:
        """Completed in some runs and not in others."""
        return 0 < self.passed < self.runs

    @property
    def median_ms(self) -> float | None:
        """The median time of the runs in which it completed."""
        return median(self.durations_ms) if self.durations_ms else None


def task_runs(run: RunArtifacts) -> dict[str, TaskRuns]:
    """`journey/task` → its runs, for every task of the run's first journeys."""
    outcomes: dict[str, list[tuple[str, float]]] = {}
    for journey in (*run.journeys, *run.repeats):
        for task in journey.tasks:
            outcomes.setdefault(f"{journey.id}/{task.id}", []).append((task.status, task.duration_ms))
    return {path: TaskRuns(len(seen), sum(1 for status, _ in seen if status == "passed"),
                           tuple(ms for status, ms in seen if status == "passed"))
            for path, seen in outcomes.items()}


def later_runs(run: RunArtifacts) -> list[RunArtifacts]:
    """With `--runs N`: runs 2 to N, each as a run of its own, to be audited and scored like the first.
    A run that lacks some of the first run's journeys (the run was interrupted) is left out: its
    site score would be the mean of fewer journeys."""
    wanted = {j.id for j in run.journeys}
    views = [replace(run, journeys=tuple(j for j in run.repeats if j.repeat == number), repeats=())
             for number in sorted({j.repeat for j in run.repeats})]
    return [view for view in views if {j.id for j in view.journeys} == wanted]
