"""The terminal summary: page-derived text is shown as written, never read as rich markup."""

from __future__ import annotations

import json
from pathlib import Path

from rich.console import Console

from uxaudit.report.terminal import summary

SAMPLE = Path(__file__).parents[1] / "fixtures" / "scorecard_sample.json"


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


def test_the_link_check_cost_and_not_applicable_audits_are_shown() -> None:
    card = json.loads(SAMPLE.read_text())
    card["links"] = {"checked": 17, "broken": 2, "concurrency": 4, "external": False,
                     "request_seconds": 0.43, "waited_seconds": 0.0, "unfinished": 0}
    card["notes"] = [{"audit": "accessibility", "text": "Accessibility was not checked: axe-core is not installed."}]
    text = " ".join(rendered(card).split())
    assert "Links: 17 on this site checked beside the journeys (0.4 s of requests, 4 at a time" in text
    assert "2 broken" in text
    assert "Not checked: Accessibility was not checked: axe-core is not installed." in text


def test_the_demo_checklist_marks_each_seeded_defect_found_or_missed() -> None:
    from uxaudit.demo.checklist import defect_checklist
    from uxaudit.demo.defects import DEFECTS

    found = [{"audit": d.audit, "severity": "warning", "url": "http://shop.test" + d.where.replace("<slug>", "x")}
             for d in DEFECTS if d.id != "dead-size-guide"]
    console = Console(record=True, width=200, color_system=None)
    console.print(defect_checklist({"findings": found}, clean=False))
    rows = [[cell.strip() for cell in line.split("│")[1:-1]] for line in console.export_text().splitlines()]
    lines = {row[1]: row[0] for row in rows if row and row[0] in ("✓", "✗")}
    assert lines["dead-size-guide"] == "✗" and lines["hero-image-no-alt"] == "✓" and len(lines) == len(DEFECTS)
    console.print(defect_checklist({"findings": []}, clean=True))
    assert "✗" not in console.export_text().split("all switched off")[1]


def test_a_task_never_reached_says_so_and_the_score_has_its_grade_not_a_second_word() -> None:
    card = json.loads(SAMPLE.read_text())
    card["grade"] = "D"
    skipped = card["journeys"][1]["tasks"][0]
    skipped["score"] = None
    text = rendered(card)
    row = next(line for line in text.splitlines() if skipped["name"] in line)
    assert "not reached" in row and "None" not in row
    assert "UX score 58/100 (grade D)" in text and "needs work" not in text
    assert "Task success 50 · Speed 71 · Navigation 62 · Stability 50" in text
