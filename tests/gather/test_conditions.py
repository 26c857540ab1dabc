"""`expect` and success conditions (gather/conditions.py) in real Chromium: each kind holding, failing with a
readable sentence at the timeout, and checked web-first."""

from __future__ import annotations

import time
from typing import Any

import pytest
from playwright.async_api import Error

from tests.gather.conftest import Tab, refused_url, step_of
from uxaudit.gather.conditions import check_once, wait_for_condition
from uxaudit.load.scenario import Condition, Step, Target, UrlMatch

pytestmark = pytest.mark.e2e


def expect(argument: dict[str, Any]) -> Step:
    return step_of("expect", argument)


@pytest.fixture
def lab(tab: Tab) -> Tab:
    tab.open("/")
    return tab


@pytest.fixture
def second(tab: Tab) -> Tab:
    tab.open("/second?x=1#welcome")
    return tab


@pytest.fixture
def late(tab: Tab) -> Tab:
    """The page whose content, title and address change 300 ms after it loads."""
    tab.open("/late")
    assert tab.js("document.getElementById('arrived')") is None, "the late page changed before the test began"
    return tab


# visible / hidden


def test_visible_holds_for_a_visible_target(lab: Tab) -> None:
    lab.do(expect({"visible": {"label": "Email"}}))


def test_visible_fails_at_the_timeout_saying_nothing_matches(lab: Tab) -> None:
    started = time.monotonic()
    message = lab.fails(expect({"visible": "Secret words"}), timeout_ms=600)
    assert time.monotonic() - started >= 0.6
    assert message == "expected that “Secret words” is visible, but nothing visible matches “Secret words”"


def test_visible_waits_for_an_element_that_appears_after_300_ms(late: Tab) -> None:
    late.do(expect({"visible": "Arrived late"}))


def test_hidden_holds_for_an_element_that_is_there_but_not_shown(lab: Tab) -> None:
    lab.do(expect({"hidden": "Secret words"}))


def test_hidden_holds_for_an_element_that_is_not_there_at_all(lab: Tab) -> None:
    lab.do(expect({"hidden": "Nothing like this"}))


def test_hidden_fails_saying_how_many_visible_elements_still_match(lab: Tab) -> None:
    message = lab.fails(expect({"hidden": "Save"}))
    assert message == ("expected that “Save” is hidden, but 1 visible element(s) still match "
                       "a button, link or other control named 'Save'")


def test_hidden_waits_for_an_element_that_goes_after_300_ms(late: Tab) -> None:
    late.do(expect({"hidden": "Going away"}))


# url


@pytest.mark.parametrize("url", ["/second", {"contains": "x=1"}, {"matches": r"/sec\w+\?x=\d#"}],
                         ids=["path", "contains", "matches"])
def test_url_holds_for_the_current_address(second: Tab, url: Any) -> None:
    second.do(expect({"url": url}))


def test_url_as_a_full_address_holds_for_the_same_scheme_host_and_path(second: Tab) -> None:
    second.do(expect({"url": second.base_url + "/second"}))


def test_url_as_a_full_address_fails_for_another_host(second: Tab) -> None:
    other = second.base_url.replace("127.0.0.1", "localhost") + "/second"
    message = second.fails(expect({"url": other}))
    assert message == f"expected that the address is {other}, but the page is at {second.base_url}/second?x=1#welcome"


def test_url_fails_saying_where_the_page_is(second: Tab) -> None:
    message = second.fails(expect({"url": {"contains": "/first"}}))
    assert message == (f"expected that the address contains '/first', "
                       f"but the page is at {second.base_url}/second?x=1#welcome")


def test_url_waits_for_the_address_to_change(late: Tab) -> None:
    late.do(expect({"url": "/late/moved"}))


@pytest.fixture
def error_page(tab: Tab) -> Tab:
    """Chromium's own error page, after a connection was refused."""
    tab.open("/second")
    with pytest.raises(Error, match="ERR_CONNECTION_REFUSED"):
        tab.run(tab.page.goto(refused_url()))
    tab.await_error_page()
    return tab


def test_url_on_the_browsers_error_page_says_the_site_could_not_be_loaded(error_page: Tab) -> None:
    message = error_page.fails(expect({"url": "/second"}))
    assert message == ("expected that the address is /second, but the browser shows an error page: "
                       "the site could not be loaded")


def test_url_slash_does_not_hold_on_the_browsers_error_page(error_page: Tab) -> None:
    error_page.fails(expect({"url": "/"}))


# title, text, status


def test_title_holds_when_it_contains_the_words_in_any_case(second: Tab) -> None:
    second.do(expect({"title": "second PAGE"}))


def test_title_fails_saying_what_the_title_is(second: Tab) -> None:
    message = second.fails(expect({"title": "Lab"}))
    assert message == "expected that the title contains “Lab”, but the title is 'Second page'"


def test_title_waits_for_the_title_to_change(late: Tab) -> None:
    late.do(expect({"title": "Ready now"}))


def test_text_holds_for_visible_text_in_any_case_with_white_space_folded(second: Tab) -> None:
    second.do(expect({"text": "welcome to   the SECOND\npage"}))


def test_text_fails_for_text_that_is_in_the_page_but_hidden(lab: Tab) -> None:
    message = lab.fails(expect({"text": "Secret words"}))
    assert message == "expected that the page says “Secret words”, but the page does not say 'Secret words'"


def test_text_waits_for_text_that_appears(late: Tab) -> None:
    late.do(expect({"text": "arrived late"}))


def test_status_holds_for_the_status_of_the_last_page_load(tab: Tab) -> None:
    tab.do(step_of("goto", "/no-such-page"))
    tab.do(expect({"status": 404}))


def test_status_fails_saying_what_the_last_page_answered(tab: Tab) -> None:
    tab.do(step_of("goto", "/no-such-page"))
    message = tab.fails(expect({"status": 200}))
    assert message == "expected that the page answered 200, but the last page answered 404, expected 200"


def test_status_follows_the_latest_page_load(tab: Tab) -> None:
    tab.do(step_of("goto", "/no-such-page"))
    tab.do(step_of("goto", "/second"))
    tab.do(expect({"status": 200}))


# check_once and wait_for_condition, called directly


def test_check_once_is_none_when_the_condition_holds(lab: Tab) -> None:
    condition = Condition("visible", target=Target("placeholder", "Your city"))
    assert lab.run(check_once(lab.page, lab.observer, condition, lab.base_url, 2)) is None


def test_check_once_says_why_without_waiting(lab: Tab) -> None:
    started = time.monotonic()
    failure = lab.run(check_once(lab.page, lab.observer, Condition("title", text="Nope"), lab.base_url, 5))
    assert (failure, time.monotonic() - started < 1) == ("the title is 'Lab page'", True)


def test_check_once_turns_an_invalid_target_into_a_sentence(lab: Tab) -> None:
    condition = Condition("visible", target=Target("css", "button["))
    failure = lab.run(check_once(lab.page, lab.observer, condition, lab.base_url, 2))
    assert failure is not None and failure.startswith("invalid target button[ (CSS):")


def test_wait_for_condition_returns_none_once_the_condition_holds(late: Tab) -> None:
    condition = Condition("url", url=UrlMatch(contains="/moved"))
    deadline = time.monotonic() + 3
    assert late.run(wait_for_condition(late.page, late.observer, condition, late.base_url, deadline)) is None


def test_wait_for_condition_gives_the_last_reason_at_the_deadline(lab: Tab) -> None:
    condition = Condition("text", text="Never said")
    started = time.monotonic()
    failure = lab.run(wait_for_condition(lab.page, lab.observer, condition, lab.base_url, started + 0.4))
    assert failure == "the page does not say 'Never said'"
    assert time.monotonic() - started >= 0.4
