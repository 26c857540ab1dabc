"""What a task cost the visitor (a customer-effort proxy): steps, clicks, keystrokes, pages, time
waiting on the site against acting, retries, errors, and how lost the path was (Smith's lostness).
Pure functions on the records of a journey's first run (docs/scoring.md#effort)."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import asdict, dataclass, fields
from typing import Any

from ..artifacts import JourneyRecord, StepRecord, TaskRecord
from ..audits.console_error import script_errors_of_click
from ..audits.quick_back import page_key, quick_backs
from ..audits.repeated_attempt import repeated_attempts

CLICKS = frozenset({"click", "check", "uncheck", "select"})  # a choice in a list counted as one click
WAITS = frozenset({"goto", "expect", "wait"})  # a page opened, or waited for (or a pause the scenario asks)
HIDDEN = "•••"  # what gather/field_check.py keeps of a secret's value: its length is not known
NOT_LOST, LOST = 0.4, 0.5  # Smith (1996): below 0.4 no sign of being lost; above 0.5 lost


@dataclass(frozen=True)
class Effort:
    """One task's effort, or a journey's (its tasks added up)."""

    steps: int = 0  # steps done (not skipped)
    clicks: int = 0
    keystrokes: int = 0  # characters typed (fill) and keys pressed (press: one a key or combination)
    keystrokes_unknown: int = 0  # fills whose characters are not recorded (a secret, a field not read back)
    pages: int = 0  # page visits: document loads and in-app route changes
    documents: int = 0
    routes: int = 0
    time_ms: int = 0
    waiting_ms: int = 0  # the site answering: pages loading, clicks until answered, `goto`/`expect`/`wait`
    acting_ms: int = 0  # the rest of the steps: the (automated) visitor's own actions
    checking_ms: int = 0  # uxaudit checking the success criteria
    retries: int = 0  # clicks done again after showing nothing (audits/repeated_attempt.py)
    backtracks: int = 0  # returns to the page shown before the last one
    quick_backs: int = 0  # pages the site itself took the visitor back from (audits/quick_back.py)
    failed_steps: int = 0  # optional steps that failed are not counted
    error_clicks: int = 0  # clicks that set off script errors on their page (audits/console_error.py)
    errors: int = 0  # failed steps and error clicks
    error_rate: float = 0.0  # errors per step done


def task_effort(journey: JourneyRecord, task: TaskRecord) -> dict[str, Any]:
    """A task's effort as JSON-ready data, with its lostness where it declares its shortest path and
    completed (the path of a visitor who did not get there has nothing to be compared with)."""
    effort = _effort(journey, task)
    distinct = len({page_key(v.final_url) for v in task.pages})
    value = lostness(distinct, len(task.pages), task.optimal_steps) if task.completed else None
    return {**asdict(effort), "distinct_pages": distinct, "optimal_pages": task.optimal_steps,
            "lostness": None if value is None else round(value, 3), "lostness_band": lostness_band(value)}


def journey_effort(journey: JourneyRecord) -> dict[str, Any]:
    """A journey's effort: its tasks' added up, and how many of them were lost."""
    total = _added(_effort(journey, task) for task in journey.tasks)
    lost = sum(1 for task in journey.tasks if task_effort(journey, task)["lostness_band"] == "lost")
    return {**asdict(total), "lost_tasks": lost}


def lostness(distinct: int, visits: int, optimal: int | None) -> float | None:
    """Smith's lostness, L = sqrt((N/S - 1)^2 + (R/N - 1)^2): N distinct pages, S page visits, R the
    fewest pages the task needs; 0 on the shortest path. None without R or without pages."""
    if not optimal or not distinct or not visits:
        return None
    # Fewer pages than the shortest path (the task began on a page the one before it left): not lost
    # for that (Smith's R/N assumes N >= R; beyond it the term would grow again).
    return math.sqrt((distinct / visits - 1) ** 2 + (min(optimal, distinct) / distinct - 1) ** 2)


def lostness_band(value: float | None) -> str | None:
    """Smith's bands: `not-lost` under 0.4, `lost` over 0.5, `unclear` between (None: not measured)."""
    if value is None:
        return None
    return "not-lost" if value < NOT_LOST else "lost" if value > LOST else "unclear"


def _effort(journey: JourneyRecord, task: TaskRecord) -> Effort:
    done = [s for s in task.steps if s.status != "skipped"]
    waiting = [_waiting_ms(task, s) for s in done]
    untimed = max(0.0, task.duration_ms - sum(s.duration_ms for s in done) - task.criteria_ms)
    typed = [_typed(s) for s in done]
    failed = sum(1 for s in done if s.status == "failed")
    error_clicks = sum(1 for s in done if script_errors_of_click(s))
    return Effort(
        steps=len(done), clicks=sum(1 for s in done if s.action in CLICKS),
        keystrokes=sum(n for n in typed if n is not None), keystrokes_unknown=typed.count(None),
        pages=len(task.pages), documents=sum(1 for v in task.pages if v.kind != "route"),
        routes=sum(1 for v in task.pages if v.kind == "route"), time_ms=round(task.duration_ms),
        waiting_ms=round(sum(waiting) + untimed),
        acting_ms=round(sum(s.duration_ms for s in done) - sum(waiting)), checking_ms=round(task.criteria_ms),
        retries=sum(a.retries for a in repeated_attempts(task)), backtracks=_backtracks(task),
        quick_backs=sum(1 for b in quick_backs(journey) if b.task is task and not b.asked),
        failed_steps=failed, error_clicks=error_clicks, errors=failed + error_clicks,
        error_rate=round((failed + error_clicks) / len(done), 3) if done else 0.0)


def _waiting_ms(task: TaskRecord, step: StepRecord) -> float:
    """The part of a step spent on the site: a `goto`, `expect` or `wait` all of it; otherwise the
    load times of the pages it opened, or the time its click or key press took to be answered,
    whichever is longer (never more than the step)."""
    if step.action in WAITS:
        return step.duration_ms
    loads = sum(v.load_ms or 0.0 for v in task.pages if v.step == step.index)
    return min(step.duration_ms, max(loads, step.interaction_ms or 0.0))


def _typed(step: StepRecord) -> int | None:
    """Keystrokes of a step: a key pressed is one, a fill or a `type` its characters (None: not recorded)."""
    if step.action == "press":
        return 1
    if step.action == "type":
        return step.keys
    if step.action != "fill":
        return 0
    check = step.field_check
    return None if check is None or check.typed == HIDDEN else len(check.typed)


def _backtracks(task: TaskRecord) -> int:
    """Visits that return to the page shown before the last one (A, B, A)."""
    keys = [page_key(v.final_url) for v in task.pages]
    return sum(1 for i in range(2, len(keys)) if keys[i] == keys[i - 2] != keys[i - 1])


def _added(efforts: Iterable[Effort]) -> Effort:
    """Efforts added up; the error rate over all their steps."""
    items = list(efforts)
    sums = {f.name: sum(getattr(e, f.name) for e in items) for f in fields(Effort) if f.name != "error_rate"}
    steps, errors = sums["steps"], sums["errors"]
    return Effort(**sums, error_rate=round(errors / steps, 3) if steps else 0.0)
