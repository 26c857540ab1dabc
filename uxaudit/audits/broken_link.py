"""broken-link: every link on the pages a journey shows leads somewhere."""

from __future__ import annotations

from ..artifacts import LINK_CHECK, LinkCheck, RunArtifacts
from .base import Audit, AuditInput, Finding, Where, make_finding, short_url

# A broken link off the journey's path: the visitor can still finish, but whoever follows it hits a wall.
BROKEN_SCORE = 0.6
STATUS_WORDS = {404: "not found", 410: "gone", 401: "needs a login", 403: "forbidden", 500: "server error",
                502: "bad gateway", 503: "unavailable", 504: "gateway timeout"}


def check(data: AuditInput) -> list[Finding]:
    """One warning per broken link of the run (each link is checked once), listing the pages it sits on."""
    return [finding for link in data.run.links if link.broken
            for finding in [_broken(data.run, link)] if finding is not None]


def _broken(run: RunArtifacts, link: LinkCheck) -> Finding | None:
    """Attributed to the first task that showed the link, so it counts in that task's score."""
    # The first page in a fixed order, not the first seen: journeys run in parallel, and the
    # finding's identity (for baselines) must not depend on which got there first.
    first = min(link.sources, key=lambda s: (s.journey, s.task, s.step, s.page_url)) if link.sources else None
    journey = next((j for j in run.journeys if first and j.id == first.journey), None)
    if journey is None or first is None:
        return None
    task = next((t for t in journey.tasks if t.id == first.task), None)
    answer = _answer(link)
    redirects = " → ".join(f"{hop.status} {short_url(hop.url)}" for hop in link.redirects) or None
    evidence: list[dict[str, object]] = [
        {"on page": source.page_url, "link text": source.text or None, "seen in": f"{source.journey}/{source.task}"}
        for source in link.sources]
    if redirects:  # the way the link went before it failed, beside the first page it sits on
        evidence[0]["redirects on the way"] = redirects
    if evidence:
        evidence[0]["checked with"] = link.method  # HEAD, or GET where a site refuses HEAD
    pages = max(link.pages, len(link.sources))
    if pages > len(link.sources):  # the checker keeps the first few pages of a link seen everywhere
        evidence.append({"on page": f"… and {pages - len(link.sources)} more page(s)"})
    return make_finding(AUDIT, Where(journey, task, first.step, link.url), score=BROKEN_SCORE,
                        title=f"A link to “{short_url(link.url)}” is broken ({answer}), "
                              f"on {pages} page{'s' if pages != 1 else ''}",
                        evidence=[{k: v for k, v in row.items() if v is not None} for row in evidence],
                        value=link.status, display_value=answer)


def _answer(link: LinkCheck) -> str:
    if link.status is None:
        return f"no answer: {link.error}"
    words = STATUS_WORDS.get(link.status)
    return f"{link.status} {words}" if words else str(link.status)


AUDIT = Audit(
    id="broken-link",
    category="navigation",
    title="Every link on the visited pages leads somewhere",
    failure_title="A page links to an address that is broken",
    description="A link that leads to an error page breaks a promise the page made. Visitors who follow "
                "it hit a dead end, and search engines and people start to trust the site less.",
    hint="Point the link at the right address, restore the page it named, or remove the link. The "
         "evidence lists every page it sits on.",
    check=check,
    needs=frozenset({LINK_CHECK}),
)
