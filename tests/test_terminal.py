"""The terminal summary: page-derived text is shown as written, never read as rich markup."""

from __future__ import annotations

import json
from pathlib import Path

from rich.console import Console

from uxaudit.reporters.terminal import summary

SAMPLE = Path(__file__).parent / "fixtures" / "scorecard_sample.json"


def rendered(card: dict) -> str:  # type: ignore[type-arg]
    console = Console(record=True, width=200, color_system=None)
    console.print(summary(card, None))
    return console.export_text()


def test_markup_in_names_and_titles_is_printed_literally() -> None:
    card = json.loads(SAMPLE.read_text())
    card["journeys"][0]["name"] = "Shoes [new] collection [/]"
    card["journeys"][0]["tasks"][0]["name"] = "[link=https://evil.test]click[/link]"
    card["findings"][0]["title"] = "“/x” [bold red]reported[/] 1 error"
    text = rendered(card)
    assert "Shoes [new] collection [/]" in text
    assert "[link=https://evil.test]click[/link]" in text
    assert "“/x” [bold red]reported[/] 1 error" in text


def test_a_partial_run_does_not_claim_the_gate_passed() -> None:
    card = json.loads(SAMPLE.read_text())
    card["run"]["interrupted"] = True
    card["gate"] = {"passed": True, "checks": []}
    text = rendered(card)
    assert "Gate: not decided" in text and "Gate: passed" not in text


def test_the_same_problem_in_several_journeys_is_listed_once() -> None:
    card = json.loads(SAMPLE.read_text())
    card["findings"].append(dict(card["findings"][2], journey="other"))
    assert rendered(card).count(card["findings"][2]["title"]) == 1
