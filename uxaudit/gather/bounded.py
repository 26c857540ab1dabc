"""Bound every call into a page in time: a page whose main thread is stuck must fail a step, not
hang the run (Playwright's evaluate, title, content and count wait forever on such a page)."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from typing import TypeVar

from .step_failure import StepFailure

T = TypeVar("T")
MIN_SECONDS = 0.5  # even at a deadline, give a responsive page time to answer once


async def within(call: Awaitable[T], seconds: float, what: str) -> T:
    """The call's result, or StepFailure when the page does not answer within `seconds`."""
    try:
        return await asyncio.wait_for(call, timeout=max(seconds, MIN_SECONDS))
    except TimeoutError:
        raise StepFailure(f"the page stopped responding (while {what})") from None
