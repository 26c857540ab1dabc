"""soft-404: a page that answered 200 OK but whose title or heading says it was not found."""

from __future__ import annotations

import re

from ..artifacts import JourneyRecord, PageVisit, TaskRecord
from .base import Audit, AuditInput, Finding, Where, make_finding, short_url
from .page_text import content_pages, first_heading, page_title, parse

# Conservative on purpose: only phrases that say "this page is not here". A bare "404" counts only
# as a whole title part ("404 | Shop") or beside "error"/"page", so a product called "Model 404" does not.
NOT_FOUND = re.compile(r"""
    \bnot\s+found\b
  | \b(?:does\s+not|doesn['’]?t|no\s+longer)\s+exists?\b
  | \bno\s+longer\s+available\b
  | \bwe\s+(?:could\s+not|couldn['’]?t|cannot|can['’]?t)\s+find\b
  | \b(?:error|http)\s*404\b | \b404\s+(?:error|page)\b
  | (?:^|[|–—:·]|\s-\s)\s*404\s*(?:$|[|–—:·]|\s-\s)
""", re.IGNORECASE | re.VERBOSE)


def check(data: AuditInput) -> list[Finding]:
    """An error per page answered 2xx whose title or main heading says it was not found."""
    findings = []
    for journey, task, visit in content_pages(data):
        soup = parse(data.page_html(visit))
        title, heading = page_title(soup, visit), first_heading(soup)
        said = next((text for text in (heading, title) if says_not_found(text)), None)
        if said is not None:
            findings.append(_soft(journey, task, visit, title, heading, said))
    return findings


def says_not_found(text: str) -> bool:
    """The text says the page is missing ("Page not found", "Error 404", "we couldn't find")."""
    return NOT_FOUND.search(text.strip()) is not None


def _soft(journey: JourneyRecord, task: TaskRecord, visit: PageVisit, title: str, heading: str,
          said: str) -> Finding:
    evidence = [{"url": visit.final_url, "status": visit.status, "page title": title or None,
                 "main heading": heading or None}]
    route = visit.kind == "route"
    answered = "the app shows it as a normal screen" if route else f"answered {visit.status}"
    return make_finding(AUDIT, Where(journey, task, visit.step, visit.final_url), score=0.0,
                        title=f"“{short_url(visit.final_url)}” says “{said}” but {answered}",
                        evidence=evidence, value=visit.status,
                        display_value="says not found" if route else f"{visit.status}, says not found",
                        hint=ROUTE_HINT if route else None)


ROUTE_HINT = ("Fix the link or route that leads here. For addresses that really do not exist, let the server "
              "answer 404 when they are loaded directly (server-side rendering, or a list of the app's routes "
              "on the server), and add a noindex tag to the app's not-found screen.")


AUDIT = Audit(
    id="soft-404",
    category="content",
    title="Pages that load are really there",
    failure_title="A page says it was not found, yet answered as if it were fine",
    description="The visitor reached a dead end that pretends to be a page. Because the server says all "
                "is well, search engines keep it listed, and link checkers and monitoring miss it.",
    hint="If the page is gone, answer 404 (or 410), or redirect the old address once to its replacement; "
         "if it should exist, restore its content and fix the link that leads here.",
    check=check,
)
