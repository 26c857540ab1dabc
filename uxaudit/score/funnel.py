"""A journey as a funnel: over its runs (`--runs N`), how many reached and completed each task, and
the story in one sentence ("10 started · 10 completed “Find the product” · 4 completed “Pay”")."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..artifacts import JourneyRecord


def journey_funnel(first: JourneyRecord, repeats: Iterable[JourneyRecord] = ()) -> dict[str, Any]:
    """The journey's funnel over its first run and its repeats: a task is reached when it was not
    skipped (an earlier task failed) and completed when it passed."""
    runs = [first, *(j for j in repeats if j.id == first.id)]
    steps = [{"task": f"{first.id}/{task.id}", "name": task.name,
              "reached": sum(1 for statuses in map(_statuses, runs) if statuses.get(task.id, "skipped") != "skipped"),
              "completed": sum(1 for statuses in map(_statuses, runs) if statuses.get(task.id) == "passed")}
             for task in first.tasks]
    return {"runs": len(runs), "steps": steps, "sentence": funnel_sentence(len(runs), steps)}


def funnel_sentence(runs: int, steps: list[dict[str, Any]]) -> str:
    """“3 started · 3 completed “Find the product” · 1 completed “Check out””."""
    return " · ".join([f"{runs} started", *(f"{s['completed']} completed “{s['name']}”" for s in steps)])


def _statuses(journey: JourneyRecord) -> dict[str, str]:
    """Task id → its status in one run (a task the run did not record was not reached)."""
    return {task.id: task.status for task in journey.tasks}
