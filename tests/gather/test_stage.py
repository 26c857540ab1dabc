"""GATHER's set-up around the browser: the notes a run keeps about the tools it could not use."""

from __future__ import annotations

from dataclasses import replace

import pytest

from tests.builders import run
from uxaudit.audits import applicable_audits
from uxaudit.gather import stage
from uxaudit.score.gate import evaluate_gate
from uxaudit.score.scorecard import build_scorecard
from uxaudit.score.scoring import score_run


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
