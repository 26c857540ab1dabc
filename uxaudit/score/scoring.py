"""Scores 0-100 at three levels: a task (its audits by category), a journey (the tasks that ran), the
site (its journeys, weighed by their importance); each level under the ceilings of caps.py.

See docs/scoring.md for the model and worked examples.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from statistics import fmean

from ..artifacts import JourneyRecord, RunArtifacts, TaskRecord
from ..audits import ALL_AUDITS
from ..audits.base import Audit, Finding
from ..audits.weights import CATEGORIES, Weights
from .caps import (
    ERROR_CAP,
    FAILED_TASK_CAP,
    POOR_AREA_BELOW,
    POOR_AREA_CAP,
    Capped,
    capped,
    errors_that_count,
    failure_ids,
    ids,
)
from .run_stats import TaskRuns, task_runs


@dataclass(frozen=True)
class TaskScore:
    """A task's score (0-100; None when it was skipped: the visitor never got there), its category
    scores (0-1), and its ceilings: the task's own (`cap`) and its categories' (only those lowered)."""

    score: int | None
    categories: dict[str, float] = field(default_factory=dict)
    cap: Capped | None = None
    category_caps: dict[str, Capped] = field(default_factory=dict)


@dataclass(frozen=True)
class Caps:
    """The site's, its categories' and the journeys' scores under their ceilings, each with its
    uncapped score and the findings that lowered it (docs/scoring.md#caps)."""

    site: Capped = Capped(0, 0)
    categories: dict[str, Capped] = field(default_factory=dict)
    journeys: dict[str, Capped] = field(default_factory=dict)


@dataclass(frozen=True)
class RunScores:
    """Every level's scores, keyed by the stable ids (`journey`, `journey/task`)."""

    site: int
    categories: dict[str, int]
    journeys: dict[str, int]
    tasks: dict[str, TaskScore]
    weights: Weights
    runs: dict[str, TaskRuns]  # each task over its runs (`--runs N`), worked out once here
    caps: Caps = field(default_factory=Caps)


def score_run(run: RunArtifacts, findings: list[Finding], audits: tuple[Audit, ...] = ALL_AUDITS,
              weights: Weights | None = None) -> RunScores:
    """Roll findings up: task → journey → site."""
    weights = weights or Weights()
    tasks = {f"{j.id}/{t.id}": score_task(j, t, findings, audits, weights) for j in run.journeys for t in j.tasks}
    # What holds a journey and the site below "good": an error that counts, and a failed task.
    errors = errors_that_count(findings, audits, weights, whole_score=True)
    failed = {j.id: tuple(i for t in j.tasks if t.status == "failed" for i in failure_ids(findings, f"{j.id}/{t.id}"))
              for j in run.journeys}
    journeys = {j.id: _journey(j, tasks, ids(f for f in errors if f.journey == j.id) + failed[j.id])
                for j in run.journeys}
    categories = _site_categories(list(tasks.values()), errors_that_count(findings, audits, weights))
    poor = {name for name, cap in categories.items() if cap.score < POOR_AREA_BELOW}
    site = capped(_importance_mean(run.journeys, {k: c.score for k, c in journeys.items()}),
                  [(ERROR_CAP, ids(errors) + tuple(i for held in failed.values() for i in held)),
                   (POOR_AREA_CAP, ids(f for f in errors if f.category in poor))],
                  _importance_mean(run.journeys, {k: c.uncapped for k, c in journeys.items()}), journeys.values())
    return RunScores(site.score, {k: c.score for k, c in categories.items()}, {k: c.score for k, c in journeys.items()},
                     tasks, weights, task_runs(run), Caps(site, categories, journeys))


def score_task(journey: JourneyRecord, task: TaskRecord, findings: list[Finding],
               audits: tuple[Audit, ...] = ALL_AUDITS, weights: Weights | None = None) -> TaskScore:
    """A task's weighted category mean under its ceilings; a skipped task has no score (None).
    A category with no audit (or only audits weighted 0) or a category weight of 0 is left out."""
    weights = weights or Weights()
    if task.status == "skipped":
        return TaskScore(None)
    path = f"{journey.id}/{task.id}"
    mine = [f for f in findings if f.task == path]
    worst = {a.id: min((f.score for f in mine if f.audit == a.id), default=1.0) for a in audits}
    errors = errors_that_count(mine, audits, weights)
    categories, plain, lowered = _categories(worst, errors, audits, weights)
    cap = capped(_category_mean(categories, weights),
                 [(FAILED_TASK_CAP, failure_ids(findings, path) if task.status == "failed" else ()),
                  (ERROR_CAP, ids(errors_that_count(errors, audits, weights, whole_score=True)))],
                 _category_mean(plain, weights),
                 [cap for name, cap in lowered.items() if weights.categories.get(name, 0) > 0])
    return TaskScore(cap.score, categories, cap, lowered)


def _categories(worst: dict[str, float], errors: list[Finding], audits: tuple[Audit, ...], weights: Weights
                ) -> tuple[dict[str, float], dict[str, float], dict[str, Capped]]:
    """A task's category scores (0-1) under their ceilings, the same without them, and the ceilings
    that lowered some."""
    values: dict[str, float] = {}
    plain: dict[str, float] = {}
    lowered: dict[str, Capped] = {}
    for name in CATEGORIES:
        value = _weighted(worst, [a for a in audits if a.category == name], weights)
        if value is None:
            continue
        cap = capped(round(100 * value), [(ERROR_CAP, ids(f for f in errors if f.category == name))])
        plain[name], values[name] = value, cap.score / 100 if cap.capped_by else value
        if cap.capped_by:
            lowered[name] = cap
    return values, plain, lowered


def _weighted(scores: dict[str, float], audits: list[Audit], weights: Weights) -> float | None:
    total = sum(weights.audits.get(a.id, 1) for a in audits)
    if total <= 0:
        return None
    return sum(scores[a.id] * weights.audits.get(a.id, 1) for a in audits) / total


def _category_mean(categories: dict[str, float], weights: Weights) -> int:
    """The categories weighted into one score (100 when no category counts)."""
    counted = {name: weights.categories.get(name, 0) for name in categories if weights.categories.get(name, 0) > 0}
    if not counted:
        return 100
    return round(100 * sum(categories[name] * w for name, w in counted.items()) / sum(counted.values()))


def _journey(journey: JourneyRecord, tasks: dict[str, TaskScore], held_by: tuple[str, ...]) -> Capped:
    """The mean of the tasks that ran (0 when none did: its browser did not start), under its ceiling."""
    ran = [cap for t in journey.tasks if (cap := tasks[f"{journey.id}/{t.id}"].cap) is not None]
    if not ran:
        return Capped(0, 0)
    return capped(round(fmean(c.score for c in ran)), [(ERROR_CAP, held_by)], round(fmean(c.uncapped for c in ran)),
                  ran)


def _importance_mean(journeys: Iterable[JourneyRecord], scores: dict[str, int]) -> int:
    """The journeys' scores weighed by their `importance:` (0 when there is no journey)."""
    weighed = [(j.importance, scores[j.id]) for j in journeys]
    total = sum(weight for weight, _ in weighed)
    return round(sum(weight * score for weight, score in weighed) / total) if total > 0 else 0


def _site_categories(tasks: list[TaskScore], errors: list[Finding]) -> dict[str, Capped]:
    """Each category's mean over the tasks that ran, held below "good" by any error of its own in the run."""
    ran = [t for t in tasks if t.categories]
    return {name: capped(round(100 * fmean(t.categories[name] for t in ran)),
                         [(ERROR_CAP, ids(f for f in errors if f.category == name))],
                         round(fmean(_plain(t, name) for t in ran)),
                         [c for t in ran if (c := t.category_caps.get(name)) is not None])
            for name in CATEGORIES if ran and name in ran[0].categories}


def _plain(task: TaskScore, category: str) -> float:
    """A task's category score before its ceiling, 0-100."""
    cap = task.category_caps.get(category)
    return cap.uncapped if cap else 100 * task.categories[category]
