"""uxaudit's own calls into the page, kept out of the Playwright trace; the visitor's actions kept in.

A trace records a DOM snapshot before and after every Playwright call it sees, and uxaudit reads
the page a dozen times a step (timings, the screen, axe-core, the click's effect). Recorded, those
reads cost a third of the journeys' time and bury the visitor's click among them. Playwright's own
helpers mark their calls "internal", which tracing skips; uxaudit's reads are marked the same way,
and only the visitor's actions (`traced`) are recorded with their snapshots.

This reaches into Playwright's private zones (the Python port of its `zones.ts`). Should a
Playwright release move them, both functions do nothing: every call is then traced, as before,
which is slower but records the same evidence.
"""

from __future__ import annotations

from collections.abc import Awaitable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, TypeVar

T = TypeVar("T")

try:
    from playwright._impl.channel_owner import ApiZone
    from playwright._impl.utils import zones

    _ZONE: ContextVar[Any] | None = zones._async_local_storage  # noqa: SLF001 - see the module's note
except (ImportError, AttributeError):  # pragma: no cover - a Playwright without zones: trace everything
    _ZONE = None


@contextmanager
def untraced() -> Iterator[None]:
    """Calls made inside (in this task, and in tasks it starts) are not recorded in a trace."""
    if _ZONE is None:
        yield
        return
    internal = ApiZone(api_name="", frames=[], title=None, internal=True)
    token = _ZONE.set(zones.current_zone().with_("apiZone", internal))
    try:
        yield
    finally:
        _ZONE.reset(token)


async def traced(action: Awaitable[T]) -> T:
    """Await a visitor's action (a click, a fill) as a call of its own in the trace, with its snapshots,
    even inside `untraced()`."""
    if _ZONE is None:
        return await action
    token = _ZONE.set(zones.current_zone().without("apiZone"))
    try:
        return await action
    finally:
        _ZONE.reset(token)
