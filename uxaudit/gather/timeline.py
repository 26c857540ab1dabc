"""What the page's main thread and address bar did during a step, read from the buffers vitals.js
keeps: in-app route changes, long tasks, long animation frames, Event Timing and paints.

Times from the page (performance.now(), in ms) are turned into time.monotonic() seconds, so they
line up with the step's own clock."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from playwright.async_api import Error, Page

from ..artifacts import Freeze
from .bounded import within
from .screens import RouteChange, new_screen

LONG_TASK_MS = 50  # a task longer than this blocks input (the definition behind Total Blocking Time)
_DRAIN_JS = "() => (window.__uxaudit && window.__uxaudit.drain ? window.__uxaudit.drain() : null)"
_FORGET_JS = "() => (window.__uxaudit && window.__uxaudit.forget ? window.__uxaudit.forget() : 0)"
_CHANGES_JS = ("() => (window.__uxaudit && window.__uxaudit.changes ? {now: performance.now(), "
               "lastChange: window.__uxaudit.changes().lastChange, routes: window.__uxaudit.routes, "
               "pictures: window.__uxaudit.pendingPictures()} : null)")


@dataclass(frozen=True)
class ScreenDrawn:
    """When a new in-app screen was done (monotonic s): its last visible change (None: it changed
    nothing, or never stopped changing), and when its pictures in view had arrived (None: none waited)."""

    changed_at: float | None = None
    pictures_at: float | None = None


@dataclass(frozen=True)
class Timeline:
    """One step's drained buffers."""

    routes: tuple[RouteChange, ...] = ()
    paints: tuple[float, ...] = ()  # monotonic times of paints after an interaction (new content drawn)
    freeze: Freeze | None = None


class PageClock:
    """Converts the page's performance.now() to time.monotonic(), from one evaluate's round trip."""

    def __init__(self, page_now_ms: float, before: float, after: float) -> None:
        self.offset = (before + after) / 2 - page_now_ms / 1000

    def monotonic(self, page_ms: float) -> float:
        """A page time as time.monotonic() seconds."""
        return self.offset + page_ms / 1000


async def forget(page: Page) -> float:
    """Empty the buffers before a step (what ran meanwhile was uxaudit's own work: axe, screenshots)
    and return the page's time now (ms; 0 when it cannot be read). StepFailure: the page is stuck."""
    try:
        now = await within(page.evaluate(_FORGET_JS), 2, "clearing the page's timeline")
    except Error:
        return 0.0  # a page that is gone has nothing to forget
    return float(now) if isinstance(now, int | float) else 0.0


async def drain(page: Page) -> Timeline:
    """The route changes, paints and main-thread work since the last drain (empty if unreadable).
    StepFailure: the page is stuck."""
    before = time.monotonic()
    try:
        raw = await within(page.evaluate(_DRAIN_JS), 2, "reading the page's timeline")
    except Error:
        return Timeline()
    if not isinstance(raw, dict):
        return Timeline()
    clock = PageClock(float(raw["now"]), before, time.monotonic())
    routes = _routes(raw, clock)
    paints = tuple(clock.monotonic(p["at"]) for p in raw.get("paints") or ())
    return Timeline(routes, paints, freeze_of(raw.get("tasks") or (), raw.get("frames") or (),
                                              raw.get("events") or ()))


async def wait_for_screen(page: Page, shown_url: str | None, quiet_ms: float, quiet_until: float,
                          deadline: float) -> ScreenDrawn | None:
    """After an in-app route change, wait for the new screen as a visitor does: until the page has
    stopped changing for `quiet_ms` (its data shown; a page still changing at `quiet_until`, such as a
    ticker, is left to its network) and the pictures in view have arrived (up to `deadline`, as a
    document's load event waits for its pictures). None when no route change left `shown_url`
    (the screen before the step) for a new screen.
    StepFailure: the page is stuck."""
    drawn: ScreenDrawn | None = None
    pictures_waited = gave_up = False
    while True:
        before = time.monotonic()
        try:
            raw = await within(page.evaluate(_CHANGES_JS), 2, "watching the page change")
        except Error:
            return drawn
        if not isinstance(raw, dict) or not new_screen(_routes(raw, None), shown_url):
            return drawn
        clock, now = PageClock(float(raw["now"]), before, time.monotonic()), time.monotonic()
        changed = clock.monotonic(float(raw["lastChange"])) if raw.get("lastChange") else None
        gave_up = gave_up or (changed is not None and (now - changed) * 1000 < quiet_ms and now >= quiet_until)
        quiet = gave_up or changed is None or (now - changed) * 1000 >= quiet_ms
        pictures_waited = pictures_waited or bool(raw.get("pictures"))
        drawn = ScreenDrawn(None if gave_up else changed,
                            now if pictures_waited and not raw.get("pictures") else None)
        if (quiet and not raw.get("pictures")) or now >= deadline:
            return drawn
        await asyncio.sleep(min(0.05, quiet_ms / 4000))


def _routes(raw: dict[str, Any], clock: PageClock | None) -> tuple[RouteChange, ...]:
    return tuple(RouteChange(str(r["via"]), str(r["url"]), clock.monotonic(r["at"]) if clock else 0.0, float(r["at"]))
                 for r in raw.get("routes") or ())


def freeze_of(tasks: Sequence[dict[str, Any]], frames: Sequence[dict[str, Any]],
              events: Sequence[dict[str, Any]]) -> Freeze | None:
    """The step's main-thread work: None when nothing was long and nobody interacted."""
    durations = [float(t["ms"]) for t in tasks]
    worst = _worst_interaction(events)
    if not durations and worst is None:
        return None
    blocking = sum(max(0.0, ms - LONG_TASK_MS) for ms in durations)
    freeze = Freeze(blocking_ms=round(blocking, 1), longest_task_ms=round(max(durations, default=0.0), 1),
                    long_tasks=len(durations), scripts=_scripts(frames))
    if worst is None:
        return freeze
    delay, processing, total = float(worst["delay"]), float(worst["processing"]), float(worst["ms"])
    return replace(freeze, interaction_ms=round(total, 1), event=str(worst["name"]),
                   input_delay_ms=round(delay, 1), processing_ms=round(processing, 1),
                   presentation_ms=round(max(0.0, total - delay - processing), 1))


def _worst_interaction(events: Sequence[dict[str, Any]]) -> dict[str, Any] | None:
    """The slowest event of the slowest interaction (INP takes an interaction's longest event); of
    events as slow, the one whose handlers ran longest (a click's, not the pointerdown before it)."""
    return max(events, key=lambda e: (float(e["ms"]), float(e["processing"])), default=None)


def _scripts(frames: Sequence[dict[str, Any]]) -> tuple[str, ...]:
    """The scripts that ran longest in the long animation frames, named as a developer finds them."""
    scripts = sorted((s for frame in frames for s in frame.get("scripts") or ()), key=lambda s: -float(s["ms"]))
    named = []
    for script in scripts:
        source = str(script.get("source") or "").rsplit("/", 1)[-1].split("?", 1)[0]
        what = str(script.get("what") or "a script") + (f" ({source})" if source else "")
        line = f"{what} {float(script['ms']) / 1000:.1f} s"
        if line not in named:
            named.append(line)
    return tuple(named[:3])
