"""http-error: every page a journey visits answers successfully."""

from __future__ import annotations

from ..artifacts import JourneyRecord, PageVisit, TaskRecord
from .base import Audit, AuditInput, Finding, Where, make_finding, page_visits, short_url
from .redirect_chain import too_long
from .redirect_loop import is_loop
from .unreachable import host_notes, unreachable


def check(data: AuditInput) -> list[Finding]:
    """An error per visit answered 4xx/5xx, or not answered at all (loops are redirect-loop's, chains
    the browser gave up on redirect-chain's; another host the test machine could not connect to is a note)."""
    return [_error(journey, task, visit) for journey, task, visit in page_visits(data.run)
            if (visit.status is not None and visit.status >= 400)
            or (visit.error and not is_loop(visit) and not too_long(visit) and not _unreachable(journey, visit))]


def notes(data: AuditInput) -> list[str]:
    """Pages on other hosts the test machine could not connect to, one note per host."""
    return host_notes([(visit.final_url, visit.error or "") for journey, _, visit in page_visits(data.run)
                       if _unreachable(journey, visit)], "visit")


def _unreachable(journey: JourneyRecord, visit: PageVisit) -> bool:
    return unreachable(visit.final_url, visit.status, visit.error, journey.base_url)


def _error(journey: JourneyRecord, task: TaskRecord, visit: PageVisit) -> Finding:
    answer = str(visit.status) if visit.status is not None else f"no answer ({visit.error})"
    what = "was not found" if visit.status == 404 else "failed"
    evidence = [{"url": visit.final_url, "answer": answer, "reached by": f"step {visit.step}",
                 "page title": visit.title or None}]
    return make_finding(AUDIT, Where(journey, task, visit.step, visit.final_url), score=0.0,
                        title=f"“{short_url(visit.final_url)}” {what} ({answer})", evidence=evidence,
                        value=visit.status, display_value=answer)


AUDIT = Audit(
    id="http-error",
    category="navigation",
    title="Every visited page answers successfully",
    failure_title="A page answered with an error",
    description="An error page is a dead end: the visitor has to find another way, or leaves.",
    hint="Fix the link that leads here, restore the page, or redirect the old address to its "
         "replacement once. Server errors (5xx) need the server's logs.",
    check=check,
    notes=notes,
)
