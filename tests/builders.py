"""Hand-built artifacts for unit tests: a run with sensible defaults, changed where a test cares."""

from __future__ import annotations

from typing import Any

from uxaudit.artifacts import (
    ConsoleEntry,
    CriterionResult,
    JourneyRecord,
    PageVisit,
    RedirectHop,
    RunArtifacts,
    StepRecord,
    TaskRecord,
)

BASE = "http://shop.test"


def visit(path: str = "/", **changes: Any) -> PageVisit:
    values: dict[str, Any] = dict(index=1, step=1, requested_url=BASE + path, final_url=BASE + path, status=200,
                                  ttfb_ms=20.0, dom_content_loaded_ms=200.0, load_ms=400.0, fcp_ms=150.0,
                                  lcp_ms=300.0, cls=0.0, title="Home")
    return PageVisit(**{**values, **changes})


def hops(*pairs: tuple[str, int]) -> tuple[RedirectHop, ...]:
    return tuple(RedirectHop(BASE + path, status, 3.0) for path, status in pairs)


def step(index: int = 1, status: str = "passed", **changes: Any) -> StepRecord:
    values: dict[str, Any] = dict(index=index, action="goto", name="goto /", status=status, target="/",
                                  duration_ms=300.0, url=BASE + "/", location="j.yaml:5")
    return StepRecord(**{**values, **changes})


def console(text: str, kind: str = "uncaught-exception", page: str = "/") -> ConsoleEntry:
    return ConsoleEntry(kind, text, f"{BASE}{page}:12", BASE + page)


def task(task_id: str = "find", status: str = "passed", **changes: Any) -> TaskRecord:
    values: dict[str, Any] = dict(id=task_id, name=task_id.title(), status=status, duration_ms=1000.0,
                                  steps=(step(),), pages=(visit(),))
    return TaskRecord(**{**values, **changes})


def failed_task(task_id: str = "checkout", reason: str = "no visible element matches 'Pay'") -> TaskRecord:
    steps = (step(1), step(2, "failed", action="click", name="click Pay", error=reason,
                           screenshot="screenshots/j/checkout-2-failure.png"))
    return task(task_id, "failed", steps=steps, error=f"Step 2 (click Pay): {reason}",
                criteria=(CriterionResult("visible: Thanks", False, "not checked: a step failed"),))


def journey(*tasks: TaskRecord, journey_id: str = "shop", **changes: Any) -> JourneyRecord:
    values: dict[str, Any] = dict(id=journey_id, name="Shop", file=f"{journey_id}.yaml", device="desktop",
                                  base_url=BASE, tasks=tasks or (task(),))
    return JourneyRecord(**{**values, **changes})


def run(*journeys: JourneyRecord) -> RunArtifacts:
    return RunArtifacts(run_id="20261122-120000", started_at="2026-11-22T12:00:00+00:00", base_url=BASE,
                        browser="Chromium 156", journeys=journeys or (journey(),))
