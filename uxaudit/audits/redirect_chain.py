"""redirect-chain: a page is reached in at most one redirect."""

from __future__ import annotations

from ..artifacts import JourneyRecord, PageVisit, TaskRecord
from .base import Audit, AuditInput, Finding, Where, make_finding, page_visits, short_url
from .redirect_loop import is_loop

BROWSER_LIMIT = 20  # Chromium follows at most 20 redirects, then fails with ERR_TOO_MANY_REDIRECTS


def check(data: AuditInput) -> list[Finding]:
    """A finding per visit that went through two or more redirects, or so many that the browser gave up
    (loops are redirect-loop's)."""
    findings = []
    for journey, task, visit in page_visits(data.run):
        limits = data.thresholds_for(journey, task)
        if too_long(visit):
            findings.append(_gave_up(journey, task, visit))
        elif visit.error is None and redirect_count(visit) >= limits.redirects_warning:
            findings.append(_chain(journey, task, visit, limits.redirects_warning, limits.redirects_error))
    return findings


def too_long(visit: PageVisit) -> bool:
    """Chromium gave up after 20 redirects and no address repeated: a chain too long to follow."""
    return bool(visit.error) and "TOO_MANY_REDIRECTS" in str(visit.error) and not is_loop(visit)


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


def _gave_up(journey: JourneyRecord, task: TaskRecord, visit: PageVisit) -> Finding:
    evidence = [{"hop": n, "url": hop.url, "status": hop.status, "ms": hop.duration_ms}
                for n, hop in enumerate(visit.redirects, start=1)]
    evidence.append({"hop": len(visit.redirects) + 1, "url": "(not followed)",
                     "status": f"the browser gives up after {BROWSER_LIMIT} redirects", "ms": None})
    return make_finding(AUDIT, Where(journey, task, visit.step, visit.requested_url), score=0.0,
                        title=f"“{short_url(visit.requested_url)}” goes through more than {BROWSER_LIMIT} "
                              "redirects (the browser gives up) and never shows a page",
                        evidence=evidence, value=len(visit.redirects),
                        display_value=f"more than {BROWSER_LIMIT} redirects")


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
