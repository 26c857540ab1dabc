"""redirect-loop: no address redirects back to itself forever."""

from __future__ import annotations

from ..artifacts import JourneyRecord, PageVisit, TaskRecord
from .base import Audit, AuditInput, Finding, Where, make_finding, page_visits, short_url


def check(data: AuditInput) -> list[Finding]:
    """An error per visit that ended in a redirect loop."""
    return [_loop(journey, task, visit) for journey, task, visit in page_visits(data.run) if is_loop(visit)]


def is_loop(visit: PageVisit) -> bool:
    """No page was reached and an address came back among the hops. (Chromium gives up after 20
    redirects whether or not they repeat, so its ERR_TOO_MANY_REDIRECTS alone is not a loop: a long
    chain that does not repeat is redirect-chain's. A bounce that ends on a page, such as a cookie
    check that returns to where it started, is a chain too.)"""
    urls = [hop.url for hop in visit.redirects]
    reached_page = visit.status is not None and not 300 <= visit.status < 400
    return len(urls) != len(set(urls)) and not reached_page


def _cycle(visit: PageVisit) -> list[str]:
    """The addresses of the loop once, in order."""
    seen: list[str] = []
    for hop in visit.redirects:
        if hop.url in seen:
            break
        seen.append(hop.url)
    return seen or [visit.requested_url]


def _loop(journey: JourneyRecord, task: TaskRecord, visit: PageVisit) -> Finding:
    cycle = _cycle(visit)
    statuses = {hop.url: hop.status for hop in visit.redirects}
    evidence = [{"hop": n, "url": url, "status": statuses.get(url)} for n, url in enumerate(cycle, start=1)]
    evidence.append({"hop": len(cycle) + 1, "url": f"back to {cycle[0]}",
                     "status": f"and so on, until the browser gave up after {len(visit.redirects) + 1} requests"})
    return make_finding(AUDIT, Where(journey, task, visit.step, visit.requested_url), score=0.0,
                        title=f"“{short_url(visit.requested_url)}” redirects in a loop and never shows a page",
                        evidence=evidence, value=len(visit.redirects), display_value="redirect loop")


AUDIT = Audit(
    id="redirect-loop",
    category="navigation",
    title="No page redirects in a loop",
    failure_title="A page redirects in a loop",
    description="A redirect loop shows the visitor a browser error instead of the page: that part of "
                "the site is unreachable.",
    hint="Follow the addresses in the evidence: one of them sends the visitor back to the start, "
         "often a sign-in or language rule that redirects when it should show a page.",
    check=check,
)
