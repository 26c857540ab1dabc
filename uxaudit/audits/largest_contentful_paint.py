"""largest-contentful-paint: a page's main content shows quickly."""

from __future__ import annotations

from ..artifacts import JourneyRecord, PageVisit, TaskRecord
from .base import Audit, AuditInput, Finding, Where, make_finding, short_url
from .curves import poorly_scored_visits


def check(data: AuditInput) -> list[Finding]:
    """A finding per page visit whose LCP scores below 0.9 on the device's curve."""
    visits = poorly_scored_visits(data, lambda v: v.lcp_ms, lambda t, j: t.lcp(j.mobile))
    return [_slow(journey, task, visit, score) for journey, task, visit, score in visits]


def _slow(journey: JourneyRecord, task: TaskRecord, visit: PageVisit, score: float) -> Finding:
    seconds = (visit.lcp_ms or 0) / 1000
    evidence = [{"main content": visit.lcp_element or "unknown element", "shown after ms": round(visit.lcp_ms or 0),
                 "first content after ms": round(visit.fcp_ms) if visit.fcp_ms else None}]
    return make_finding(AUDIT, Where(journey, task, visit.step, visit.final_url), score=score,
                        title=f"The main content of “{visit.title or short_url(visit.final_url)}” took "
                              f"{seconds:.1f} s to show", evidence=evidence,
                        value=round(visit.lcp_ms or 0), display_value=f"{seconds:.1f} s")


AUDIT = Audit(
    id="largest-contentful-paint",
    category="speed",
    title="The main content of each page shows quickly",
    failure_title="A page's main content is slow to show",
    description="Until the biggest picture or block of text appears, the page feels empty: this is "
                "when visitors judge whether it has loaded.",
    hint="The evidence names the element: make it smaller or faster (compress and size images, "
         "preload the main picture, avoid hiding it behind scripts or fonts).",
    check=check,
)
