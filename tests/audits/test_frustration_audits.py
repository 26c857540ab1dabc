"""The frustration signals among the audits: a click that answers only when done again, and a page
that sends the visitor back where they came from; and what they leave alone (a carousel's "Next",
a journey that goes back on purpose)."""

from __future__ import annotations

from typing import Any

from tests.builders import BASE, journey, run, step, task, visit
from uxaudit.artifacts import ElementInfo, RunArtifacts, StepRecord
from uxaudit.audits import AUDITS_BY_ID
from uxaudit.audits.base import AuditInput, Finding
from uxaudit.audits.repeated_attempt import repeated_attempts


def findings_of(audit_id: str, artifacts: RunArtifacts) -> list[Finding]:
    return AUDITS_BY_ID[audit_id].check(AuditInput(artifacts))


def click(index: int, effect: str | None, label: str = "Add to cart", page: str = "/products/5",
          **changes: Any) -> StepRecord:
    values: dict[str, Any] = dict(action="click", name=f"Click “{label}”", target=f"“{label}”", effect=effect,
                                  element=ElementInfo("button", label), url_before=BASE + page, url=BASE + page)
    return step(index, **{**values, **changes})


def test_a_click_that_answers_only_the_third_time_is_a_repeated_attempt() -> None:
    steps = (step(1), click(2, "none"), click(3, "none"), click(4, "navigation"))
    (finding,) = findings_of("repeated-attempt", run(journey(task(steps=steps))))
    assert finding.title == "“Add to cart” answered only on click 3"
    assert finding.severity == "warning" and finding.step == 4 and finding.value == 3
    assert [row["what happened"] for row in finding.evidence] == ["nothing visible", "nothing visible", "a new page"]


def test_a_carousel_next_that_changes_the_page_each_time_is_not_a_retry() -> None:
    steps = tuple(click(i, "page-change", label="Next") for i in (1, 2, 3))
    assert findings_of("repeated-attempt", run(journey(task(steps=steps)))) == []
    assert repeated_attempts(task(steps=steps)) == []


def test_a_click_that_never_answers_is_left_to_dead_click_but_counts_as_retries() -> None:
    dead = task(steps=(click(1, "none"), click(2, "none")), pages=())
    assert findings_of("repeated-attempt", run(journey(dead))) == []
    assert [a.retries for a in repeated_attempts(dead)] == [1]


def test_the_same_click_on_another_page_or_after_a_new_page_is_a_new_click() -> None:
    elsewhere = (click(1, "none"), click(2, "navigation", page="/products/6"))
    assert repeated_attempts(task(steps=elsewhere, pages=())) == []
    moved = task(steps=(click(1, "none"), step(2), click(3, "navigation")), pages=(visit("/", step=2),))
    assert repeated_attempts(moved) == []


def test_an_optional_click_that_could_not_be_done_then_works_is_a_retry() -> None:
    steps = (click(1, None, status="optional-failed", optional=True, error="it is covered by another element"),
             click(2, "requests"))
    (finding,) = findings_of("repeated-attempt", run(journey(task(steps=steps, pages=()))))
    assert finding.evidence[0]["what happened"] == "it could not be clicked (it is covered by another element)"


def _bounced(leaving_action: str, wait_ms: float = 1200.0) -> RunArtifacts:
    """Search, open a product, then back on the search page during step 3."""
    steps = (step(1), click(2, "navigation", label="Trail shoes", page="/search?q=shoes"),
             step(3, action=leaving_action, name=f"{leaving_action} step", duration_ms=wait_ms))
    pages = (visit("/search?q=shoes", step=1), visit("/products/5", step=2, index=2),
             visit("/search?q=shoes", step=3, index=3))
    return run(journey(task(steps=steps, pages=pages)))


def test_a_page_that_sends_the_visitor_back_unasked_is_a_quick_back() -> None:
    (finding,) = findings_of("quick-back", _bounced("wait"))
    assert finding.title == "/products/5 sent the visitor back to /search?q=shoes after 1.2 s"
    assert finding.severity == "warning" and finding.step == 3 and finding.url == BASE + "/products/5"
    assert finding.evidence[0]["during step"] == "3: wait step" and finding.evidence[0]["how"] == "a new page load"


def test_going_back_on_purpose_or_after_a_while_is_no_quick_back() -> None:
    assert findings_of("quick-back", _bounced("click")) == []  # the journey's own path
    assert findings_of("quick-back", _bounced("goto")) == []
    assert findings_of("quick-back", _bounced("fill")) == []  # a field that submits itself, as asked
    assert findings_of("quick-back", _bounced("wait", wait_ms=8000.0)) == []  # the page was used


def test_a_redirect_within_one_step_is_misdirect_not_a_quick_back() -> None:
    pages = (visit("/", step=1), visit("/get-started", step=2, index=2), visit("/", step=2, index=3))
    steps = (step(1), click(2, "navigation", label="Get started", page="/"))
    assert findings_of("quick-back", run(journey(task(steps=steps, pages=pages)))) == []
