"""The run history (SQLite), baselines (new / fixed / still), --only-new, and history/compare."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from rich.console import Console

from tests.builders import failed_task, journey, run, task, visit
from uxaudit import pipeline
from uxaudit.config import RunConfig
from uxaudit.errors import UsageError
from uxaudit.history import find_run, list_runs
from uxaudit.reporters.history_view import comparison_view, history_table
from uxaudit.run_folder import RunFolder


def audited(tmp_path: Path, run_id: str, artifacts_run, **config: object):  # type: ignore[no-untyped-def]
    artifacts = replace(artifacts_run, run_id=run_id, started_at=f"2026-11-22T12:00:0{run_id[-1]}+00:00")
    settings = RunConfig(history=str(tmp_path / "h.sqlite"), **config)  # type: ignore[arg-type]
    return pipeline.audit_and_report(artifacts, RunFolder(tmp_path / run_id), settings).scorecard


def slow(path: str = "/p") -> object:
    return run(journey(task(pages=(visit(path, load_ms=6000),)), task("pay")))


def test_each_run_is_stored_and_listed_newest_first(tmp_path: Path) -> None:
    audited(tmp_path, "run-1", run())
    audited(tmp_path, "run-2", slow())
    runs = list_runs(tmp_path / "h.sqlite")
    assert [r.id for r in runs] == ["run-2", "run-1"]
    assert runs[0].task_status == {"shop/find": "passed", "shop/pay": "passed"} and runs[1].score == 100
    assert any(audit == "load-time" for audit, _, _ in runs[0].findings.values())


def test_a_baseline_marks_new_fixed_and_still_findings(tmp_path: Path) -> None:
    audited(tmp_path, "run-1", slow("/a"))
    card = audited(tmp_path, "run-2", slow("/b"), baseline="latest")
    base = card["baseline"]
    assert base["run"] == "run-1" and base["score_change"] == 0
    assert [f["change"] for f in card["findings"] if f["audit"] == "load-time"] == ["new"]
    assert [f["audit"] for f in base["fixed"]] == ["load-time"] and base["still"] == 0


def test_only_new_fails_on_new_findings_and_newly_failing_tasks_only(tmp_path: Path) -> None:
    audited(tmp_path, "run-1", run(journey(task(), failed_task())))
    same = audited(tmp_path, "run-2", run(journey(task(), failed_task())), baseline="run-1", only_new=True)
    assert same["gate"]["passed"] is True  # the failing task is old news
    worse = audited(tmp_path, "run-3", run(journey(failed_task("find"), failed_task())), baseline="run-1",
                    only_new=True)
    checks = {c["id"]: c for c in worse["gate"]["checks"]}
    assert worse["gate"]["passed"] is False and checks["no-newly-failing-tasks"]["value"] == "shop/find"


def test_an_unknown_baseline_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="no run history"):
        find_run(tmp_path / "none.sqlite", "latest")
    audited(tmp_path, "run-1", run())
    with pytest.raises(UsageError, match="no run 'run-9'.*recent runs: run-1"):
        find_run(tmp_path / "h.sqlite", "run-9")


def test_history_and_compare_read_like_a_report(tmp_path: Path) -> None:
    audited(tmp_path, "run-1", run())
    audited(tmp_path, "run-2", run(journey(task(), failed_task("pay"))))
    console = Console(record=True, width=160, color_system=None)
    path = tmp_path / "h.sqlite"
    console.print(history_table(list_runs(path)))
    console.print(comparison_view(find_run(path, "run-1"), find_run(path, "run-2")))
    text = console.export_text()
    assert "run-2" in text and "failed" in text and "score 100 →" in text
    assert "shop/pay" in text and "New findings" in text


def test_compare_uses_mann_whitney_when_both_runs_have_enough_repeats(tmp_path: Path) -> None:
    def repeated(times: list[float]):  # type: ignore[no-untyped-def]
        first = journey(task(duration_ms=times[0]))
        others = tuple(journey(task(duration_ms=ms), repeat=n) for n, ms in enumerate(times[1:], start=2))
        return replace(run(first), repeats=others)

    audited(tmp_path, "run-1", repeated([1000, 1020, 990, 1010, 1005]))
    audited(tmp_path, "run-2", repeated([1500, 1480, 1520, 1490, 1510]))
    console = Console(record=True, width=200, color_system=None)
    path = tmp_path / "h.sqlite"
    console.print(comparison_view(find_run(path, "run-1"), find_run(path, "run-2")))
    text = console.export_text()
    assert "Task times that changed" in text and "Mann–Whitney p=" in text and "Cliff's delta +1.00" in text


def test_only_new_counts_a_task_failing_in_any_run_and_a_new_task_that_fails(tmp_path: Path) -> None:
    audited(tmp_path, "run-1", run(journey(task(), task("pay"))))
    repeats = (journey(task(), failed_task("pay"), repeat=2),)
    flaky_now = audited(tmp_path, "run-2", replace(run(journey(task(), task("pay"))), repeats=repeats),
                        baseline="run-1", only_new=True)
    assert flaky_now["gate"]["passed"] is False
    brand_new = audited(tmp_path, "run-3", run(journey(task(), task("pay"), failed_task("gift"))),
                        baseline="run-1", only_new=True)
    assert [c["value"] for c in brand_new["gate"]["checks"] if c["id"] == "no-newly-failing-tasks"] == ["shop/gift"]


def test_a_findings_identity_ignores_the_query_string(tmp_path: Path) -> None:
    audited(tmp_path, "run-1", slow("/order/confirmed?order=TH-1"))
    card = audited(tmp_path, "run-2", slow("/order/confirmed?order=TH-2"), baseline="run-1")
    assert card["baseline"]["new"] == [] and card["baseline"]["still"] == 1


def test_latest_on_branch_without_a_branch_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    audited(tmp_path, "run-1", run())
    monkeypatch.setattr("uxaudit.history.current_branch", lambda: None)
    with pytest.raises(UsageError, match="branch is not known"):
        find_run(tmp_path / "h.sqlite", "latest-on-branch")
