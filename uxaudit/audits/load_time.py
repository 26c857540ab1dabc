"""load-time: how long each page of a journey takes to be fully loaded."""

from __future__ import annotations

from ..artifacts import JourneyRecord, PageVisit, TaskRecord
from .base import Audit, AuditInput, Finding, Where, make_finding, short_url
from .curves import poorly_scored_visits

METRICS = (("ttfb_ms", "First byte from the server"), ("fcp_ms", "First content shown"),
           ("dom_content_loaded_ms", "Page usable (DOM ready)"), ("lcp_ms", "Main content shown"),
           ("load_ms", "Fully loaded"))


def check(data: AuditInput) -> list[Finding]:
    """A finding per page visit whose load time scores below 0.9 on the device's curve."""
    visits = poorly_scored_visits(data, lambda v: v.load_ms, lambda t, j: t.load_time(j.mobile))
    return [_slow(journey, task, visit, score) for journey, task, visit, score in visits]


def _slow(journey: JourneyRecord, task: TaskRecord, visit: PageVisit, score: float) -> Finding:
    name = visit.title or short_url(visit.final_url)
    seconds = (visit.load_ms or 0) / 1000
    measured = [(label, value) for key, label in METRICS if (value := getattr(visit, key)) is not None]
    evidence = [{"metric": label, "ms": round(value)} for label, value in sorted(measured, key=lambda m: m[1])]
    return make_finding(AUDIT, Where(journey, task, visit.step, visit.final_url), score=score,
                        title=f"“{name}” took {seconds:.1f} s to load", evidence=evidence,
                        value=round(visit.load_ms or 0), display_value=f"{seconds:.1f} s")


AUDIT = Audit(
    id="load-time",
    category="speed",
    title="Pages load quickly",
    failure_title="A page is slow to load",
    description="Visitors notice any wait over a second, and many leave a page that takes more than "
                "a few seconds to appear.",
    hint="Compare the metrics in the evidence: a slow first byte points at the server; a long gap "
         "before 'fully loaded' points at large images, videos or scripts. Compress, resize, "
         "lazy-load and defer them.",
    check=check,
)
