"""The step verbs' behaviour in real Chromium (gather/verbs.VERBS), against the lab site the tests serve."""

from __future__ import annotations

import struct
import time

import pytest
from playwright.async_api import Error

from tests.gather.conftest import Tab, refused_url, step_of
from uxaudit.artifacts import ElementInfo
from uxaudit.load.scenario import Step

pytestmark = pytest.mark.e2e


@pytest.fixture
def lab(tab: Tab) -> Tab:
    tab.open("/")
    return tab


def clicks(tab: Tab) -> list[str]:
    return list(tab.js("window.clicks"))


# goto


def test_goto_opens_a_path_against_the_base_url(tab: Tab) -> None:
    tab.do(step_of("goto", "/second"))
    assert (tab.page.url, tab.run(tab.page.title())) == (tab.base_url + "/second", "Second page")


def test_goto_a_relative_path_goes_below_the_base_urls_path(tab: Tab) -> None:
    tab.do(step_of("goto", "inner"), base_url=tab.base_url + "/app")
    assert tab.page.url == tab.base_url + "/app/inner"


def test_goto_an_absolute_path_replaces_the_base_urls_path(tab: Tab) -> None:
    tab.do(step_of("goto", "/second"), base_url=tab.base_url + "/app")
    assert tab.page.url == tab.base_url + "/second"


def test_goto_a_full_url_ignores_the_base_url(tab: Tab) -> None:
    tab.do(step_of("goto", tab.base_url + "/second"), base_url="http://shop.invalid")
    assert tab.page.url == tab.base_url + "/second"


def test_goto_a_page_answering_404_loads_it_without_failing(tab: Tab) -> None:
    tab.do(step_of("goto", "/no-such-page"))
    assert tab.observer.last_status == 404
    assert tab.run(tab.page.title()) == "Not found"


def test_goto_a_refused_connection_fails(tab: Tab) -> None:
    tab.open("/second")
    with pytest.raises(Error, match="ERR_CONNECTION_REFUSED"):
        tab.do(step_of("goto", refused_url()))
    tab.await_error_page()


# click


def test_click_on_plain_text_clicks_the_button_named_so_not_the_paragraph_saying_it(lab: Tab) -> None:
    lab.do(step_of("click", "Save"))
    assert clicks(lab) == ["save-button"]


def test_click_prefers_an_exact_name_to_a_longer_one_containing_it(lab: Tab) -> None:
    lab.do(step_of("click", "add"))
    assert clicks(lab) == ["add"]


def test_click_on_a_substring_clicks_the_only_control_containing_it(lab: Tab) -> None:
    lab.do(step_of("click", "to cart"))
    assert clicks(lab) == ["add-to-cart"]


def test_click_on_an_ambiguous_target_fails_naming_the_count_and_nth_and_clicks_nothing(lab: Tab) -> None:
    message = lab.fails(step_of("click", "Duplicate"))
    assert message.startswith("2 visible elements match") and "nth:" in message
    assert clicks(lab) == []


def test_click_with_nth_clicks_that_visible_match_counting_from_one(lab: Tab) -> None:
    lab.do(step_of("click", {"text": "Duplicate", "nth": 2}))
    assert clicks(lab) == ["dup-2"]


def test_click_with_role_and_name_follows_the_link_not_the_button(lab: Tab) -> None:
    lab.do(step_of("click", {"role": "link", "name": "Next page"}))
    lab.run(lab.page.wait_for_url(lab.base_url + "/second", timeout=3000))


def test_click_records_what_it_acted_on(lab: Tab) -> None:
    ctx = lab.do(step_of("click", {"role": "link", "name": "Next page"}))
    assert ctx.clicked == ElementInfo(tag="a", label="Next page", role=None, href=lab.base_url + "/second")


def test_click_by_test_id_finds_data_testid(lab: Tab) -> None:
    lab.do(step_of("click", {"test_id": "tid-a"}))
    assert clicks(lab) == ["alpha"]


def test_click_by_test_id_finds_data_test(lab: Tab) -> None:
    lab.do(step_of("click", {"test_id": "tid-b"}))
    assert clicks(lab) == ["beta"]


def test_click_by_css_clicks_the_selected_element(lab: Tab) -> None:
    lab.do(step_of("click", {"css": "#gamma"}))
    assert clicks(lab) == ["gamma"]


def test_click_by_label_clicks_the_labelled_field(lab: Tab) -> None:
    lab.do(step_of("click", {"label": "Accept terms"}))
    assert clicks(lab) == ["terms"]
    assert lab.js("document.getElementById('terms').checked") is False


def test_click_by_placeholder_clicks_and_focuses_the_field(lab: Tab) -> None:
    lab.do(step_of("click", {"placeholder": "Your city"}))
    assert (clicks(lab), lab.js("document.activeElement.id")) == (["city"], "city")


def test_click_waits_for_a_target_that_appears_later(tab: Tab) -> None:
    tab.open("/late")
    tab.do(step_of("click", "Late button"))
    assert tab.js("document.getElementById('late-button').textContent") == "Late button pressed"


def test_click_on_nothing_fails_at_the_timeout_saying_where_it_looked(lab: Tab) -> None:
    started = time.monotonic()
    message = lab.fails(step_of("click", "Nothing like this"), timeout_ms=500)
    assert time.monotonic() - started >= 0.5
    assert message.startswith("no visible element matches 'Nothing like this' (looked for a button or link")


# fill, select, check, uncheck


def field_value(tab: Tab, element_id: str) -> str:
    return str(tab.js(f"document.getElementById('{element_id}').value"))


def test_fill_types_into_the_field_with_that_label(lab: Tab) -> None:
    lab.do(step_of("fill", {"target": "Email", "value": "ada@example.com"}))
    assert (field_value(lab, "email"), field_value(lab, "email-again")) == ("ada@example.com", "")


def test_fill_clears_the_field_first(lab: Tab) -> None:
    lab.do(step_of("fill", {"target": "Full name", "value": "Ada Lovelace"}))
    lab.do(step_of("fill", {"target": "Full name", "value": "Grace"}))
    assert field_value(lab, "full-name") == "Grace"


def test_fill_finds_a_field_by_its_placeholder(lab: Tab) -> None:
    lab.do(step_of("fill", {"target": {"placeholder": "Your city"}, "value": "Paris"}))
    assert field_value(lab, "city") == "Paris"


FORM_WITH_A_SHOW_BUTTON = """<form><label for=pw>Password</label><input id=pw type=password>
<button type=button id=show>Show password</button><input id=q aria-label="Search the shop">
<select id=size aria-label="Shoe size"><option>41</option><option>42</option></select>
<a id=more href="#">Password help</a></form>"""


def test_fill_never_types_into_a_button_or_link_named_like_the_field(tab: Tab) -> None:
    tab.run(tab.page.goto("about:blank"))
    tab.run(tab.page.set_content(FORM_WITH_A_SHOW_BUTTON))
    tab.do(step_of("fill", {"target": "password", "value": "s3cret"}))
    assert field_value(tab, "pw") == "s3cret"


def test_fill_and_select_find_a_field_by_its_own_accessible_name(tab: Tab) -> None:
    tab.run(tab.page.goto("about:blank"))
    tab.run(tab.page.set_content(FORM_WITH_A_SHOW_BUTTON))
    tab.do(step_of("fill", {"target": "Search the shop", "value": "boots"}))
    tab.do(step_of("select", {"target": "Shoe size", "option": "42"}))
    assert (field_value(tab, "q"), field_value(tab, "size")) == ("boots", "42")


def test_fill_says_it_looked_only_at_fields_when_none_matches(tab: Tab) -> None:
    tab.run(tab.page.goto("about:blank"))
    tab.run(tab.page.set_content(FORM_WITH_A_SHOW_BUTTON))
    message = tab.fails(step_of("fill", {"target": "Show password", "value": "x"}))
    assert message == ("no visible element matches 'Show password' (looked for a form field with that label, "
                       "placeholder or name; buttons and links are not filled). Seen: button “Show password” (not a "
                       "form field), password field “Password”, link “Password help” (not a form field). "
                       'Try: {label: "Password"}')


def test_fill_with_a_secret_masks_the_field_in_screenshots(lab: Tab) -> None:
    secret = lab.do(step_of("fill", {"target": "Email", "value": "hunter2"}), secrets=frozenset({"hunter2"}))
    plain = lab.do(step_of("fill", {"target": "Full name", "value": "Ada"}), secrets=frozenset({"hunter2"}))
    assert (len(secret.masks), len(plain.masks)) == (1, 0)


def test_select_chooses_an_option_by_its_visible_label(lab: Tab) -> None:
    lab.do(step_of("select", {"target": "Colour", "option": "Green"}))
    assert field_value(lab, "colour") == "g"


def test_select_chooses_an_option_by_its_value(lab: Tab) -> None:
    lab.do(step_of("select", {"target": {"role": "combobox"}, "option": "b"}))
    assert field_value(lab, "colour") == "b"


def checked(tab: Tab, element_id: str) -> bool:
    return bool(tab.js(f"document.getElementById('{element_id}').checked"))


def test_check_ticks_the_checkbox_named_so(lab: Tab) -> None:
    lab.do(step_of("check", "Subscribe"))
    assert checked(lab, "subscribe")


def test_check_leaves_a_ticked_checkbox_ticked(lab: Tab) -> None:
    lab.do(step_of("check", "Accept terms"))
    assert checked(lab, "terms")


def test_uncheck_unticks_the_checkbox(lab: Tab) -> None:
    lab.do(step_of("uncheck", "Accept terms"))
    assert not checked(lab, "terms")


# press, hover


def test_press_sends_the_key_to_whatever_has_focus(lab: Tab) -> None:
    lab.do(step_of("press", "Escape"))
    assert lab.js("window.keys") == ["body:Escape"]


def test_press_with_a_target_sends_the_key_into_it(lab: Tab) -> None:
    lab.do(step_of("press", {"target": {"placeholder": "Keys"}, "key": "Shift+A"}))
    assert (lab.js("window.keys")[-1], field_value(lab, "keys-field")) == ("keys-field:A", "A")


def test_hover_points_at_the_target_and_opens_what_opens_on_hover(lab: Tab) -> None:
    assert lab.js("document.getElementById('tip').hidden") is True
    lab.do(step_of("hover", "Hover here"))
    assert lab.js("document.getElementById('tip').hidden") is False


# scroll


@pytest.fixture
def long_page(tab: Tab) -> Tab:
    tab.open("/long")
    return tab


def scrolled_to(tab: Tab, y: int) -> int:
    """The page's vertical scroll once it reaches y (a wheel scroll lands a moment later), or as it is."""
    try:
        tab.run(tab.page.wait_for_function(f"() => window.scrollY === {y}", timeout=2000))
    except Error:
        pass
    return int(tab.js("window.scrollY"))


def test_scroll_bottom_goes_to_the_end_of_the_page(long_page: Tab) -> None:
    long_page.do(step_of("scroll", "bottom"))
    end = int(long_page.js("document.documentElement.scrollHeight - window.innerHeight"))
    assert end > 0 and scrolled_to(long_page, end) == end


def test_scroll_top_goes_back_to_the_start(long_page: Tab) -> None:
    long_page.do(step_of("scroll", "bottom"))
    long_page.do(step_of("scroll", "top"))
    assert scrolled_to(long_page, 0) == 0


def test_scroll_a_number_of_pixels_moves_down_that_far(long_page: Tab) -> None:
    long_page.do(step_of("scroll", 600))
    assert scrolled_to(long_page, 600) == 600


def test_scroll_a_negative_number_of_pixels_moves_up(long_page: Tab) -> None:
    long_page.do(step_of("scroll", 1000))
    scrolled_to(long_page, 1000)
    long_page.do(step_of("scroll", -300))
    assert scrolled_to(long_page, 700) == 700


def test_scroll_to_a_target_brings_it_into_view(long_page: Tab) -> None:
    in_view = "(r => r.top >= 0 && r.bottom <= innerHeight)(document.getElementById('far').getBoundingClientRect())"
    assert long_page.js(in_view) is False
    long_page.do(step_of("scroll", "Far away paragraph"))
    assert long_page.js(in_view) is True


# wait


def test_wait_a_number_of_milliseconds_within_the_timeout_waits_that_long(lab: Tab) -> None:
    started = time.monotonic()
    lab.do(step_of("wait", 300), timeout_ms=2000)
    assert 0.3 <= time.monotonic() - started < 1.5


def test_wait_longer_than_the_timeout_fails_at_once_saying_to_raise_it(lab: Tab) -> None:
    started = time.monotonic()
    message = lab.fails(step_of("wait", 5000), timeout_ms=1000)
    assert message == "waiting 5000 ms exceeds the step's timeout; raise `timeout:`"
    assert time.monotonic() - started < 0.5


def test_wait_for_a_target_waits_until_it_appears(tab: Tab) -> None:
    tab.open("/late")
    tab.do(step_of("wait", {"for": "Arrived late"}))
    assert tab.js("document.getElementById('arrived') !== null") is True


def test_wait_for_a_target_that_never_appears_fails_saying_so(lab: Tab) -> None:
    message = lab.fails(step_of("wait", {"for": "Never there"}))
    assert message == "expected that “Never there” is visible, but nothing visible matches “Never there”"


def test_wait_for_a_url_waits_until_the_address_matches(tab: Tab) -> None:
    tab.open("/late")
    tab.do(step_of("wait", {"url": {"contains": "/late/moved"}}))
    assert tab.page.url == tab.base_url + "/late/moved"


# screenshot


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG file"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_screenshot_writes_a_full_page_png_named_after_the_step(long_page: Tab) -> None:
    long_page.do(step_of("screenshot", "long page"))
    width, height = png_size((long_page.shots / "long page.png").read_bytes())
    assert width == 1280 and height > 6000  # the whole page, not the 800 px viewport


def test_screenshot_without_a_name_is_called_screenshot(lab: Tab) -> None:
    lab.do(Step("screenshot", "", ""))
    assert png_size((lab.shots / "screenshot.png").read_bytes())[0] == 1280
