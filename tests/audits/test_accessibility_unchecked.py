"""A page axe-core could not finish is "not checked" in the scorecard's notes, never a test-machine note."""

from __future__ import annotations

from tests.builders import BASE, journey, run, step, task
from tests.score.test_caps import card_of


def test_an_unchecked_page_is_a_not_checked_note_about_accessibility() -> None:
    steps = (step(url=f"{BASE}/big", accessibility_unchecked="axe-core did not finish checking it within 20 s"),)
    notes = card_of(run(journey(task(steps=steps))))["notes"]
    assert [(n["audit"], n["kind"]) for n in notes] == [("accessibility", "not-checked")]
    assert notes[0]["text"].startswith("The accessibility of “/big” was not checked: axe-core did not finish")
