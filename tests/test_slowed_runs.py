"""A run slowed by --slow-mo or paused by --debug is reported but not kept in the history: its
timings are not a visitor's, and would skew the score trend and the next `--baseline latest`."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.builders import run
from uxaudit import pipeline
from uxaudit.load.config import RunConfig
from uxaudit.run_folder import RunFolder
from uxaudit.score.history import list_runs


@pytest.mark.parametrize(("config", "why"), [
    (RunConfig(slow_mo_ms=500), "--slow-mo 500 slowed every browser action"),
    (RunConfig(debug=True), "--debug paused it before each step"),
    (RunConfig(video="retain-on-failure"), "--video retain-on-failure filmed the page"),
])
def test_a_slowed_run_is_reported_but_not_kept(tmp_path: Path, config: RunConfig, why: str) -> None:
    history = tmp_path / "history.sqlite"
    config = RunConfig(**{**config.__dict__, "history": str(history)})
    result = pipeline.audit_and_report(run(), RunFolder(tmp_path / "run"), config)
    assert (tmp_path / "run" / "scorecard.json").exists() and list_runs(history) == []
    assert any(w.startswith(f"the run was not kept in the history: {why}") for w in result.warnings)


def test_a_run_at_full_speed_is_kept(tmp_path: Path) -> None:
    history = tmp_path / "history.sqlite"
    pipeline.audit_and_report(run(), RunFolder(tmp_path / "run"), RunConfig(history=str(history)))
    assert len(list_runs(history)) == 1
