"""The audits that make single-page apps' silent failures visible: freezes, fields that lose what
is typed, links to the wrong item, and clicks that only show a message box."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from tests.builders import BASE, journey, run, step, task, visit
from uxaudit.artifacts import DialogShown, ElementInfo, FieldChange, FieldCheck, Freeze, RunArtifacts
from uxaudit.audits import dead_click, field_not_kept, main_thread_freeze, wrong_item
from uxaudit.audits.base import AuditInput, Finding
from uxaudit.gather.field_check import kept_what_was_typed


def click(index: int, label: str, **changes: object) -> object:
    return step(index, action="click", name=f"Click “{label}”", target=label,
                element=ElementInfo("button", label), **changes)


def freeze_run(action: str, ms: float, url: str = BASE + "/products") -> RunArtifacts:
    frozen = Freeze(blocking_ms=ms - 50, longest_task_ms=ms, long_tasks=1, interaction_ms=ms + 8, event="click",
                    input_delay_ms=1, processing_ms=ms, presentation_ms=7,
                    scripts=("BUTTON#login.onclick (app.js) 5.0 s",))
    changes = {"element": ElementInfo("button", "Log in")} if action == "click" else {}
    return run(journey(task(steps=(step(1, action=action, name=f"{action} Log in", target="Log in", url=url,
                                        freeze=frozen, **changes),))))


def test_a_click_that_freezes_the_page_names_the_action_the_page_and_the_time() -> None:
    (finding,) = main_thread_freeze.check(AuditInput(freeze_run("click", 5000)))
    assert finding.title == "The page froze for 5.0 s after clicking “Log in” (on /products)"
    assert finding.severity == "error" and finding.category == "speed"
    evidence = finding.evidence[0]
    assert evidence["the page's own code"] == "5.00 s" and "app.js" in evidence["busy in"]


@pytest.mark.parametrize(("ms", "severity"), [(150, None), (300, "warning"), (800, "error")])
def test_freezes_follow_the_inp_bands(ms: float, severity: str | None) -> None:
    found = main_thread_freeze.check(AuditInput(freeze_run("click", ms)))
    assert [f.severity for f in found] == ([severity] if severity else [])


def test_a_page_load_is_not_an_interaction() -> None:
    assert main_thread_freeze.check(AuditInput(freeze_run("goto", 5000))) == []


def field_run(check: FieldCheck) -> RunArtifacts:
    return run(journey(task(steps=(step(1, action="fill", name="Type into “Surname”", target="Surname",
                                        field_check=check),))))


def test_a_value_typed_into_one_field_that_lands_in_another_names_both() -> None:
    check = FieldCheck("Surname", "Sanchez", "", kept_typed=False,
                       others=(FieldChange("Given name", "Ada", "Sanchez"),))
    (finding,) = field_not_kept.check(AuditInput(field_run(check)))
    assert finding.title == "Typed “Sanchez” into “Surname”; it stayed empty and “Given name” became “Sanchez”"
    assert finding.severity == "error"


def test_a_field_that_kept_the_value_gives_nothing() -> None:
    assert field_not_kept.check(AuditInput(field_run(FieldCheck("Phone", "5551234", "(555) 1234", True)))) == []


@pytest.mark.parametrize(("typed", "kept", "ok"), [
    ("5551234567", "(555) 123-4567", True), ("sanchez", "SANCHEZ", True), ("Sanchez", "", False),
    ("abcdef", "abcd", False), ("", "", True), ("", "left over", False), ("Lond", "London", True)])
def test_formatting_is_not_a_lost_value(typed: str, kept: str, ok: bool) -> None:
    assert kept_what_was_typed(typed, kept) is ok


LIST = """<html><body><nav><a href="/">Home</a><a href="/sale">Summer deals</a></nav><main><ul class="items">
<li class="card"><a href="/i/1">Trail Running Shoes</a></li><li class="card"><a href="/i/2">Rain Jacket</a></li>
<li class="card"><a href="/i/3">Insulated Water Bottle</a></li></ul><p><a href="/help">Help centre</a></p>
</main></body></html>"""


def wrong_item_findings(tmp_path: Path, clicked: str, heading: str) -> list[Finding]:
    (tmp_path / "list.html").write_text(LIST, encoding="utf-8")
    (tmp_path / "item.html").write_text(f"<html><body><main><h1>{heading}</h1></main></body></html>", encoding="utf-8")
    pages = (visit("/list", index=1, step=1, html_file="list.html"),
             visit("/i/2", index=2, step=2, html_file="item.html", kind="route"))
    steps = (step(1), click(2, clicked))
    return wrong_item.check(AuditInput(run(journey(task(steps=steps, pages=pages))), run_dir=tmp_path))


def test_a_link_to_one_item_that_opens_another_item_of_the_list_is_found(tmp_path: Path) -> None:
    (finding,) = wrong_item_findings(tmp_path, "Rain Jacket", "Insulated Water Bottle")
    assert finding.title == "Clicked “Rain Jacket”; the page shown is “Insulated Water Bottle”"
    assert finding.category == "navigation"


@pytest.mark.parametrize(("clicked", "heading"), [
    ("Rain Jacket", "Rain Jacket"),  # the right page
    ("Rain Jacket", "Rain Jacket, size M"),  # a name that contains the link's words
    ("Rain Jacket", "Checkout"),  # a heading that names no other item on the list
    ("Summer deals", "Home"),  # menu links are not a list of items
    ("Help centre", "Trail Running Shoes"),  # not the same list as the item named
    ("Next", "Trail Running Shoes"),  # navigation words name no item
])
def test_no_wrong_item_without_two_items_of_one_list(tmp_path: Path, clicked: str, heading: str) -> None:
    assert wrong_item_findings(tmp_path, clicked, heading) == []


def test_a_click_that_only_shows_an_alert_is_reported_with_its_words() -> None:
    alerted = click(1, "Add to wishlist", effect="dialog", dialogs=(DialogShown("alert", "Coming soon!"),))
    (finding,) = dead_click.check(AuditInput(run(journey(task(steps=(alerted,))))))
    assert finding.title == "Clicking “Add to wishlist” only shows a message: “Coming soon!”"
    assert finding.severity == "warning"


def test_a_confirmation_question_is_not_a_dead_click() -> None:
    asked = click(1, "Delete", effect="dialog", dialogs=(DialogShown("confirm", "Are you sure?"),))
    assert dead_click.check(AuditInput(run(journey(task(steps=(asked,)))))) == []


def test_a_step_that_failed_through_uxaudits_own_error_is_not_the_sites_failure() -> None:
    from tests.builders import failed_task
    from uxaudit.audits import task_success

    broken = failed_task(reason="uxaudit's own error, not the site's: the browser rejected the locator")
    steps = (broken.steps[0], replace(broken.steps[1], fault="uxaudit"))
    (finding,) = task_success.check(AuditInput(run(journey(replace(broken, steps=steps)))))
    assert finding.title == "uxaudit could not carry out step 2 of “Checkout” (its own error, not the site's)"
    assert "report" in finding.hint


@pytest.mark.parametrize(("kind", "status", "counted"), [
    ("fetch", 422, False), ("xhr", 401, False), ("fetch", 500, True), ("image", 404, True), ("script", 403, True)])
def test_a_data_request_refused_by_the_app_is_its_conversation_not_a_missing_file(
        kind: str, status: int, counted: bool) -> None:
    from uxaudit.artifacts import FailedRequest
    from uxaudit.audits import failed_request

    failed = FailedRequest(f"{BASE}/api/newsletter", kind, status=status, page_url=f"{BASE}/newsletter")
    found = failed_request.check(AuditInput(run(journey(task(steps=(step(1, failed_requests=(failed,)),))))))
    assert bool(found) is counted


@pytest.mark.parametrize(("action", "target", "words"), [
    ("fill", "“Surname”", "after typing into “Surname”"),  # a plain-text target is quoted once, not twice
    ("type", "“Editor”", "after typing into “Editor”"),
    ("type", "the focused element", "after typing (on /products)"),
])
def test_a_freeze_while_typing_names_where(action: str, target: str, words: str) -> None:
    frozen = Freeze(blocking_ms=950, longest_task_ms=1000, long_tasks=1, interaction_ms=1008, event="keydown")
    data = run(journey(task(steps=(step(1, action=action, name="typing", target=target, url=BASE + "/products",
                                        freeze=frozen),))))
    (finding,) = main_thread_freeze.check(AuditInput(data))
    assert words in finding.title
