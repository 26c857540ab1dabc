"""layout-shift: content stays where it is while the visitor reads and clicks."""

from __future__ import annotations

from ..artifacts import JourneyRecord, PageVisit, TaskRecord
from .base import Audit, AuditInput, Finding, Where, make_finding, short_url
from .curves import poorly_scored_visits


def check(data: AuditInput) -> list[Finding]:
    """A finding per page visit whose cumulative layout shift scores below 0.9."""
    visits = poorly_scored_visits(data, lambda v: v.cls, lambda t, _j: t.cls)
    return [_shifting(journey, task, visit, score) for journey, task, visit, score in visits]


def _shifting(journey: JourneyRecord, task: TaskRecord, visit: PageVisit, score: float) -> Finding:
    moved = ", ".join(visit.shifted) if visit.shifted else "not known"
    evidence = [{"layout shift": visit.cls, "elements that moved": moved}]
    return make_finding(AUDIT, Where(journey, task, visit.step, visit.final_url), score=score,
                        title=f"Content on “{visit.title or short_url(visit.final_url)}” jumps around "
                              f"(layout shift {visit.cls:.2f})", evidence=evidence,
                        value=visit.cls, display_value=f"{visit.cls:.2f}")


AUDIT = Audit(
    id="layout-shift",
    category="stability",
    title="Content stays in place",
    failure_title="Content jumps around while the page is in use",
    description="When text or buttons move as something loads above them, people lose their place "
                "or click the wrong thing.",
    hint="Reserve space for what arrives late (set image sizes, give banners and embeds a fixed "
         "height), and add new content below what the visitor is looking at, not above it.",
    check=check,
)
