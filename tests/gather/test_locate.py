"""Target resolution (gather/locate.resolve) in real Chromium: the plain-text tiers and every precise form."""

from __future__ import annotations

import html
import time
from pathlib import Path

import pytest

from tests.gather.conftest import Chromium, Tab
from uxaudit.load.scenario import Target

pytestmark = pytest.mark.e2e


def plain(text: str, nth: int | None = None) -> Target:
    return Target("auto", text, nth=nth)


@pytest.fixture(scope="module")
def fresh_lab(chromium: Chromium, site: str) -> None:
    """The lab page as served, whatever earlier modules did to the session's page."""
    chromium.run(chromium.page.goto(site + "/"))


@pytest.fixture
def lab(fresh_lab: None, chromium: Chromium, site: str, tmp_path: Path) -> Tab:
    """The lab page, loaded again only when a test went elsewhere: resolving a target changes nothing."""
    if chromium.page.url != site + "/":
        chromium.run(chromium.page.goto(site + "/"))
    return Tab(chromium, site, tmp_path)


def test_a_button_with_that_name_wins_over_a_paragraph_saying_it(lab: Tab) -> None:
    assert lab.resolved(plain("Save")) == "save-button"


def test_plain_text_is_case_insensitive(lab: Tab) -> None:
    assert lab.resolved(plain("sAVE")) == "save-button"


def test_plain_text_folds_white_space_on_both_sides(lab: Tab) -> None:
    assert lab.resolved(plain("  sign    in ")) == "spaced"


def test_an_exact_name_beats_a_longer_name_containing_it(lab: Tab) -> None:
    assert lab.resolved(plain("add")) == "add"


def test_a_substring_finds_the_control_when_nothing_matches_exactly(lab: Tab) -> None:
    assert lab.resolved(plain("to cart")) == "add-to-cart"


def test_a_substring_in_an_earlier_tier_beats_an_exact_match_in_a_later_one(lab: Tab) -> None:
    assert lab.resolved(plain("Help")) == "help-centre"


def test_a_control_is_found_by_its_accessible_name_not_only_its_text(lab: Tab) -> None:
    assert lab.resolved(plain("Close dialog")) == "close"


def test_a_form_field_label_is_the_second_tier(lab: Tab) -> None:
    assert lab.resolved(plain("Full name")) == "full-name"


def test_a_label_wins_over_a_placeholder_with_the_same_words(lab: Tab) -> None:
    assert lab.resolved(plain("Postcode")) == "postcode-labelled"


def test_a_placeholder_wins_over_visible_text_with_the_same_words(lab: Tab) -> None:
    assert lab.resolved(plain("Search")) == "search"


def test_visible_text_is_the_last_tier(lab: Tab) -> None:
    assert lab.resolved(plain("Only paragraph")) == "only-paragraph"


def test_visible_text_split_across_inline_elements_is_found(lab: Tab) -> None:
    assert lab.resolved(plain("free shipping")) == "nested"


def test_a_tier_whose_only_matches_are_hidden_does_not_win(lab: Tab) -> None:
    assert lab.resolved(plain("Archive")) == "archive-text"


def test_hidden_elements_do_not_make_a_target_ambiguous(lab: Tab) -> None:
    assert lab.resolved(plain("Once")) == "once"


def test_text_with_regex_characters_is_matched_literally(lab: Tab) -> None:
    assert lab.resolved(plain("pay (now)")) == "parens"


def test_visible_text_with_a_slash_is_matched_literally(lab: Tab) -> None:
    assert lab.resolved(Target("text", "yes/no")) == "slash"


@pytest.mark.parametrize(("target", "element"), [
    (Target("auto", "Yes/No"), "slash"),
    (Target("role", "button", name="Yes/No"), "slash"),
    (Target("placeholder", "dd/mm/yyyy"), "date"),
], ids=["plain", "role-name", "placeholder"])
def test_a_name_or_placeholder_with_a_slash_is_matched_literally(lab: Tab, target: Target, element: str) -> None:
    assert lab.resolved(target) == element


def test_several_visible_matches_are_an_error_naming_the_count_and_suggesting_nth(lab: Tab) -> None:
    message = lab.unresolved(plain("Duplicate"))
    assert message.startswith("2 visible elements match a button, link or other control named 'Duplicate'")
    assert "`nth:`" in message


def test_several_substring_matches_are_ambiguous_too(lab: Tab) -> None:
    assert lab.unresolved(plain("Dupl")).startswith("2 visible elements match")


def test_nth_counts_visible_matches_from_one(lab: Tab) -> None:
    assert (lab.resolved(plain("Duplicate", nth=1)), lab.resolved(plain("Duplicate", nth=2))) == ("dup-1", "dup-2")


def test_nth_beyond_the_visible_matches_says_how_many_there_are(lab: Tab) -> None:
    assert lab.unresolved(plain("Duplicate", nth=3)).startswith("nth: 3 asked for, but only 2 visible match")


def test_no_match_names_every_tier_looked_in_after_waiting_until_the_deadline(lab: Tab) -> None:
    started = time.monotonic()
    message = lab.unresolved(plain("Nothing like this"), timeout_ms=600)
    assert time.monotonic() - started >= 0.6
    assert message == ("no visible element matches 'Nothing like this' (looked for a button or link with that "
                       "name, a field with that label, a placeholder, and visible text)")


def test_role_and_name_pick_the_element_with_that_role(lab: Tab) -> None:
    link = lab.resolved(Target("role", "link", name="Next page"))
    button = lab.resolved(Target("role", "button", name="next page"))
    assert (link, button) == ("next-link", "next-button")


def test_role_and_name_try_the_exact_name_first(lab: Tab) -> None:
    assert lab.resolved(Target("role", "button", name="Add")) == "add"


def test_role_without_a_name_finds_any_element_with_that_role(lab: Tab) -> None:
    assert lab.resolved(Target("role", "combobox")) == "colour"


def test_role_without_a_name_is_ambiguous_with_several_such_elements(lab: Tab) -> None:
    assert lab.unresolved(Target("role", "checkbox")).startswith("2 visible elements match any checkbox")


def test_text_finds_the_element_showing_it(lab: Tab) -> None:
    assert lab.resolved(Target("text", "only PARAGRAPH")) == "only-paragraph"


def test_text_tries_the_exact_text_first(lab: Tab) -> None:
    assert lab.resolved(Target("text", "Add")) == "add"


def test_label_finds_the_field_and_tries_the_exact_label_first(lab: Tab) -> None:
    assert (lab.resolved(Target("label", "Email")), lab.resolved(Target("label", "again"))) == ("email", "email-again")


def test_placeholder_finds_the_field(lab: Tab) -> None:
    assert lab.resolved(Target("placeholder", "your city")) == "city"


def test_test_id_matches_data_testid(lab: Tab) -> None:
    assert lab.resolved(Target("test_id", "tid-a")) == "alpha"


def test_test_id_matches_data_test(lab: Tab) -> None:
    assert lab.resolved(Target("test_id", "tid-b")) == "beta"


def test_css_finds_the_element_the_selector_selects(lab: Tab) -> None:
    assert lab.resolved(Target("css", "button.primary")) == "gamma"


def test_an_invalid_css_selector_is_a_step_failure_saying_so(lab: Tab) -> None:
    assert lab.unresolved(Target("css", "button[")).startswith("invalid target button[ (CSS):")


def test_a_target_that_appears_later_is_waited_for(tab: Tab) -> None:
    tab.open("/late")
    assert tab.resolved(plain("Late button"), timeout_ms=3000) == "late-button"


METACHARACTERS = ["Date/time", "C++", "Price (USD)", "a.b", "50% off", "[New]", 'Say "hi"', "It's", "a\\b", "x|y",
                  "^up$", "{curly}", "Back <"]


def test_names_with_regex_or_selector_metacharacters_are_matched_literally(tab: Tab) -> None:
    buttons = "".join(f"<button id=b{i}>{html.escape(name)}</button>" for i, name in enumerate(METACHARACTERS))
    tab.run(tab.page.goto("about:blank"))  # not the lab's address: the `lab` fixture then loads it again
    tab.run(tab.page.set_content(buttons + "<button id=decoy>ab</button>"))
    found = {name: (tab.resolved(plain(name)), tab.resolved(Target("role", "button", name=name)))
             for name in METACHARACTERS}
    assert found == {name: (f"b{i}", f"b{i}") for i, name in enumerate(METACHARACTERS)}


def test_a_label_written_with_a_colon_or_an_asterisk_is_found_by_its_words(tab: Tab) -> None:
    tab.run(tab.page.goto("about:blank"))
    tab.run(tab.page.set_content("<label for=p>Password:</label><input id=p>"
                                 "<label>Email *<input id=e></label>"))
    assert [tab.resolved(Target("label", "Password")), tab.resolved(plain("Email"))] == ["p", "e"]
