"""Scores 0-100 at three levels: a task (its audits by category), a journey (its tasks), the site.

See docs/scoring.md for the model and a worked example.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from statistics import fmean

from ..artifacts import JourneyRecord, RunArtifacts, TaskRecord
from ..audits import ALL_AUDITS
from ..audits.base import Audit, Finding
from ..audits.weights import CATEGORIES, Weights
from .run_stats import TaskRuns, task_runs

# However fast and tidy, a task the visitor cannot complete is a poor experience.
FAILED_TASK_CAP = 40


@dataclass(frozen=True)
class TaskScore:
    """A task's score (0-100) and its category scores (0-1)."""

    score: int
    categories: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class RunScores:
    """Every level's scores, keyed by the stable ids (`journey`, `journey/task`)."""

    site: int
    categories: dict[str, int]
    journeys: dict[str, int]
    tasks: dict[str, TaskScore]
    weights: Weights
    runs: dict[str, TaskRuns]  # each task over its runs (`--runs N`), worked out once here


def score_run(run: RunArtifacts, findings: list[Finding], audits: tuple[Audit, ...] = ALL_AUDITS,
              weights: Weights | None = None) -> RunScores:
    """Roll findings up: task → journey → site."""
    weights = weights or Weights()
    tasks: dict[str, TaskScore] = {}
    journeys: dict[str, int] = {}
    for journey in run.journeys:
        for task in journey.tasks:
            tasks[f"{journey.id}/{task.id}"] = score_task(journey, task, findings, audits, weights)
        journeys[journey.id] = _mean_score(tasks[f"{journey.id}/{t.id}"].score for t in journey.tasks)
    site = _mean_score(journeys.values())
    return RunScores(site, _site_categories(tasks.values()), journeys, tasks, weights, task_runs(run))


def score_task(journey: JourneyRecord, task: TaskRecord, findings: list[Finding],
               audits: tuple[Audit, ...] = ALL_AUDITS, weights: Weights | None = None) -> TaskScore:
    """A task's weighted category mean; skipped scores 0, failed is capped at FAILED_TASK_CAP.
    A category with no audit (or only audits weighted 0) or a category weight of 0 is left out."""
    weights = weights or Weights()
    if task.status == "skipped":
        return TaskScore(0)
    path = f"{journey.id}/{task.id}"
    worst = {a.id: min((f.score for f in findings if f.task == path and f.audit == a.id), default=1.0)
             for a in audits}
    categories = {name: value for name in CATEGORIES
                  if (value := _weighted(worst, [a for a in audits if a.category == name], weights)) is not None}
    counted = {name: weights.categories.get(name, 0) for name in categories if weights.categories.get(name, 0) > 0}
    if not counted:
        return TaskScore(FAILED_TASK_CAP if task.status == "failed" else 100, categories)
    score = round(100 * sum(categories[n] * w for n, w in counted.items()) / sum(counted.values()))
    return TaskScore(min(score, FAILED_TASK_CAP) if task.status == "failed" else score, categories)


def _weighted(scores: dict[str, float], audits: list[Audit], weights: Weights) -> float | None:
    total = sum(weights.audits.get(a.id, 1) for a in audits)
    if total <= 0:
        return None
    return sum(scores[a.id] * weights.audits.get(a.id, 1) for a in audits) / total


def _mean_score(values: Iterable[int]) -> int:
    listed = list(values)
    return round(fmean(listed)) if listed else 0


def _site_categories(tasks: Iterable[TaskScore]) -> dict[str, int]:
    attempted = [t for t in tasks if t.categories]
    return {name: round(100 * fmean(t.categories[name] for t in attempted))
            for name in CATEGORIES if attempted and name in attempted[0].categories}
