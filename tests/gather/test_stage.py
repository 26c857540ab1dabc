"""GATHER's set-up around the browser: where the npm tools are found, the notes about those it lacks."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from tests.builders import run
from uxaudit.audits import applicable_audits
from uxaudit.gather import stage
from uxaudit.gather.node_tools import NODE_MODULES_ENV, node_modules_dirs
from uxaudit.score.gate import evaluate_gate
from uxaudit.score.scorecard import build_scorecard
from uxaudit.score.scoring import score_run

ROOT = Path(__file__).resolve().parents[2]


def test_without_axe_core_the_accessibility_audit_is_not_applicable_and_the_scorecard_says_so(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(stage, "axe_script", lambda: None)
    gathered = replace(run(), notes=stage.tool_notes("Lighthouse was not run: it was turned off (--no-lighthouse)."))
    audits = applicable_audits(gathered)
    assert {"accessibility", "lighthouse"}.isdisjoint(a.id for a in audits)
    scores = score_run(gathered, [], audits)
    card = build_scorecard(gathered, [], scores, evaluate_gate(gathered, scores))
    assert [note["audit"] for note in card["notes"]] == ["accessibility", "lighthouse"]
    assert "accessibility" not in {category["id"] for category in card["categories"]}


def test_with_every_tool_there_is_no_note(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(stage, "axe_script", lambda: "axe source")
    assert stage.tool_notes(None) == ()


def test_the_npm_tooling_is_also_looked_for_in_the_uxaudit_checkout_wherever_uxaudit_runs(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv(NODE_MODULES_ENV, raising=False)
    assert node_modules_dirs() == [tmp_path / "node_modules", ROOT / "node_modules"]
