"""redirect-chain: a page is reached in at most one redirect."""

from __future__ import annotations

from ..artifacts import JourneyRecord, PageVisit, TaskRecord
from .base import Audit, AuditInput, Finding, Where, make_finding, page_visits, short_url


def check(data: AuditInput) -> list[Finding]:
    """A finding per visit that went through two or more redirects (loops are redirect-loop's)."""
    findings = []
    for journey, task, visit in page_visits(data.run):
        limits = data.thresholds_for(journey, task)
        if visit.error is None and redirect_count(visit) >= limits.redirects_warning:
            findings.append(_chain(journey, task, visit, limits.redirects_warning, limits.redirects_error))
    return findings


def redirect_count(visit: PageVisit) -> int:
    """How many redirects came before the page."""
    return len(visit.redirects)


def _chain(journey: JourneyRecord, task: TaskRecord, visit: PageVisit, warning: int, error: int) -> Finding:
    count = redirect_count(visit)
    score = 0.4 if count >= error else 0.6
    evidence = [{"hop": n, "url": hop.url, "status": hop.status, "ms": hop.duration_ms}
                for n, hop in enumerate(visit.redirects, start=1)]
    evidence.append({"hop": count + 1, "url": visit.final_url, "status": visit.status, "ms": None})
    return make_finding(AUDIT, Where(journey, task, visit.step, visit.requested_url), score=score,
                        title=f"“{short_url(visit.requested_url)}” goes through {count} redirects and "
                              f"ends at “{short_url(visit.final_url)}”",
                        evidence=evidence, value=count, display_value=f"{count} redirects")


AUDIT = Audit(
    id="redirect-chain",
    category="navigation",
    title="Pages are reached without long redirect chains",
    failure_title="A link goes through a chain of redirects",
    description="Every redirect is another round trip before the visitor sees anything, and long "
                "chains often end somewhere the visitor did not expect.",
    hint="Point the link straight at the final address, or redirect once. Check that the last hop is "
         "the page the link promises.",
    check=check,
)
