"""The verb table's grammar (gather/verbs.VERBS, no browser): its verbs, builders, names in words and flags."""

from __future__ import annotations

import inspect
from typing import Any

import pytest
from pydantic import TypeAdapter, ValidationError

from uxaudit.gather.verbs import VERBS, absolute_url
from uxaudit.load.scenario import Condition, Step, Target, UrlMatch
from uxaudit.load.steps import default_name

DOCUMENTED_VERBS = ["goto", "click", "fill", "select", "check", "uncheck", "press", "type", "hover", "scroll",
                    "wait", "expect", "screenshot"]


def built(verb: str, argument: Any) -> Step:
    record = VERBS[verb]
    return record.build(TypeAdapter(record.args).validate_python(argument))


def test_the_table_holds_the_documented_verbs_in_order() -> None:
    assert list(VERBS) == DOCUMENTED_VERBS


@pytest.mark.parametrize("verb", DOCUMENTED_VERBS)
def test_every_verb_performs_with_a_coroutine(verb: str) -> None:
    assert inspect.iscoroutinefunction(VERBS[verb].perform)


@pytest.mark.parametrize("verb", DOCUMENTED_VERBS)
def test_every_verb_builds_a_step_of_its_own_action(verb: str) -> None:
    argument = {"goto": "/", "fill": {"target": "Name", "value": "Ada"}, "select": {"target": "Size", "option": "M"},
                "scroll": "bottom", "wait": 100, "expect": {"title": "Shop"}, "screenshot": "home",
                "press": "Enter"}.get(verb, "Go")
    assert built(verb, argument).action == verb


@pytest.mark.parametrize(("verb", "argument", "name"), [
    ("goto", "/cart", "Open /cart"),
    ("click", "Checkout", "Click “Checkout”"),
    ("click", {"role": "button", "name": "Checkout"}, "Click Checkout button"),
    ("click", {"role": "button"}, "Click any button"),
    ("click", {"text": "Duplicate", "nth": 2}, "Click text “Duplicate” (match 2)"),
    ("click", {"test_id": "add-to-cart"}, "Click add-to-cart (test id)"),
    ("click", {"css": "form .primary"}, "Click form .primary (CSS)"),
    ("fill", {"target": {"label": "Name"}, "value": "Ada"}, "Type into Name field"),
    ("fill", {"target": {"placeholder": "Your city"}, "value": "Paris"}, "Type into field “Your city”"),
    ("select", {"target": "Colour", "option": "Green"}, "Choose “Green” in “Colour”"),
    ("check", "Subscribe", "Tick “Subscribe”"),
    ("uncheck", "Subscribe", "Untick “Subscribe”"),
    ("press", "Enter", "Press Enter"),
    ("press", {"target": {"placeholder": "Search"}, "key": "Enter"}, "Press Enter in field “Search”"),
    ("type", "hello", "Type “hello”"),
    ("type", {"target": "Editor", "value": "x = 1", "delay": 50}, "Type “x = 1” into “Editor”"),
    ("type", {"target": "Notes", "value": "w" * 41}, "Type 41 characters into “Notes”"),
    ("hover", {"role": "link", "name": "Support"}, "Point at Support link"),
    ("scroll", "bottom", "Scroll to the bottom"),
    ("scroll", "top", "Scroll to the top"),
    ("scroll", 600, "Scroll 600 px"),
    ("scroll", -300, "Scroll -300 px"),
    ("scroll", "Reviews", "Scroll to “Reviews”"),
    ("scroll", {"text": "bottom"}, "Scroll to text “bottom”"),
    ("wait", 500, "Wait 0.5 s"),
    ("wait", 1500, "Wait 1.5 s"),
    ("screenshot", "home", "Take a screenshot “home”"),
])
def test_a_verb_names_its_step_in_words(verb: str, argument: Any, name: str) -> None:
    step = built(verb, argument)
    assert VERBS[verb].describe(step, step.target.describe() if step.target else "") == name


def test_expect_leaves_its_name_to_the_condition() -> None:
    step = built("expect", {"text": "Thank you"})
    assert VERBS["expect"].describe(step, "") == "expect"
    assert default_name(VERBS["expect"].describe, step) == "Check that the page says “Thank you”"


def test_waiting_for_something_is_named_by_what_it_waits_for() -> None:
    step = built("wait", {"for": "Thanks"})
    assert default_name(VERBS["wait"].describe, step) == "Wait until “Thanks” is visible"


@pytest.mark.parametrize(("argument", "target"), [
    ("Checkout", Target("auto", "Checkout")),
    ({"role": "button", "name": "Checkout", "nth": 2}, Target("role", "button", name="Checkout", nth=2)),
    ({"test_id": "add-to-cart"}, Target("test_id", "add-to-cart")),
])
def test_click_builds_its_target_as_written(argument: Any, target: Target) -> None:
    assert built("click", argument).target == target


def test_fill_and_select_keep_the_value_and_the_option_as_the_steps_text() -> None:
    fill = built("fill", {"target": "Email", "value": "a@b.c"})
    select = built("select", {"target": "Size", "option": "M"})
    assert (fill.target, fill.text, select.target, select.text) == (
        Target("auto", "Email"), "a@b.c", Target("auto", "Size"), "M")


def test_press_is_a_key_alone_or_a_key_in_a_target() -> None:
    alone, inside = built("press", "Enter"), built("press", {"target": {"label": "Search"}, "key": "Enter"})
    assert (alone.target, alone.text) == (None, "Enter")
    assert (inside.target, inside.text) == (Target("label", "Search"), "Enter")


def test_type_is_text_where_the_focus_is_or_text_into_a_target_with_a_delay() -> None:
    alone, inside = built("type", "hi"), built("type", {"target": {"label": "Code"}, "value": "x", "delay": 30})
    assert (alone.target, alone.text, alone.number) == (None, "hi", None)
    assert (inside.target, inside.text, inside.number) == (Target("label", "Code"), "x", 30)


def test_scroll_tells_keywords_pixels_and_targets_apart() -> None:
    steps = [built("scroll", arg) for arg in ("bottom", -300, {"text": "bottom"})]
    assert [(s.text, s.number, s.target) for s in steps] == [
        ("bottom", None, None), (None, -300, None), (None, None, Target("text", "bottom"))]


def test_wait_is_milliseconds_a_target_or_an_address() -> None:
    steps = [built("wait", arg) for arg in (250, {"for": "Thanks"}, {"url": "/cart"})]
    assert [(s.number, s.condition) for s in steps] == [
        (250, None), (None, Condition("visible", target=Target("auto", "Thanks"))),
        (None, Condition("url", url=UrlMatch(equals="/cart")))]


def test_wait_rejects_a_negative_number_of_milliseconds() -> None:
    with pytest.raises(ValidationError):
        built("wait", -1)


def test_expect_builds_its_condition() -> None:
    assert built("expect", {"url": {"matches": "^/p/"}}).condition == Condition("url", url=UrlMatch(matches="^/p/"))
    assert built("expect", {"status": 404}).condition == Condition("status", status=404)


@pytest.mark.parametrize(("verb", "starts_work", "starts_work_soon", "interaction"), [
    ("goto", True, True, False),
    ("click", True, True, True),
    ("press", True, True, True),
    ("type", True, True, True),
    ("fill", True, False, False),
    ("select", True, False, False),
    ("check", True, False, False),
    ("uncheck", True, False, False),
    ("hover", False, False, False),
    ("scroll", False, False, False),
    ("wait", False, False, False),
    ("expect", False, False, False),
    ("screenshot", False, False, False),
])
def test_which_verbs_start_work_and_which_are_interactions(verb: str, starts_work: bool, starts_work_soon: bool,
                                                           interaction: bool) -> None:
    record = VERBS[verb]
    assert (record.starts_work, record.starts_work_soon, record.interaction) == (
        starts_work, starts_work_soon, interaction)


@pytest.mark.parametrize(("base", "url", "absolute"), [
    ("http://shop.test", "/cart", "http://shop.test/cart"),
    ("http://shop.test", "cart", "http://shop.test/cart"),
    ("http://shop.test/app", "cart", "http://shop.test/app/cart"),
    ("http://shop.test/app/", "cart", "http://shop.test/app/cart"),
    ("http://shop.test/app", "/cart", "http://shop.test/cart"),
    ("http://shop.test/app", "https://other.test/x?y=1", "https://other.test/x?y=1"),
])
def test_goto_urls_are_taken_against_the_base_url(base: str, url: str, absolute: str) -> None:
    assert absolute_url(base, url) == absolute
