"""Why Lighthouse's lab numbers and the journey's own can differ for one page, in a sentence beside
them: a report that says "Performance 100, main content 0.2 s" next to "main content 3.6 s" for the
same page, and nothing more, reads as a contradiction (docs/reports.md#lighthouse-and-the-journey)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .html_filters import duration

# Two times for the same page differ when they are this far apart, both ways: by this factor and
# by this many milliseconds (a 0.2 s against a 0.4 s paint is noise, not a story).
GAP_RATIO = 2.0
GAP_MS = 1000.0

FASTER_IN_THE_LAB = (
    "Why: Lighthouse loads the page once more after the journey, in the journey's own browser session: with "
    "its cookies, the state it built (a sign-in, a cart) and its cache, so files the journey already waited "
    "for come from the cache; and its times are a lab estimate from that load, with throttling simulated. "
    "The journey's time is what a visitor waited on the way through the task.")
SLOWER_IN_THE_LAB = (
    "Why: Lighthouse simulates a slower network and processor (throttling) to stand for a typical visitor's "
    "device; the journey measured the page as this machine, close to the server, loaded it. Visitors on slow "
    "connections wait closer to Lighthouse's time.")


def lab_gap(result: object, tasks: Mapping[str, Mapping[str, Any]]) -> str:
    """A sentence on how Lighthouse's main-content time for a page differs from what the journey
    measured on the same page, and why; "" when they agree or one of them is missing."""
    gap = lab_and_journey(result, tasks)
    if gap is None:
        return ""
    lab, measured, what = gap
    numbers = (f"Lighthouse estimated the main content of this page at {duration(lab)}; in the journey the page "
               f"{what} after {duration(measured)}.")
    return f"{numbers} {FASTER_IN_THE_LAB if lab < measured else SLOWER_IN_THE_LAB}"


def lab_and_journey(result: object, tasks: Mapping[str, Mapping[str, Any]]) -> tuple[float, float, str] | None:
    """(Lighthouse's main-content time, the journey's time for the same page, what the journey's time
    is) when they differ enough to need a word; None otherwise."""
    if not isinstance(result, Mapping) or result.get("error"):
        return None
    metrics = result.get("metrics")
    lab = _ms(metrics.get("lcp_ms")) if isinstance(metrics, Mapping) else None
    page = _same_page(result, tasks.get(str(result.get("task"))) or {})
    if lab is None or page is None:
        return None
    measured, what = (_ms(page.get("lcp_ms")), "showed its main content") if _ms(page.get("lcp_ms")) else \
        (_ms(page.get("load_ms")), "finished loading")
    if measured is None or not _apart(lab, measured):
        return None
    return lab, measured, what


def _same_page(result: Mapping[str, Any], task: Mapping[str, Any]) -> Mapping[str, Any] | None:
    """The journey's visit of the page Lighthouse audited: at the same address, at its step if it
    came back there more than once."""
    addresses = {result.get("url"), result.get("final_url")} - {None, ""}
    pages = [p for p in task.get("pages") or () if isinstance(p, Mapping)
             and ({p.get("url"), p.get("final_url")} & addresses)]
    step = str(result.get("step") or "").rsplit("/", 1)[-1]
    return next((p for p in pages if str(p.get("step")) == step), pages[0] if pages else None)


def _apart(a: float, b: float) -> bool:
    low, high = sorted((a, b))
    return high - low >= GAP_MS and high >= GAP_RATIO * max(low, 1.0)


def _ms(value: object) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) and value >= 0 else None
