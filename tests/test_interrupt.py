"""Ctrl-C after GATHER: the first one wraps up with the best report it can and says what is missing;
a second one ends at once and never leaves a half-written file. (Ctrl-C during GATHER, with a real
browser and a real signal: tests/e2e/test_cli.py.)"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from tests.builders import failed_task, journey, run, task
from uxaudit import atomic_write, cli, pipeline, report
from uxaudit.artifacts import RunArtifacts
from uxaudit.errors import ExitCode
from uxaudit.gather.stage import unfinished
from uxaudit.load.config import RunConfig
from uxaudit.load.scenario import Journey, Step, Task
from uxaudit.run_folder import RunFolder, read_artifacts
from uxaudit.score import stage as score_stage
from uxaudit.score.history import list_runs

REPORT_FILES = ("scorecard.json", "report.html", "junit.xml", "summary.md")


@pytest.fixture
def run_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A gathered run (two journeys, one task failed) with its own history."""
    monkeypatch.setenv("UXAUDIT_HISTORY", str(tmp_path / "history.sqlite"))
    folder = tmp_path / "run-1"
    gathered = replace(run(journey(task()), journey(failed_task(), journey_id="cart")), run_id="run-1")
    RunFolder(folder).write_artifacts(gathered)
    return folder


def interrupt_after(count: int, real: Callable[..., Iterator[Any]]) -> Callable[..., Iterator[Any]]:
    """`real` (a generator function) whose Ctrl-C comes after `count` items."""
    def interrupted(*args: Any) -> Iterator[Any]:
        for index, item in enumerate(real(*args)):
            if index == count:
                raise KeyboardInterrupt
            yield item
    return interrupted


def interrupt_first_call(real: Callable[..., Any]) -> Callable[..., Any]:
    calls = []

    def interrupted(*args: Any, **kwargs: Any) -> Any:
        calls.append(args)
        if len(calls) == 1:
            raise KeyboardInterrupt
        return real(*args, **kwargs)
    return interrupted


def scorecard(folder: Path) -> dict[str, Any]:
    return json.loads((folder / "scorecard.json").read_text(encoding="utf-8"))


def no_temporary_files(folder: Path) -> bool:
    return not [p for p in folder.rglob("*") if p.name.endswith(".tmp")]


def test_ctrl_c_while_auditing_keeps_the_audits_done_and_says_which_did_not_run(
        run_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(pipeline, "each_audit", interrupt_after(3, pipeline.each_audit))
    assert cli.main(["report", str(run_dir)]) == int(ExitCode.INTERRUPTED)
    card = scorecard(run_dir)
    total = len(pipeline.applicable_audits(_artifacts(run_dir)))
    missing = card["run"]["missing"]
    assert card["run"]["interrupted"] is True and len(missing) == 1 and missing[0].endswith("audits did not run")
    assert missing[0] == f"{total - 3} of {total} audits did not run"
    assert card["gate"]["checks"][0] == {**card["gate"]["checks"][0], "id": "run-complete", "passed": False,
                                         "value": f"interrupted: {missing[0]}"}
    assert card["trend"] == [] and all((run_dir / name).is_file() for name in REPORT_FILES)
    assert missing[0] in (run_dir / "report.html").read_text(encoding="utf-8")
    err = capsys.readouterr().err
    assert f"Interrupted: {missing[0]}." in err and f"uxaudit report {run_dir}" in err
    assert "Traceback" not in err and no_temporary_files(run_dir)


def test_the_audits_that_ran_still_find_what_they_find(run_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The task-success audit comes first: its finding about the failed task survives a Ctrl-C after it."""
    monkeypatch.setattr(pipeline, "each_audit", interrupt_after(1, pipeline.each_audit))
    cli.main(["report", str(run_dir)])
    assert [f["audit"] for f in scorecard(run_dir)["findings"]] == ["task-success"]


def test_ctrl_c_while_reading_the_history_scores_the_run_without_it(
        run_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(score_stage, "earlier_runs", interrupt_first_call(score_stage.earlier_runs))
    assert cli.main(["report", str(run_dir)]) == int(ExitCode.INTERRUPTED)
    card = scorecard(run_dir)
    assert card["run"]["missing"] == ["the gate, the score trend and any comparison with a baseline were not "
                                      "worked out (the scores were)"]
    assert card["run"]["interrupted"] is True and card["trend"] == [] and card["findings"]
    assert all((run_dir / name).is_file() for name in REPORT_FILES)
    assert "Interrupted: the gate, the score trend" in capsys.readouterr().err


def test_ctrl_c_while_writing_the_reports_keeps_scorecard_json_and_names_the_others(
        run_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setitem(report.REPORTERS, "html", interrupt_first_call(report.REPORTERS["html"]))
    assert cli.main(["report", str(run_dir)]) == int(ExitCode.INTERRUPTED)
    card = scorecard(run_dir)
    assert card["run"]["interrupted"] is False and card["run"]["missing"] == []  # every audit ran: it is whole
    assert [name for name in REPORT_FILES if (run_dir / name).exists()] == ["scorecard.json"]
    err = capsys.readouterr().err
    assert "Interrupted: the html, junit, markdown reports were not written." in err
    assert f"uxaudit report {run_dir}" in err and no_temporary_files(run_dir)


def test_ctrl_c_while_writing_scorecard_json_still_writes_it(run_dir: Path, monkeypatch: pytest.MonkeyPatch,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setitem(report.REPORTERS, "json", interrupt_first_call(report.REPORTERS["json"]))
    assert cli.main(["report", str(run_dir)]) == int(ExitCode.INTERRUPTED)
    assert scorecard(run_dir)["findings"] and not (run_dir / "report.html").exists()
    assert "the html, junit, markdown reports were not written" in capsys.readouterr().err


def test_ctrl_c_while_storing_the_run_in_the_history_keeps_every_report(
        run_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(score_stage, "record_run", interrupt_first_call(score_stage.record_run))
    gathered = RunFolder(run_dir)
    result = pipeline.audit_and_report(_artifacts(run_dir), gathered, RunConfig())
    assert result.interrupted and result.missing == ("the run was not kept in the history",)
    assert all((run_dir / name).is_file() for name in REPORT_FILES)
    assert list_runs(Path(os.environ["UXAUDIT_HISTORY"])) == []


def test_a_second_ctrl_c_ends_at_once_and_leaves_no_half_written_file(
        run_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """The first Ctrl-C while auditing; the second while scorecard.json is being written to disk."""
    monkeypatch.setattr(pipeline, "each_audit", interrupt_after(2, pipeline.each_audit))
    real_fsync = os.fsync

    def interrupted_fsync(fd: int) -> None:
        raise KeyboardInterrupt
    monkeypatch.setattr(atomic_write.os, "fsync", interrupted_fsync)
    assert cli.main(["report", str(run_dir)]) == int(ExitCode.INTERRUPTED)
    monkeypatch.setattr(atomic_write.os, "fsync", real_fsync)
    assert not [name for name in REPORT_FILES if (run_dir / name).exists()] and no_temporary_files(run_dir)
    assert capsys.readouterr().err.strip() == ("uxaudit: interrupted; every file already written is complete "
                                              "(none is half written)")
    assert json.loads((run_dir / "artifacts.json").read_text(encoding="utf-8"))["run_id"] == "run-1"


def test_after_an_interrupted_gather_the_next_ctrl_c_ends_at_once(
        run_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    partial = replace(_artifacts(run_dir), interrupted=True, missing=("the journey “Cart” did not finish",))
    monkeypatch.setattr(pipeline, "each_audit", interrupt_after(1, pipeline.each_audit))
    with pytest.raises(KeyboardInterrupt):
        pipeline.audit_and_report(partial, RunFolder(run_dir), RunConfig())


def test_an_interrupted_gather_says_which_journeys_did_not_finish(run_dir: Path) -> None:
    partial = replace(_artifacts(run_dir), interrupted=True, missing=("the journey “Cart” did not finish",))
    result = pipeline.audit_and_report(partial, RunFolder(run_dir), RunConfig())
    card = scorecard(run_dir)
    assert card["run"]["missing"] == ["the journey “Cart” did not finish"] and not result.evidence_whole
    assert card["gate"]["checks"][0]["value"] == "interrupted: the journey “Cart” did not finish"
    assert "the journey “Cart” did not finish" in (run_dir / "summary.md").read_text(encoding="utf-8")


def test_the_journeys_left_unfinished_are_named_with_the_runs_they_lack() -> None:
    tasks = (Task("pay", "Pay", (Step("goto", "Open /", "j.yaml:3", text="/"),)),)
    shop, cart = (Journey(jid, jid.title(), f"{jid}.yaml", "http://shop.test", "desktop", (), tasks)
                  for jid in ("shop", "cart"))
    done = [journey(journey_id="shop"), journey(journey_id="cart"), journey(journey_id="shop", repeat=2)]
    assert unfinished([shop, cart], done[:1], runs=1) == ("the journey “Cart” did not finish",)
    assert unfinished([shop, cart], done, runs=3) == ("the journey “Shop” did not finish (1 of its 3 runs)",
                                                      "the journey “Cart” did not finish (2 of its 3 runs)")


def _artifacts(run_dir: Path) -> RunArtifacts:
    return read_artifacts(run_dir)
