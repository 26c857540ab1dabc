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

# Category weights into a task's score, and audit weights inside a category. Adding an audit =
# one line in AUDIT_WEIGHTS (its category comes from the audit).
CATEGORIES: dict[str, tuple[str, int]] = {
    "effectiveness": ("Task success", 40),
    "speed": ("Speed", 20),
    "navigation": ("Navigation", 15),
    "content": ("Content", 10),
    "accessibility": ("Accessibility", 10),
    "stability": ("Stability", 5),
}
AUDIT_WEIGHTS: dict[str, int] = {
    "task-success": 1,
    "task-time": 1,
    "load-time": 2,
    "slow-interaction": 1,
    "largest-contentful-paint": 1,
    "redirect-chain": 1,
    "redirect-loop": 2,
    "misdirect": 2,
    "http-error": 2,
    "broken-link": 1,
    "soft-404": 2,
    "readability": 1,
    "media-relevance": 1,
    "console-error": 1,
    "failed-request": 1,
    "dead-click": 1,
    "layout-shift": 1,
    "accessibility": 1,
}


@dataclass(frozen=True)
class Weights:
    """The weights in force: the table above, with `scoring:` from uxaudit.yaml over it."""

    categories: dict[str, int] = field(default_factory=lambda: {k: w for k, (_, w) in CATEGORIES.items()})
    audits: dict[str, int] = field(default_factory=lambda: dict(AUDIT_WEIGHTS))

    def overridden(self, categories: dict[str, int], audits: dict[str, int]) -> Weights:
        """These weights with some changed (names already checked against the tables)."""
        return Weights({**self.categories, **categories}, {**self.audits, **audits})


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
    weights: Weights = field(default_factory=Weights)


def rating(score: float) -> str:
    """good (90+), needs-work (50-89), poor (under 50): Lighthouse's bands."""
    if score >= 90:
        return "good"
    return "needs-work" if score >= 50 else "poor"


# Letter grades, school style, on the same scale: A is "good", F is "poor".
GRADES = ((90, "A"), (80, "B"), (65, "C"), (50, "D"))


def grade(score: float) -> str:
    """A (90+), B (80-89), C (65-79), D (50-64), F (under 50)."""
    return next((letter for floor, letter in GRADES if score >= floor), "F")


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
    return RunScores(site, _site_categories(tasks.values()), journeys, tasks, weights)


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
