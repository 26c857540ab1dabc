"""uxaudit's own calls into the page, kept out of the Playwright trace; the visitor's actions kept in.

A trace records a DOM snapshot before and after every Playwright call it sees, and uxaudit reads
the page a dozen times a step (timings, the screen, axe-core, the click's effect). Recorded, those
reads cost a third of the journeys' time and bury the visitor's click among them. Playwright's own
helpers mark their calls "internal", which tracing skips; uxaudit's reads are marked the same way,
and only the visitor's actions (`traced`) are recorded with their snapshots.

This reaches into Playwright's private zones (the Python port of its `zones.ts`). Should a
Playwright release move or change them (checked once, at import), both functions do nothing: every
call is then traced, as before, which is slower but records the same evidence.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, TypeVar

T = TypeVar("T")


def _zones() -> tuple[ContextVar[Any], Callable[[], Any], Callable[[], Any]] | None:
    """Playwright's zone variable, its current zone and a maker of internal API zones (a zone holds
    its call's state: one each time); None when this Playwright's zones are not the ones this module
    knows (then nothing is kept out of the trace)."""
    try:
        from playwright._impl.channel_owner import ApiZone
        from playwright._impl.utils import zones

        variable: ContextVar[Any] = zones._async_local_storage  # noqa: SLF001 - see the module's note

        def internal() -> Any:
            return ApiZone(api_name="", frames=[], title=None, internal=True)

        zones.current_zone().with_("apiZone", internal()).without("apiZone")  # what the functions below call
    except Exception:  # noqa: BLE001 - any change of a private API: trace everything, as before
        return None
    return variable, zones.current_zone, internal


_PROBED = _zones()


@contextmanager
def untraced() -> Iterator[None]:
    """Calls made inside (in this task, and in tasks it starts) are not recorded in a trace."""
    if _PROBED is None:
        yield
        return
    variable, current_zone, internal = _PROBED
    token = variable.set(current_zone().with_("apiZone", internal()))
    try:
        yield
    finally:
        variable.reset(token)


async def traced(action: Awaitable[T]) -> T:
    """Await a visitor's action (a click, a fill) as a call of its own in the trace, with its snapshots,
    even inside `untraced()`."""
    if _PROBED is None:
        return await action
    variable, current_zone, _ = _PROBED
    token = variable.set(current_zone().without("apiZone"))
    try:
        return await action
    finally:
        variable.reset(token)
