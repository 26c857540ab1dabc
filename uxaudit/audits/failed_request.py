"""failed-request: the pictures, scripts and styles a page needs all arrive."""

from __future__ import annotations

from functools import partial
from typing import Any

from ..artifacts import FailedRequest, JourneyRecord, TaskRecord
from .base import (
    Audit,
    AuditInput,
    Finding,
    Where,
    attempted_tasks,
    by_page,
    make_finding,
    page_name,
    pages_of,
)
from .unreachable import elsewhere, host_notes, unreachable

# A request the browser dropped because the visitor moved on is not the site's fault.
ABANDONED = ("ERR_ABORTED", "net::ERR_ABORTED")
# A single-page app talks to its server in data requests; a 4xx answer there is part of the
# conversation (the form was invalid: 422; not signed in: 401), shown to the visitor by the app,
# not a file the page could not load. A 5xx answer is the server failing, and stays a finding.
DATA_REQUESTS = ("fetch", "xhr")


def check(data: AuditInput) -> list[Finding]:
    """A warning per page template (within a task) with requests that answered 4xx/5xx, or failed on
    the site's own host."""
    findings = []
    for journey, task in attempted_tasks(data.run):
        counted = by_page(task, lambda s: s.failed_requests, partial(_counts, base_url=journey.base_url))
        for page_url, (step, failed) in counted.items():
            findings.append(_failed(journey, task, page_url, step, failed))
    return findings


def notes(data: AuditInput) -> list[str]:
    """Other hosts the test machine could not connect to, one note each (not findings)."""
    failures = [(r.url, r.error or "") for journey, task in attempted_tasks(data.run) for step in task.steps
                for r in step.failed_requests if unreachable(r.url, r.status, r.error, journey.base_url)]
    return host_notes(failures, "request")


def _counts(request: FailedRequest, base_url: str) -> bool:
    """An error answer from any host (for data requests: a server error, 5xx); no answer from the
    site's own host. Not: abandoned requests,
    another host that could not be reached (a note), other hosts' own failures (refused by the
    browser's rules, certificates: not known to be the site's)."""
    if request.error and any(code in request.error for code in ABANDONED):
        return False
    if request.resource_type in DATA_REQUESTS and request.status is not None and request.status < 500:
        return False
    return request.status is not None or not elsewhere(request.url, base_url)


def _failed(journey: JourneyRecord, task: TaskRecord, page_url: str, step: int,
            failed: list[FailedRequest]) -> Finding:
    pages = pages_of(failed)
    several = len(pages) > 1  # one page template met at several addresses: each row says where
    unique = list({(r.page_url, r.url) if several else r.url: r for r in failed}.values())
    evidence = [_row(r, several) for r in unique]
    count = len({r.url for r in unique})
    return make_finding(AUDIT, Where(journey, task, step, page_url or None), score=0.6,
                        title=f"{page_name(pages)} could not load {count} of {'their' if several else 'its'} files",
                        evidence=evidence, value=count, display_value=f"{count} failed")


def _row(request: FailedRequest, with_page: bool) -> dict[str, Any]:
    row: dict[str, Any] = {"url": request.url, "kind": request.resource_type,
                           "answer": request.status if request.status else request.error}
    return {**row, "page": request.page_url} if with_page else row


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
    notes=notes,
)
