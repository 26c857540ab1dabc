"""What a failed target says (gather/locate + near_misses), in real Chromium on the lab's /lab/targets:
what it nearly found and why each was not taken, where each of several matches is, the target to
write instead; and a locator the browser rejects is uxaudit's fault, never the site's."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from playwright.async_api import Error

from tests.gather.conftest import Chromium, Tab, step_of
from uxaudit.demo.server import DemoShop
from uxaudit.gather import locate
from uxaudit.gather.near_misses import Seen, listed, written
from uxaudit.gather.step_failure import (
    TOOL_FAULT,
    StepFailure,
    ToolFault,
    describe_playwright_error,
    is_tool_fault,
)
from uxaudit.load.scenario import Target

pytestmark = pytest.mark.e2e


def plain(text: str, nth: int | None = None) -> Target:
    return Target("auto", text, nth=nth)


@pytest.fixture
def lab(chromium: Chromium, clean_shop: DemoShop, tmp_path: Path) -> Tab:
    """The lab's targets page, loaded again only when a test went elsewhere or opened its menu."""
    tab = Tab(chromium, clean_shop.url, tmp_path)
    menu_open = "!document.getElementById('account-menu').hidden"
    if chromium.page.url != clean_shop.url + "/lab/targets" or tab.js(menu_open):
        tab.open("/lab/targets")
    return tab


def test_a_link_hidden_in_a_closed_menu_is_named_with_why_and_what_to_write(lab: Tab) -> None:
    assert lab.unresolved(plain("Sign in")) == (
        "no visible element matches 'Sign in' (looked for a button or link with that name, a field with that label, "
        "a placeholder, and visible text). Seen: link “Sign In” (hidden: inside a closed menu), button “Sign up”. "
        'Try: open its menu first (a click or hover step), then {role: link, name: "Sign In"}')


def test_the_suggested_target_works_once_the_menu_is_open(lab: Tab) -> None:
    lab.do(step_of("click", "Menu"))
    assert lab.resolved(Target("role", "link", name="Sign In")) == "sign-in"


def test_a_role_that_differs_is_a_reason(lab: Tab) -> None:
    message = lab.unresolved(Target("role", "button", name="Sign In"))
    assert message.startswith("no visible element matches Sign In button. Seen: link “Sign In” (hidden: inside a "
                              "closed menu; not a button), button “Sign up”.")


def test_twin_buttons_are_told_apart_by_their_cards_and_nth_and_test_id_are_suggested(lab: Tab) -> None:
    assert lab.unresolved(plain("Add to cart")) == (
        "2 visible elements match a button, link or other control named 'Add to cart': button “Add to cart” in the "
        "1st card “Blue socks”, button “Add to cart” in the 2nd card “Red hat”. Pick one with `nth:`, e.g. "
        '{role: button, name: "Add to cart", nth: 1} or {test_id: "add-blue-socks"}')


def test_the_suggestion_for_twins_picks_the_first(lab: Tab) -> None:
    assert lab.resolved(Target("role", "button", name="Add to cart", nth=1)) == "add-socks"


def test_nth_beyond_the_matches_lists_them(lab: Tab) -> None:
    message = lab.unresolved(plain("Add to cart", nth=3))
    assert message.endswith("only 2 visible match a button, link or other control named 'Add to cart': button "
                            "“Add to cart” in the 1st card “Blue socks”, button “Add to cart” in the 2nd card "
                            "“Red hat”")


def test_a_disabled_button_with_a_close_name_says_it_is_disabled(lab: Tab) -> None:
    message = lab.unresolved(plain("Place my order"))
    assert message.endswith('Seen: button “Place order” (disabled). Try: do what enables it first (e.g. fill the '
                            'required fields), then {role: button, name: "Place order"}')


def test_fill_names_the_show_password_button_as_no_field_and_suggests_the_unlabelled_field(lab: Tab) -> None:
    message = lab.fails(step_of("fill", {"target": "Password", "value": "s3cret"}))
    assert message == (
        "no visible element matches 'Password' (looked for a form field with that label, placeholder or name; "
        "buttons and links are not filled). Seen: password field with name=“password”, button “Show password” "
        '(not a form field). Try: {css: "#pw"}')
    assert lab.js("document.getElementById('pw').value") == ""


def test_the_suggested_css_fills_the_field(lab: Tab) -> None:
    lab.do(step_of("fill", {"target": {"css": "#pw"}, "value": "s3cret"}))
    assert lab.js("document.getElementById('pw').value") == "s3cret"


def test_a_label_written_longer_than_the_page_s_is_found_and_suggested(lab: Tab) -> None:
    assert lab.unresolved(Target("label", "Email address")) == (
        'no visible element matches Email address field. Seen: field “Email”. Try: {label: "Email"}')


def test_a_covered_button_says_what_covers_it(lab: Tab) -> None:
    message = lab.unresolved(plain("Download invoices"))
    assert message.endswith('Seen: button “Download invoice” (covered by <div#promo-overlay>). Try: close '
                            '<div#promo-overlay> first, then {role: button, name: "Download invoice"}')


def test_a_test_id_written_as_plain_text_suggests_test_id(lab: Tab) -> None:
    assert lab.unresolved(plain("add-red-hat")).endswith('Try: {test_id: "add-red-hat"}')


def test_a_css_selector_matching_only_hidden_elements_lists_them(lab: Tab) -> None:
    assert lab.unresolved(Target("css", "#account-menu a")).startswith(
        "no visible element matches #account-menu a (CSS). Seen: link “Sign In” (hidden: inside a closed menu), "
        "link “Your orders” (hidden: inside a closed menu).")


def test_nothing_like_the_target_leaves_the_message_as_it_was(lab: Tab) -> None:
    assert lab.unresolved(plain("Nothing like this")) == (
        "no visible element matches 'Nothing like this' (looked for a button or link with that name, a field with "
        "that label, a placeholder, and visible text)")


def test_a_click_on_a_disabled_button_times_out_saying_it_is_disabled(lab: Tab) -> None:
    assert _click_error(lab, "#place-order") == "timed out after 0.4 s (the element is disabled)"


def test_a_click_on_a_covered_button_times_out_saying_what_covers_it(lab: Tab) -> None:
    assert _click_error(lab, "#invoice") == ('timed out after 0.4 s (covered by <div id="promo-overlay"></div>: '
                                             "it would take the click)")


def _click_error(tab: Tab, css: str) -> str:
    with pytest.raises(Error) as error:
        tab.run(tab.page.locator(css).click(timeout=400))
    return describe_playwright_error(error.value, 400)


HIDING_PLACES = """<details><summary>More</summary><button id=in-details>Export data</button></details>
<dialog><button id=in-dialog>Confirm delete</button></dialog>
<div role=tabpanel hidden><button id=in-tab>Billing address</button></div>
<div class=footer style="display:none"><a href=/x id=in-footer>Careers</a></div>
<button id=aria aria-hidden=true>Print receipt</button>
<a id=skip href=#main style="position:absolute;left:-9999px">Skip to content</a>"""


@pytest.mark.parametrize(("target", "seen"), [
    ("Export data", "button “Export data” (hidden: inside a closed <details>)"),
    ("Confirm delete", "button “Confirm delete” (hidden: inside a closed dialog)"),
    ("Billing address", "button “Billing address” (hidden: inside a tab not shown)"),
    ("Careers", "link “Careers” (hidden: inside <div.footer>)"),
    ("Print receipts", "button “Print receipt” (hidden from assistive technology (aria-hidden))"),
    ("Skip to contents", "link “Skip to content” (off-screen)"),
], ids=["details", "dialog", "tab", "container", "aria-hidden", "off-screen"])
def test_why_an_element_is_hidden_is_named(tab: Tab, target: str, seen: str) -> None:
    tab.run(tab.page.goto("about:blank"))
    tab.run(tab.page.set_content(HIDING_PLACES))
    assert f"Seen: {seen}." in tab.unresolved(plain(target))


def test_a_long_list_of_candidates_is_cut_to_a_few_and_counted(tab: Tab) -> None:
    tab.run(tab.page.goto("about:blank"))
    tab.run(tab.page.set_content("".join(f"<button hidden>Remove item {i}</button>" for i in range(12))))
    message = tab.unresolved(plain("Remove item"))
    assert "Seen: button “Remove item 0” (hidden), " in message and "and 7 more. Try:" in message
    assert len(message) < 600


def test_the_look_for_near_misses_is_bounded_on_a_huge_page(tab: Tab) -> None:
    tab.run(tab.page.goto("about:blank"))
    tab.run(tab.page.evaluate("""() => { for (let i = 0; i < 30000; i++) {
        const d = document.createElement('div'); d.textContent = 'Row ' + i; document.body.append(d); } }"""))
    started = time.monotonic()
    tab.unresolved(plain("Delete everything"), timeout_ms=300)
    assert time.monotonic() - started < 1.5


def test_several_matches_of_a_text_target_suggest_the_text_with_nth(tab: Tab) -> None:
    tab.run(tab.page.goto("about:blank"))
    tab.run(tab.page.set_content("<ul><li><b>Free delivery</b> on shoes</li>"
                                 "<li><b>Free delivery</b> on hats</li></ul>"))
    assert tab.unresolved(Target("text", "Free delivery")) == (
        "2 visible elements match text “Free delivery”: text “Free delivery” in the 1st list item, text “Free "
        'delivery” in the 2nd list item. Pick one with `nth:`, e.g. {text: "Free delivery", nth: 1}')


# A locator uxaudit builds that the browser rejects is uxaudit's fault.

def test_a_locator_uxaudit_built_wrongly_is_its_own_fault_not_the_site_s(tab: Tab,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    def unescaped(text: str) -> tuple[re.Pattern[str], re.Pattern[str]]:  # the bug of d7e0892: a bare `/`
        return re.compile(f"^{text}$", re.IGNORECASE), re.compile(text, re.IGNORECASE)
    monkeypatch.setattr(locate, "text_patterns", unescaped)
    tab.run(tab.page.goto("about:blank"))
    tab.run(tab.page.set_content("<button>Yes/No</button>"))
    with pytest.raises(ToolFault) as fault:
        tab.resolved(plain("Yes/No"))
    message = str(fault.value)
    assert message.startswith(f"{TOOL_FAULT}: the browser rejected the locator uxaudit built for “Yes/No” (")
    assert "Write the target another way, e.g. {test_id: …} or {css: …}" in message and "please report" in message
    assert is_tool_fault(message)


def test_an_invalid_css_written_by_the_user_is_the_user_s_to_fix(tab: Tab) -> None:
    tab.run(tab.page.goto("about:blank"))
    message = tab.unresolved(Target("css", "button["))
    assert message.startswith("invalid target button[ (CSS):") and not is_tool_fault(message)


def test_a_selector_error_from_an_action_is_described_as_uxaudit_s_fault() -> None:
    error = Error("Locator.click: InvalidSelectorError: Error while parsing selector `button[name=/a(/i]`\n  at x")
    message = describe_playwright_error(error, 3000)
    assert message.startswith(f"{TOOL_FAULT}: the browser rejected a locator uxaudit built (Error while parsing "
                              "selector `button[name=/a(/i]`)") and is_tool_fault(message)


def test_a_site_failure_is_not_a_tool_fault() -> None:
    assert not is_tool_fault(describe_playwright_error(Error("net::ERR_CONNECTION_REFUSED at http://x/"), 3000))
    assert not is_tool_fault(str(StepFailure("no visible element matches 'Pay'")))


def test_targets_are_written_as_a_journey_writes_them() -> None:
    written_as = [written(Target("role", "link", name='Say "hi"')), written(Target("text", "Ünïcode", nth=2)),
                  written(Target("auto", "Save"))]
    assert written_as == ['{role: link, name: "Say \\"hi\\""}', '{text: "Ünïcode", nth: 2}', '"Save"']


def test_a_candidate_list_stays_short() -> None:
    seen = [Seen(role="button", tag="button", kind="button", name="x" * 80, text="x" * 80) for _ in range(9)]
    text = listed(seen, 9)
    assert text.endswith(" more") and len(text) < 400 and "…" in text
