"""Partial runs in the history (kept out of the trend and of `latest`), an old history file gaining
the new columns, and `uxaudit compare` on run folders."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console

from tests.builders import failed_task, journey, run, task, visit
from uxaudit import pipeline
from uxaudit.cli import main
from uxaudit.errors import UsageError
from uxaudit.load.config import RunConfig
from uxaudit.report.history_view import comparison_view, history_table
from uxaudit.report.html import render as render_html
from uxaudit.report.terminal import summary
from uxaudit.run_folder import RunFolder
from uxaudit.score.baseline import diff_stored
from uxaudit.score.history import earlier_runs, find_run, list_runs, task_outcomes
from uxaudit.score.stored_folder import named_run, read_stored

BASE = "http://shop.test"
PARTIAL = ("--journey shop", "1 of 2 journeys")


def audited(tmp_path: Path, run_id: str, artifacts: Any, selection: tuple[str, ...] = (),
            **config: Any) -> dict[str, Any]:
    stamped = replace(artifacts, run_id=run_id, started_at=f"2026-11-22T12:00:0{run_id[-1]}+00:00",
                      base_url=BASE, selection=selection)
    settings = RunConfig(history=str(tmp_path / "h.sqlite"), **config)
    return pipeline.audit_and_report(stamped, RunFolder(tmp_path / run_id), settings).scorecard


def two_journeys(shop_status: str = "passed", *, slow_page: bool = False) -> Any:
    pages = (visit("/slow", load_ms=6000),) if slow_page else (visit(),)
    shop = journey(task(pages=pages), task("pay", shop_status), base_url=BASE)
    return run(shop, journey(task(), journey_id="blog", base_url=BASE))


def test_the_scorecard_says_a_run_is_partial_and_what_chose_it(tmp_path: Path) -> None:
    whole = audited(tmp_path, "run-1", two_journeys())
    part = audited(tmp_path, "run-2", run(journey(base_url=BASE)), PARTIAL)
    assert (whole["run"]["partial"], whole["run"]["selection"]) == (False, [])
    assert (part["run"]["partial"], part["run"]["selection"]) == (True, list(PARTIAL))
    assert part["trend"] == []  # its score covers part of the suite: no place in the trend


def test_partial_runs_stay_out_of_the_trend_and_of_latest_unless_named(tmp_path: Path) -> None:
    history = tmp_path / "h.sqlite"
    audited(tmp_path, "run-1", two_journeys())
    audited(tmp_path, "run-2", run(journey(base_url=BASE)), PARTIAL)
    third = audited(tmp_path, "run-3", two_journeys())
    assert [point["run"] for point in third["trend"]] == ["run-1", "run-3"]
    assert [r.id for r in earlier_runs(history, BASE, "2026-11-22T12:00:09+00:00")] == ["run-3", "run-1"]
    assert find_run(history, "latest", before="run-3").id == "run-1"
    assert find_run(history, "run-2").partial and find_run(history, "run-2").selection == PARTIAL
    fourth = audited(tmp_path, "run-4", two_journeys(), baseline="latest")
    assert fourth["baseline"]["run"] == "run-3"


def test_compare_latest_skips_a_partial_run(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    audited(tmp_path, "run-1", two_journeys("failed"))
    audited(tmp_path, "run-2", two_journeys())
    audited(tmp_path, "run-3", run(journey(base_url=BASE)), PARTIAL)
    assert main(["compare", "run-1", "latest", "--history", str(tmp_path / "h.sqlite")]) == 0
    assert "Run run-2 against run run-1" in capsys.readouterr().out
    assert main(["compare", "run-1", "run-3", "--history", str(tmp_path / "h.sqlite")]) == 0  # by its id
    out = capsys.readouterr().out
    assert "run-3 is a partial run (--journey shop, 1 of 2 journeys)" in out


def test_a_partial_runs_baseline_counts_only_the_tasks_it_ran(tmp_path: Path) -> None:
    audited(tmp_path, "run-1", two_journeys(slow_page=True))  # a slow page in shop/find
    card = audited(tmp_path, "run-2", run(journey(task("pay"), base_url=BASE)), ("--task pay", "1 of 2 journeys"),
                   baseline="run-1")
    assert card["baseline"]["fixed"] == []  # shop/find did not run: its slow page was not fixed


def test_a_whole_run_against_a_partial_baseline_counts_only_the_tasks_both_ran(tmp_path: Path) -> None:
    audited(tmp_path, "run-1", run(journey(base_url=BASE)), PARTIAL)  # shop/find only
    blog = journey(failed_task(), task(pages=(visit("/slow", load_ms=6000),)), journey_id="blog", base_url=BASE)
    card = audited(tmp_path, "run-2", run(journey(base_url=BASE), blog), baseline="run-1")
    base = card["baseline"]
    assert base["newly_failing_tasks"] == [] and base["new"] == []  # blog never ran in run-1
    blog_problems = [f for f in card["findings"] if f["journey"] == "blog" and f["severity"] in ("error", "warning")]
    assert blog_problems and {f["change"] for f in blog_problems} == {None}  # neither new nor still there
    assert (base["partial"], base["score_change"]) == (True, None)  # scores of different tasks: not compared
    console = Console(record=True, width=200)
    console.print(summary(card, None))
    assert "Since run run-1: score not compared (a partial run), 0 new finding(s)" in console.export_text()
    assert "The scores are not compared: run run-1 is a partial run" in render_html(card, tmp_path / "run-2")


def test_a_whole_run_against_a_whole_baseline_still_has_its_score_change(tmp_path: Path) -> None:
    audited(tmp_path, "run-1", two_journeys())
    card = audited(tmp_path, "run-2", two_journeys("failed"), baseline="run-1")
    assert card["baseline"]["partial"] is False and card["baseline"]["score_change"] < 0
    assert card["baseline"]["newly_failing_tasks"] == ["shop/pay"]


def test_history_marks_partial_runs_and_changes_skip_them(tmp_path: Path) -> None:
    audited(tmp_path, "run-1", two_journeys())
    audited(tmp_path, "run-2", run(journey(failed_task(), base_url=BASE)), PARTIAL)  # a low score, of one journey
    audited(tmp_path, "run-3", two_journeys("failed"))
    console = Console(record=True, width=200)
    console.print(history_table(list_runs(tmp_path / "h.sqlite")))
    text = console.export_text()
    rows = {line.split()[0]: line for line in text.splitlines() if line.startswith(" run-")}
    assert "partial" in rows["run-2"] and " -15 " in rows["run-3"]  # 85 against run-1's 100, not the partial run-2
    assert "  run-2: --journey shop, 1 of 2 journeys" in text.splitlines()  # what it ran, under the table
    assert "left out of the score trend" in text


def test_the_history_fits_an_80_column_ci_log_without_cutting_words(tmp_path: Path) -> None:
    audited(tmp_path, "20261203-193549-5a4808", two_journeys())
    audited(tmp_path, "20261203-193402-7b2c1c", run(journey(failed_task(), base_url=BASE)), PARTIAL)
    console = Console(record=True, width=80)
    console.print(history_table(list_runs(tmp_path / "h.sqlite")))
    text = console.export_text()
    assert "…" not in text and "20261203-193549-5a4808" in text and "passed" in text and "partial" in text


def test_the_history_table_has_no_partial_column_without_partial_runs(tmp_path: Path) -> None:
    audited(tmp_path, "run-1", two_journeys())
    console = Console(record=True, width=200)
    console.print(history_table(list_runs(tmp_path / "h.sqlite")))
    assert "artial" not in console.export_text()


def test_task_outcomes_take_each_tasks_newest_run_partial_runs_included(tmp_path: Path) -> None:
    history = tmp_path / "h.sqlite"
    assert task_outcomes(history, BASE) is None
    audited(tmp_path, "run-1", run(journey(task(), failed_task(), base_url=BASE),
                                   journey(failed_task(), journey_id="blog", base_url=BASE)))
    audited(tmp_path, "run-2", run(journey(failed_task(), base_url=BASE)), PARTIAL)  # checkout: still failing
    audited(tmp_path, "run-3", run(journey(task("checkout"), base_url=BASE)), PARTIAL)  # and now fixed
    assert task_outcomes(history, BASE) == {"shop/find": False, "shop/checkout": False, "blog/checkout": True}
    assert task_outcomes(history, "http://other.test") is None


def test_task_outcomes_include_runs_whose_journeys_used_several_sites(tmp_path: Path) -> None:
    history, other = tmp_path / "h.sqlite", "http://blog.test"
    settings = RunConfig(history=str(history))
    mixed = replace(run(journey(task(), failed_task(), base_url=BASE),
                        journey(failed_task("comment"), journey_id="blog", base_url=other)),
                    run_id="run-1", base_url=None)  # as GATHER stores a run of two sites
    pipeline.audit_and_report(mixed, RunFolder(tmp_path / "run-1"), settings)
    assert find_run(history, "run-1").base_url is None
    assert task_outcomes(history, BASE) == {"shop/find": False, "shop/checkout": True, "blog/comment": True}
    assert task_outcomes(history, other) == task_outcomes(history, BASE)
    later = replace(run(journey(task("checkout"), base_url=BASE)), run_id="run-2",
                    started_at="2026-11-22T12:00:05+00:00", selection=PARTIAL)
    pipeline.audit_and_report(later, RunFolder(tmp_path / "run-2"), settings)  # shop alone: checkout now passes
    assert task_outcomes(history, BASE)["shop/checkout"] is False  # type: ignore[index]


OLD_SCHEMA = """
CREATE TABLE runs (
  id TEXT PRIMARY KEY, started_at TEXT, base_url TEXT, branch TEXT, score INTEGER, grade TEXT,
  passed INTEGER, interrupted INTEGER, tasks INTEGER, tasks_completed INTEGER, folder TEXT);
CREATE TABLE tasks (
  run_id TEXT, task TEXT, status TEXT, duration_ms REAL, score INTEGER, PRIMARY KEY (run_id, task));
CREATE TABLE task_times (run_id TEXT, task TEXT, repeat INTEGER, duration_ms REAL);
CREATE TABLE findings (
  run_id TEXT, finding TEXT, audit TEXT, severity TEXT, title TEXT, url TEXT, PRIMARY KEY (run_id, finding));
INSERT INTO runs VALUES ('run-0', '2026-11-22T11:00:00+00:00', 'http://shop.test', 'main', 71, 'C', 1, 0, 2, 2, 'x');
INSERT INTO tasks VALUES ('run-0', 'shop/find', 'failed', 1000, 50);
"""


def test_a_history_file_from_before_partial_runs_gains_the_columns_and_keeps_its_runs(tmp_path: Path) -> None:
    history = tmp_path / "h.sqlite"
    with sqlite3.connect(history) as db:
        db.executescript(OLD_SCHEMA)
    old = find_run(history, "latest")
    assert (old.id, old.partial, old.selection, old.score) == ("run-0", False, (), 71)
    assert task_outcomes(history, BASE) == {"shop/find": True}
    audited(tmp_path, "run-1", run(journey(base_url=BASE)), PARTIAL)
    assert [(r.id, r.partial) for r in list_runs(history)] == [("run-1", True), ("run-0", False)]
    with sqlite3.connect(history) as db:
        columns = [row[1] for row in db.execute("PRAGMA table_info(runs)")]
    assert columns[-3:] == ["partial", "selection", "suite"]


# compare on run folders

def test_a_run_folder_reads_back_as_the_history_holds_it(tmp_path: Path) -> None:
    audited(tmp_path, "run-1", two_journeys(slow_page=True))
    from_folder = read_stored(tmp_path / "run-1")
    stored = find_run(tmp_path / "h.sqlite", "run-1")
    for field in ("id", "started_at", "base_url", "score", "grade", "passed", "tasks", "tasks_completed",
                  "findings", "task_status", "task_times", "partial", "selection"):
        assert getattr(from_folder, field) == getattr(stored, field), field
    assert read_stored(tmp_path / "run-1" / "scorecard.json").findings == stored.findings


def test_without_artifacts_the_times_come_from_the_scorecard(tmp_path: Path) -> None:
    audited(tmp_path, "run-1", two_journeys("failed"))
    (tmp_path / "run-1" / "artifacts.json").unlink(missing_ok=True)
    stored = read_stored(tmp_path / "run-1")
    assert stored.task_times == {"shop/find": [1000.0], "blog/find": [1000.0]}  # a failed task has no time


def test_compare_takes_two_folders_without_any_history(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    audited(tmp_path, "run-1", two_journeys())
    audited(tmp_path, "run-2", two_journeys("failed", slow_page=True))
    (tmp_path / "h.sqlite").unlink()
    nowhere = str(tmp_path / "no-history.sqlite")
    assert main(["compare", str(tmp_path / "run-1"), str(tmp_path / "run-2" / "scorecard.json"),
                 "--history", nowhere]) == 0
    out = capsys.readouterr().out
    assert "Run run-2 against run run-1" in out and "shop/pay" in out and "failed" in out
    page = tmp_path / "compare-run-1-vs-run-2.html"  # beside the newer run's folder
    assert "shop/pay" in page.read_text() and not Path(nowhere).exists()


def test_compare_takes_a_folder_and_a_stored_run(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    audited(tmp_path, "run-1", two_journeys())
    audited(tmp_path, "run-2", two_journeys("failed"))
    assert main(["compare", "run-1", str(tmp_path / "run-2"), "--history", str(tmp_path / "h.sqlite")]) == 0
    assert "shop/pay" in capsys.readouterr().out


@pytest.mark.parametrize("name", ["reports/no-such-run", "missing/scorecard.json"])
def test_a_path_that_is_no_run_is_one_line_and_exit_2(tmp_path: Path, name: str,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    audited(tmp_path, "run-1", two_journeys())
    assert main(["compare", str(tmp_path / "run-1"), name, "--history", str(tmp_path / "h.sqlite")]) == 2
    err = capsys.readouterr().err.strip()
    assert err == (f"uxaudit: {name}: no such run folder or scorecard.json; give a run folder (reports/<run-id>), "
                   "its scorecard.json, a stored run id or latest")


def test_a_folder_without_a_scorecard_or_with_a_broken_one_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    with pytest.raises(UsageError, match=r"empty: no scorecard.json here; give a run folder"):
        named_run(str(tmp_path / "empty"), tmp_path / "h.sqlite")
    (tmp_path / "empty" / "scorecard.json").write_text(json.dumps({"run": {}}))
    with pytest.raises(UsageError, match=r"scorecard.json: not a uxaudit scorecard.json \(KeyError"):
        named_run(str(tmp_path / "empty"), tmp_path / "h.sqlite")


def test_comparing_with_a_partial_run_looks_only_at_the_tasks_both_ran(tmp_path: Path) -> None:
    audited(tmp_path, "run-1", two_journeys(slow_page=True))
    audited(tmp_path, "run-2", run(journey(task("pay"), base_url=BASE)), ("--task pay", "1 of 2 journeys"))
    diff = diff_stored(read_stored(tmp_path / "run-1"), read_stored(tmp_path / "run-2"))
    assert diff.fixed_findings == () and diff.tasks_changed == ()
    assert set(diff.base.task_status) == {"shop/pay"}
    console = Console(record=True, width=200)
    console.print(comparison_view(diff))
    assert "run-2 is a partial run (--task pay, 1 of 2 journeys)" in console.export_text()


def test_the_trend_and_latest_follow_the_suite_a_run_was_given(tmp_path: Path) -> None:
    """`uxaudit run extra/one.yaml` against the same site is a whole run of another suite: it is no
    point in the trend of `scenarios/`, nor its `latest` (the 67 → 20 → 67 a rerun of one file made)."""
    history = tmp_path / "h.sqlite"

    def given(paths: tuple[str, ...], run_id: str, artifacts: Any) -> dict[str, Any]:
        return audited(tmp_path, run_id, replace(artifacts, paths=paths))

    given(("scenarios",), "run-1", two_journeys())
    given(("extra/one.yaml",), "run-2", run(journey(task("pay", "failed"), base_url=BASE)))
    third = given(("scenarios/",), "run-3", two_journeys())  # the same suite, written with a slash
    assert [point["run"] for point in third["trend"]] == ["run-1", "run-3"]
    assert find_run(history, "latest", before="run-3", suite='["scenarios"]').id == "run-1"
    assert find_run(history, "latest", before="run-3").id == "run-2"  # no suite named: any
    rows = {line.split()[0]: line for line in _history_text(history).splitlines() if line.startswith(" run-")}
    assert " +0 " in rows["run-3"]  # 100 against run-1's 100, not against run-2's 40 (another suite)


def test_a_short_history_listing_still_knows_each_rows_change(tmp_path: Path) -> None:
    history = tmp_path / "h.sqlite"
    audited(tmp_path, "run-1", two_journeys("failed"))
    audited(tmp_path, "run-2", two_journeys())
    console = Console(record=True, width=200)
    console.print(history_table(list_runs(history), shown=1))
    text = console.export_text()
    assert "run-1" not in text and " +15 " in next(line for line in text.splitlines() if "run-2" in line)


def _history_text(history: Path) -> str:
    console = Console(record=True, width=200)
    console.print(history_table(list_runs(history)))
    return console.export_text()
