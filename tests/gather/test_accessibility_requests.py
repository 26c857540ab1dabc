"""axe-core runs inside the page it judges, so it must send nothing of its own: a request it made would
be recorded as the page's, and its failures reported as the site's. The lab page /lab/imports has a
stylesheet that @imports a missing file (the site's fault: the page asks for it) and one that
@imports another, relative to itself (axe's default CSSOM preload asks for that one at the page's
address, where nothing is)."""

from __future__ import annotations

from collections.abc import Coroutine, Iterator
from typing import Any

import pytest
from playwright.async_api import Request

from tests.builders import journey, run, step, task
from tests.gather.conftest import Chromium
from uxaudit.artifacts import FailedRequest
from uxaudit.audits import AUDITS_BY_ID
from uxaudit.audits.base import AuditInput
from uxaudit.demo.server import DemoShop
from uxaudit.gather.accessibility import AccessibilityChecker
from uxaudit.gather.node_tools import axe_script

pytestmark = pytest.mark.skipif(axe_script() is None, reason="axe-core is not installed (npm ci)")
AXE_AS_IT_RUNS_BY_DEFAULT = "async () => (await window.axe.run(document, {resultTypes: ['violations']})).violations"


@pytest.fixture
def imports_page(chromium: Chromium, clean_shop: DemoShop) -> Iterator[tuple[Chromium, str, list[FailedRequest]]]:
    """The lab page loaded and settled; the failed requests of its own load."""
    chromium.observer.drain_failed_requests()
    chromium.run(chromium.page.goto(f"{clean_shop.url}/lab/imports", wait_until="networkidle"))
    yield chromium, clean_shop.url, chromium.observer.drain_failed_requests()
    chromium.observer.drain_failed_requests()


def requests_during(chromium: Chromium, work: Coroutine[Any, Any, Any]) -> list[Request]:
    """The requests the page sent while `work` ran, and a moment after."""
    sent: list[Request] = []

    def seen(request: Request) -> None:
        sent.append(request)

    chromium.page.on("request", seen)
    try:
        chromium.run(work)
        chromium.run(chromium.page.wait_for_timeout(200))
    finally:
        chromium.page.remove_listener("request", seen)
    return sent


def failed_request_evidence(failed: list[FailedRequest]) -> list[tuple[str, str, object]]:
    """What the failed-request audit reports of these failures, row by row."""
    artifacts = run(journey(task(steps=(step(failed_requests=tuple(failed)),))))
    return [(row["url"], row["kind"], row["answer"]) for finding in AUDITS_BY_ID["failed-request"].check(
        AuditInput(artifacts)) for row in finding.evidence]


def test_the_pages_own_missing_import_is_the_sites(imports_page: tuple[Chromium, str, list[FailedRequest]]) -> None:
    _, site, failed = imports_page
    assert failed_request_evidence(failed) == [(f"{site}/lab/css/missing.css", "stylesheet", 404)]


def test_axe_sends_no_request_so_nothing_it_did_is_reported(
        imports_page: tuple[Chromium, str, list[FailedRequest]]) -> None:
    chromium, site, _ = imports_page
    sent = requests_during(chromium, AccessibilityChecker.installed().check(chromium.page))
    assert [r.url for r in sent] == []
    assert chromium.observer.drain_failed_requests() == []


def test_by_default_axe_would_fetch_the_stylesheets_again_and_one_the_page_never_asked_for(
        imports_page: tuple[Chromium, str, list[FailedRequest]]) -> None:
    """The trap the test above proves uxaudit out of: axe's CSSOM preload (its default) fetches the
    imported sheets again, and resolves an @import inside a fetched sheet against the page."""
    chromium, site, _ = imports_page
    if not chromium.run(chromium.page.evaluate("() => typeof window.axe === 'object'")):
        chromium.run(chromium.page.evaluate(axe_script().read_text(encoding="utf-8")))  # type: ignore[union-attr]
    sent = requests_during(chromium, chromium.page.evaluate(AXE_AS_IT_RUNS_BY_DEFAULT))
    assert {r.resource_type for r in sent} == {"xhr"} and f"{site}/lab/css/nested.css" in [r.url for r in sent]
    failed = chromium.observer.drain_failed_requests()
    # A 404 the page never asked for: the site would have been blamed for uxaudit's own request.
    assert (f"{site}/lab/deep.css", "xhr", 404) in [(r.url, r.resource_type, r.status) for r in failed]


def test_a_state_axe_cannot_finish_is_unchecked_not_clean_and_is_not_tried_again(
        chromium: Chromium, clean_shop: DemoShop, monkeypatch: pytest.MonkeyPatch) -> None:
    """A page too big for axe (here: an axe whose run never ends) is `unchecked`, which the audit's
    note says; the same state is then not checked again, so it costs the time limit once."""
    from uxaudit.gather import accessibility

    monkeypatch.setattr(accessibility, "AXE_SECONDS", 0.6)
    chromium.run(chromium.page.goto(f"{clean_shop.url}/lab/blank"))
    chromium.run(chromium.page.evaluate("() => { window.axeTries = 0; window.axe = {run: () => "
                                        "{ window.axeTries += 1; return new Promise(() => {}); }}; }"))
    checker = AccessibilityChecker.installed()
    first, again = chromium.run(checker.check(chromium.page)), chromium.run(checker.check(chromium.page))
    assert first == again == accessibility.Checked(unchecked=accessibility.TOO_SLOW)
    assert chromium.run(chromium.page.evaluate("window.axeTries")) == 1
    steps = (step(url=f"{clean_shop.url}/lab/blank", accessibility_unchecked=first.unchecked),)
    notes = AUDITS_BY_ID["accessibility"].notes(AuditInput(run(journey(task(steps=steps)))))  # type: ignore[misc]
    assert notes == [f"The accessibility of “/lab/blank” was not checked: {accessibility.TOO_SLOW}. Check that "
                     "page with a browser extension (axe DevTools) or make it smaller; its problems are not in "
                     "this report."]
