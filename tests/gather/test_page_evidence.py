"""What uxaudit reads from a page in real Chromium: the page's own messages on failure (new ones
first), changes a visitor could see (not no-op attributes or hidden nodes), and a form read back."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from playwright.async_api import Page

from tests.gather.conftest import Chromium
from uxaudit.artifacts import FieldCheck
from uxaudit.gather.field_check import check_field, read_form
from uxaudit.gather.page_words import page_messages
from uxaudit.gather.snapshot import VITALS_SCRIPT
from uxaudit.gather.timeline import drain, forget

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


@contextmanager
def served(chromium: Chromium, html: str) -> Iterator[Page]:
    """`html` in a fresh context with uxaudit's init script, as a journey's page would have it."""
    context = chromium.run(chromium.browser.new_context())
    chromium.run(context.add_init_script(VITALS_SCRIPT))
    page = chromium.run(context.new_page())
    chromium.run(page.route("**/*", lambda route: route.fulfill(body=html, content_type="text/html")))
    chromium.run(page.goto("http://evidence.test/"))
    try:
        yield page
    finally:
        chromium.run(context.close())


@pytest.fixture
def app(chromium: Chromium) -> Iterator[Page]:
    with served(chromium, APP) as page:
        yield page


def mutations(chromium: Chromium, page: Page) -> int:
    return int(chromium.run(page.evaluate("() => window.__uxaudit.changes().mutations")))


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


FORMS = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Forms</title></head><body>
<form novalidate onsubmit="return false">
  <label>Email <input id="email"></label>
  <div style="display:none"><label>Email (mobile) <input id="email-m"></label></div>
  <label>Street <input id="street"></label> <label>Billing street <input id="bill"></label>
  <label>Given name <input id="given" value="Ada"></label> <label>Surname <input id="surname"></label>
  <label>Quantity <input id="qty"></label> <label>Subtotal <input id="subtotal" readonly value="0"></label>
</form>
<script>
const $ = (id) => document.getElementById(id);
$('email').addEventListener('input', (e) => { $('email-m').value = e.target.value; });
$('street').addEventListener('input', (e) => { $('bill').value = e.target.value; });
$('surname').addEventListener('input', (e) => { $('given').value = e.target.value; });
$('qty').addEventListener('input', (e) => { $('subtotal').value = String(Number(e.target.value) * 1200); });
</script></body></html>"""


@pytest.fixture
def forms(chromium: Chromium) -> Iterator[Page]:
    with served(chromium, FORMS) as page:
        yield page


@pytest.mark.parametrize(("field", "value"), [
    ("email", "ada@example.com"),  # a hidden copy of the form is not another field
    ("street", "1 Main St"),  # a billing address copied into its empty twin is deliberate
    ("qty", "2"),  # "2" in a read-only total of "2400" says nothing
])
def test_copies_by_design_are_not_values_gone_astray(chromium: Chromium, forms: Page, field: str, value: str) -> None:
    check = fill_and_check(chromium, forms, field, value)
    assert check is not None and check.kept_typed and check.others == ()


def test_a_value_that_overwrites_another_field_is_caught_even_when_kept(chromium: Chromium, forms: Page) -> None:
    check = fill_and_check(chromium, forms, "surname", "Lovelace")
    assert check is not None and check.kept_typed
    assert [(o.label, o.before, o.after) for o in check.others] == [("Given name", "Ada", "Lovelace")]


def test_uxaudits_own_change_watch_never_makes_the_sites_long_tasks(chromium: Chromium) -> None:
    """Judging whether a change is visible costs style and layout work; done in the page's own task
    it would lengthen the site's task (a long task that is uxaudit's). It is done when uxaudit asks."""
    rows = "<div class=row><span>cell</span> <span>cell</span> <b>more</b></div>" * 6000
    big = (f"<!doctype html><title>Big</title><button id=go>Go</button><main>{rows}</main><script>"
           "document.getElementById('go').onclick = () => { document.querySelector('main').style.fontSize = '19px'; };"
           "</script>")
    with served(chromium, big) as page:
        chromium.run(forget(page))
        chromium.run(page.click("#go"))
        chromium.run(page.wait_for_timeout(300))
        timeline = chromium.run(drain(page))
    freeze = timeline.freeze
    assert freeze is not None and not [s for s in freeze.scripts if "Mutation" in s], freeze
    # The click's own handler sets one style; the page's layout afterwards is the site's, and is
    # drawn after the handlers (presentation), not inside them.
    assert (freeze.processing_ms or 0) < 100, freeze


def test_what_kept_changing_before_the_step_is_not_the_new_screen_being_drawn(chromium: Chromium) -> None:
    ticking = ("<!doctype html><title>Live</title><p id=clock>0</p><button id=go>Go</button><main></main><script>"
               "setInterval(() => { document.getElementById('clock').textContent = Date.now(); }, 50);"
               "document.getElementById('go').onclick = () => {"
               " document.querySelector('main').textContent = 'Drawn'; };"
               "</script>")
    with served(chromium, ticking) as page:
        chromium.run(page.wait_for_timeout(400))
        chromium.run(forget(page))  # the step begins: the clock has been ticking on its own
        chromium.run(page.click("#go"))
        chromium.run(page.wait_for_timeout(400))
        quiet_for = chromium.run(page.evaluate("() => performance.now() - window.__uxaudit.changes().lastChange"))
    assert quiet_for >= 300  # the screen was drawn at the click, though the clock ticked since


def test_a_popover_opened_by_a_click_is_a_change(chromium: Chromium) -> None:
    page_html = ("<!doctype html><title>Popover</title><button popovertarget=tip>Help</button>"
                 "<div id=tip popover>Shipping is free over £50</div>")
    with served(chromium, page_html) as page:
        before = mutations(chromium, page)
        chromium.run(page.click("button"))
        after = mutations(chromium, page)
    assert after > before
