"""failed-request: the pictures, scripts and styles a page needs all arrive."""

from __future__ import annotations

from functools import partial
from urllib.parse import urlsplit

from ..artifacts import FailedRequest, JourneyRecord, TaskRecord
from .base import Audit, AuditInput, Finding, Where, attempted_tasks, by_page, make_finding, short_url

# A request the browser dropped because the visitor moved on is not the site's fault.
ABANDONED = ("ERR_ABORTED", "net::ERR_ABORTED")


def check(data: AuditInput) -> list[Finding]:
    """A warning per page (within a task) whose same-site subresources failed or answered 4xx/5xx."""
    findings = []
    for journey, task in attempted_tasks(data.run):
        counted = by_page(task, lambda s: s.failed_requests, partial(_counts, base_url=journey.base_url))
        for page_url, (step, failed) in counted.items():
            findings.append(_failed(journey, task, page_url, step, failed))
    return findings


def _counts(request: FailedRequest, base_url: str) -> bool:
    """Same site as the journey (third parties are not the site's to fix), and not abandoned."""
    if request.error and any(code in request.error for code in ABANDONED):
        return False
    return urlsplit(request.url).netloc == urlsplit(base_url).netloc


def _failed(journey: JourneyRecord, task: TaskRecord, page_url: str, step: int,
            failed: list[FailedRequest]) -> Finding:
    unique = list({r.url: r for r in failed}.values())
    evidence = [{"url": r.url, "kind": r.resource_type, "answer": r.status if r.status else r.error} for r in unique]
    count = len(unique)
    return make_finding(AUDIT, Where(journey, task, step, page_url or None), score=0.6,
                        title=f"“{short_url(page_url)}” could not load {count} of its files",
                        evidence=evidence, value=count, display_value=f"{count} failed")


AUDIT = Audit(
    id="failed-request",
    category="stability",
    title="Every picture, script and style a page needs arrives",
    failure_title="A page could not load some of its files",
    description="A missing picture leaves a hole in the page; a missing script or style can break "
                "buttons or the layout, often only for some visitors.",
    hint="Open each address in the evidence: restore the file, fix the path in the page, or remove "
         "the reference.",
    check=check,
)
