"""What a click or key press visibly did: navigated, changed the address, sent requests, changed the
page, opened a dialog — or nothing at all (a dead click)."""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass

from playwright.async_api import Error, Page

from ..artifacts import EFFECT_WATCH_S
from .bounded import within
from .observer import PageObserver
from .step_failure import StepFailure

_MUTATIONS_JS = "() => (window.__uxaudit && window.__uxaudit.changes ? window.__uxaudit.changes().mutations : null)"


@dataclass(frozen=True)
class PageState:
    """The counters an effect is judged against."""

    url: str
    navigations: int
    requests: int
    dialogs: int
    mutations: int | None


async def page_state(page: Page, observer: PageObserver) -> PageState:
    """The page's counters now."""
    return PageState(page.url, observer.navigations_started, observer.requests_started, observer.dialogs,
                     await _mutations(page))


async def _mutations(page: Page) -> int | None:
    try:
        value = await within(page.evaluate(_MUTATIONS_JS), 2, "counting page changes")
    except (Error, StepFailure):
        return None
    return int(value) if isinstance(value, int | float) else None


async def wait_for_effect(page: Page, observer: PageObserver, before: PageState) -> str:
    """The first effect seen (waiting up to EFFECT_WATCH_S when there is none yet), or "none"."""
    deadline = time.monotonic() + EFFECT_WATCH_S
    while True:
        effect = effect_since(before, await page_state(page, observer))
        if effect != "none" or time.monotonic() >= deadline:
            return effect
        await asyncio.sleep(0.1)


def effect_since(before: PageState, now: PageState) -> str:
    """Which kind of change happened between two states."""
    if now.navigations > before.navigations:
        return "navigation"
    if now.url != before.url:
        return "address"
    if now.requests > before.requests:
        return "requests"
    if before.mutations is None or now.mutations is None or now.mutations > before.mutations:
        return "page-change"  # unknown counts as changed: never call a click dead without evidence
    if now.dialogs > before.dialogs:
        return "dialog"  # a message box and nothing else: what dead-click reports with its words
    return "none"
