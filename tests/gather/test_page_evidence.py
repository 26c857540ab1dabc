"""What uxaudit reads from a page in real Chromium: the page's own messages on failure (new ones
first), changes a visitor could see (not no-op attributes or hidden nodes), and a form read back."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.async_api import Page

from tests.gather.conftest import Chromium
from uxaudit.artifacts import FieldCheck
from uxaudit.gather.field_check import check_field, read_form
from uxaudit.gather.page_words import page_messages
from uxaudit.gather.snapshot import VITALS_SCRIPT
from uxaudit.gather.timeline import forget

APP = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Evidence</title></head><body>
<p role="status">3 items in your basket</p>
<div id="menu" hidden><a href="#">Hidden link</a></div><p id="shown">Shown text</p>
<form novalidate onsubmit="return false">
  <label>Given name <input id="given"></label> <label>Surname <input id="surname"></label>
  <label>Phone <input id="phone"></label>
  <label>Postcode <input id="postcode"></label> <label>City <input id="city"></label>
  <label>Email <input id="email" aria-invalid="true" aria-describedby="email-help"></label>
  <span id="email-help">Enter an email address like name@example.com</span>
  <label>Password <input id="password" type="password"></label>
</form>
<div id="banner"></div>
<script>
document.getElementById('surname').addEventListener('input', (e) => {
  document.getElementById('given').value = e.target.value; e.target.value = '';
});
document.getElementById('phone').addEventListener('input', (e) => {
  const d = e.target.value.replace(/\\D/g, '');
  e.target.value = `(${d.slice(0, 3)}) ${d.slice(3, 6)}-${d.slice(6)}`;
});
document.getElementById('postcode').addEventListener('input', () => {
  document.getElementById('city').value = 'Leeds';
});
</script></body></html>"""


@pytest.fixture
def app(chromium: Chromium) -> Iterator[Page]:
    context = chromium.run(chromium.browser.new_context())
    chromium.run(context.add_init_script(VITALS_SCRIPT))
    page = chromium.run(context.new_page())
    chromium.run(page.route("**/*", lambda route: route.fulfill(body=APP, content_type="text/html")))
    chromium.run(page.goto("http://evidence.test/"))
    yield page
    chromium.run(context.close())


def mutations(chromium: Chromium, page: Page) -> int:
    return int(chromium.run(page.evaluate("() => window.__uxaudit.mutations")))


def test_messages_that_appeared_during_the_step_come_first(chromium: Chromium, app: Page) -> None:
    began = chromium.run(forget(app))
    chromium.run(app.evaluate("() => { document.getElementById('banner').innerHTML = "
                              "'<p role=\"alert\">Error: your card was declined</p>'; }"))
    said = chromium.run(page_messages(app, began))
    assert said[0] == "Error: your card was declined"
    assert "3 items in your basket" in said and "Enter an email address like name@example.com" in said


def test_a_change_nobody_can_see_is_not_a_change(chromium: Chromium, app: Page) -> None:
    before = mutations(chromium, app)
    chromium.run(app.evaluate("() => document.getElementById('menu').setAttribute('hidden', '')"))
    chromium.run(app.evaluate("() => { document.querySelector('#menu a').textContent = 'Still hidden'; }"))
    chromium.run(app.wait_for_timeout(50))
    assert mutations(chromium, app) == before
    chromium.run(app.evaluate("() => { document.getElementById('shown').textContent = 'Changed'; }"))
    chromium.run(app.wait_for_timeout(50))
    assert mutations(chromium, app) > before


def fill_and_check(chromium: Chromium, page: Page, field: str, value: str) -> FieldCheck | None:
    element = page.locator(f"#{field}")
    before = chromium.run(read_form(page))
    chromium.run(element.fill(value))
    return chromium.run(check_field(element, value, before))


def test_a_value_moved_to_another_field_is_caught(chromium: Chromium, app: Page) -> None:
    check = fill_and_check(chromium, app, "surname", "Sanchez")
    assert check is not None and not check.kept_typed and check.kept == ""
    assert [(o.label, o.after) for o in check.others] == [("Given name", "Sanchez")]


def test_formatting_and_derived_fields_are_not_lost_values(chromium: Chromium, app: Page) -> None:
    phone = fill_and_check(chromium, app, "phone", "5551234567")
    assert phone is not None and phone.kept_typed and phone.kept == "(555) 123-4567"
    postcode = fill_and_check(chromium, app, "postcode", "LS1 4DY")
    assert postcode is not None and postcode.kept_typed and postcode.others == ()  # the city is derived


def test_a_password_is_never_recorded(chromium: Chromium, app: Page) -> None:
    check = fill_and_check(chromium, app, "password", "s3cret-Value")
    assert check is not None and check.kept_typed and "s3cret" not in repr(check)
