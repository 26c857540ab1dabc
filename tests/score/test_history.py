"""The run history (SQLite), baselines (new / fixed / still), --only-new, and history/compare."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from rich.console import Console

from tests.builders import failed_task, journey, run, task, visit
from uxaudit import pipeline
from uxaudit.audits import ALL_AUDITS
from uxaudit.errors import UsageError
from uxaudit.load.config import RunConfig
from uxaudit.load.gate_rules import GateRule
from uxaudit.report.history_view import comparison_view, history_table
from uxaudit.run_folder import RunFolder
from uxaudit.score.baseline import diff_stored
from uxaudit.score.history import find_run, list_runs
from uxaudit.score.stage import _later_runs_measured


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
    console.print(comparison_view(diff_stored(find_run(path, "run-1"), find_run(path, "run-2"))))
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
    console.print(comparison_view(diff_stored(find_run(path, "run-1"), find_run(path, "run-2"))))
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
    monkeypatch.setattr("uxaudit.score.history.current_branch", lambda: None)
    with pytest.raises(UsageError, match="branch is not known"):
        find_run(tmp_path / "h.sqlite", "latest-on-branch")


def repeated(times: list[float], run_id: str = "") -> object:
    """A run whose one task took these times, one run each (`--runs N`)."""
    first = journey(task(duration_ms=times[0]))
    others = tuple(journey(task(duration_ms=ms), repeat=n) for n, ms in enumerate(times[1:], start=2))
    return replace(run(first), repeats=others)


def test_the_baseline_section_judges_task_times_and_the_gate_warns_of_slower_tasks(tmp_path: Path) -> None:
    audited(tmp_path, "run-1", repeated([1000, 1020, 990, 1010, 1005]))
    card = audited(tmp_path, "run-2", repeated([1500, 1480, 1520, 1490, 1510]), baseline="run-1")
    [timing] = card["baseline"]["timings"]
    assert (timing["task"], timing["change"], timing["method"]) == ("shop/find", "slower", "mann-whitney")
    assert (timing["before_ms"], timing["now_ms"], timing["runs_before"], timing["runs_now"]) == (1005, 1500, 5, 5)
    assert timing["p_value"] < 0.05 and timing["effect"] == 1.0
    check = next(c for c in card["gate"]["checks"] if c["id"] == "slower-tasks-max-count")
    assert check["level"] == "warn" and not check["passed"] and check["value"] == "1: shop/find"
    assert card["gate"]["passed"] is True  # a warning by default
    assert "- slower: `shop/find` 1.0 s → 1.5 s (Mann–Whitney p=" in (tmp_path / "run-2" / "summary.md").read_text()


def test_a_slower_tasks_rule_fails_the_gate_and_without_a_baseline_says_it_had_nothing_to_compare(
        tmp_path: Path) -> None:
    rule = (GateRule.model_validate({"target": "slower-tasks", "max_count": 0}),)
    audited(tmp_path, "run-1", repeated([1000, 1020, 990, 1010, 1005]), gate_rules=rule)
    alone = next(c for c in audited(tmp_path, "run-2", repeated([1000] * 5), gate_rules=rule)["gate"]["checks"]
                 if c["id"] == "slower-tasks-max-count")
    assert alone["passed"] and alone["value"] == "no baseline (--baseline RUN)"
    slower = audited(tmp_path, "run-3", repeated([1500, 1480, 1520, 1490, 1510]), baseline="run-1", gate_rules=rule)
    assert slower["gate"]["passed"] is False
    assert [c["level"] for c in slower["gate"]["checks"] if c["id"] == "slower-tasks-max-count"] == ["error"]
    steady = audited(tmp_path, "run-4", repeated([1000, 1020, 990, 1010, 1005]), baseline="run-1", gate_rules=rule)
    assert steady["gate"]["passed"] is True and steady["baseline"]["timings"][0]["change"] == "same"


def test_the_trend_holds_earlier_runs_of_the_same_site_oldest_first(tmp_path: Path) -> None:
    audited(tmp_path, "run-1", run())
    audited(tmp_path, "run-2", replace(slow(), base_url="http://elsewhere.test"))
    audited(tmp_path, "run-3", slow())
    card = audited(tmp_path, "run-4", run())
    # run-3's 6 s page is an error-level load-time finding: the site is held below "good" (89)
    assert [(point["run"], point["score"]) for point in card["trend"]] == [("run-1", 100), ("run-3", 89),
                                                                          ("run-4", 100)]
    assert card["trend"][-1]["passed"] is True


@pytest.mark.parametrize("spoil", ["not a database", "a folder in the way"])
def test_a_history_that_cannot_be_used_after_the_run_is_a_warning(tmp_path: Path, spoil: str) -> None:
    history = tmp_path / "h.sqlite"
    if spoil == "not a database":
        history.write_text("this is not SQLite " * 100)
    else:
        (tmp_path / "blocker").write_text("")
        history = tmp_path / "blocker" / "h.sqlite"
    result = pipeline.audit_and_report(replace(run(), run_id="run-1", started_at="2026-11-22T12:00:01+00:00"),
                                       RunFolder(tmp_path / "run-1"), RunConfig(history=str(history)))
    assert result.scorecard["gate"]["passed"] is True and (tmp_path / "run-1" / "report.html").exists()
    assert result.warnings and all(w.startswith("the run history was not") for w in result.warnings)
    assert any("not updated" in w for w in result.warnings)


def three_runs() -> object:
    """Run 1 has a slow page (an error: held at 89), run 2 is clean, run 3 fails its second task (70)."""
    slow_page = journey(task(pages=(visit("/p", load_ms=6000),)), task("pay"))
    return replace(run(slow_page), repeats=(journey(task(), task("pay"), repeat=2),
                                            journey(task(), failed_task("pay"), repeat=3)))


@pytest.mark.parametrize(("aggregate", "value", "passed"), [("median", 89, True), ("optimistic", 100, True),
                                                            ("pessimistic", 70, False)])
def test_gate_rules_combine_the_runs_as_the_rule_says(tmp_path: Path, aggregate: str, value: int,
                                                      passed: bool) -> None:
    rules = (GateRule.model_validate({"target": "site", "min_score": 85, "aggregate": aggregate}),
             GateRule.model_validate({"target": "audit", "id": "load-time", "max_count": 0, "aggregate": aggregate}))
    card = audited(tmp_path, "run-1", three_runs(), gate_rules=rules)
    site, load = (next(c for c in card["gate"]["checks"] if c["id"] == name)
                  for name in ("site-min-score", "audit-max-count:load-time"))
    assert site["value"] == f"{value} ({aggregate} of 3 runs: 89, 100, 70)" and site["passed"] is passed
    assert load["value"].startswith("0 (" if aggregate != "pessimistic" else "1 (") and load["value"].endswith(
        "of 3 runs: 1, 0, 0)")


def test_fail_under_reads_the_median_run(tmp_path: Path) -> None:
    card = audited(tmp_path, "run-1", three_runs(), fail_under=85.0)
    check = next(c for c in card["gate"]["checks"] if c["id"] == "site-score")
    assert check["passed"] and check["value"] == "89 (median of 3 runs: 89, 100, 70)"


def test_compare_prints_and_writes_a_self_contained_page(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from bs4 import BeautifulSoup

    from uxaudit.cli import main

    audited(tmp_path, "run-1", repeated([1000, 1020, 990, 1010, 1005]))
    audited(tmp_path, "run-2", run(journey(task(duration_ms=1500, pages=(visit("/p", load_ms=6000),)),
                                           failed_task("pay"))))
    history = str(tmp_path / "h.sqlite")
    assert main(["compare", "run-1", "latest", "--history", history]) == 0
    page = tmp_path / "compare-run-1-vs-run-2.html"
    assert f"Comparison page: {page}" in capsys.readouterr().out
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    text = " ".join(soup.get_text(" ").split())
    assert "went down" in text and "shop/pay" in text and "New since run run-1" in text
    assert "with fewer than 5 runs on each side (--runs 5) that may be chance" in text  # 5 runs against 1
    assert "2 new problems, 0 fixed, 0 still there" in text
    assert soup.find_all("script") == [] and not soup.find_all(src=True) and not soup.select("link[href]")
    assert main(["compare", "run-1", "run-2", "--history", history, "--out", str(tmp_path / "x" / "c.html")]) == 0
    assert (tmp_path / "x" / "c.html").exists()
    (tmp_path / "file").write_text("")
    assert main(["compare", "run-1", "run-2", "--history", history, "--out", str(tmp_path / "file" / "c.html")]) == 2
    assert "choose another file with --out FILE" in capsys.readouterr().err


def test_a_task_skipped_in_both_runs_is_not_newly_failing(tmp_path: Path) -> None:
    audited(tmp_path, "run-1", run(journey(failed_task("find"), task("pay", status="skipped"))))
    same = audited(tmp_path, "run-2", run(journey(failed_task("find"), task("pay", status="skipped"))),
                   baseline="run-1", only_new=True)
    assert same["baseline"]["newly_failing_tasks"] == [] and same["gate"]["passed"] is True
    audited(tmp_path, "run-3", run(journey(task("find"), task("pay"))))
    broke = audited(tmp_path, "run-4", run(journey(failed_task("find"), task("pay", status="skipped"))),
                    baseline="run-3")
    assert broke["baseline"]["newly_failing_tasks"] == ["shop/find", "shop/pay"]


def test_a_task_time_rule_reads_only_the_runs_in_which_the_task_completed(tmp_path: Path) -> None:
    rule = (GateRule.model_validate({"target": "task", "id": "shop/pay", "max_value": 2000,
                                     "aggregate": "optimistic"}),)
    timed = replace(run(journey(task(), task("pay", duration_ms=5000))),
                    repeats=(journey(task(), task("pay", status="skipped", duration_ms=0.0), repeat=2),
                             journey(task(), failed_task("pay"), repeat=3)))
    check = next(c for c in audited(tmp_path, "run-1", timed, gate_rules=rule)["gate"]["checks"]
                 if c["id"] == "task-max-value:shop/pay")
    assert not check["passed"] and check["value"] == "5000"  # not the skipped run's 0 s
    never = replace(run(journey(task(), failed_task("pay"))), repeats=())
    check = next(c for c in audited(tmp_path, "run-2", never, gate_rules=rule)["gate"]["checks"]
                 if c["id"] == "task-max-value:shop/pay")
    assert not check["passed"] and check["value"] == "it did not complete, so it has no time"


def test_a_later_run_missing_journeys_is_left_out_of_the_aggregation(tmp_path: Path) -> None:
    two = replace(run(journey(task()), journey(failed_task("x"), journey_id="other")),
                  repeats=(journey(task(), repeat=2), journey(failed_task("x"), journey_id="other", repeat=2),
                           journey(task(), repeat=3)))  # run 3 was interrupted before "other"
    card = audited(tmp_path, "run-1", two, fail_under=10.0)
    check = next(c for c in card["gate"]["checks"] if c["id"] == "site-score")
    assert "of 2 runs" in check["value"]


def test_with_an_even_number_of_runs_the_median_is_the_worse_middle_run(tmp_path: Path) -> None:
    rules = (GateRule.model_validate({"target": "site", "min_score": 1}),
             GateRule.model_validate({"target": "audit", "id": "load-time", "max_count": 0}))
    slow_page = journey(task(pages=(visit("/p", load_ms=6000),)))
    two = replace(run(slow_page), repeats=(journey(task(), repeat=2),))
    checks = {c["id"]: c for c in audited(tmp_path, "run-1", two, gate_rules=rules)["gate"]["checks"]}
    assert checks["site-min-score"]["value"] == "89 (median of 2 runs: 89, 100)"  # not 94, which no run scored
    assert checks["audit-max-count:load-time"]["value"] == "1 (median of 2 runs: 1, 0)"  # not half a finding


def test_lighthouse_findings_of_the_first_run_count_in_every_run(tmp_path: Path) -> None:
    from uxaudit.audits.base import Finding

    lighthouse = Finding(audit="lighthouse", category="lighthouse", severity="warning", title="SEO 54",
                         description="", hint="", score=0.54, journey="shop", journey_name="Shop", task="shop/find",
                         task_name="Find", step=1, url="http://shop.test/p", value=54, display_value="54",
                         evidence=(), screenshot=None)
    first = [lighthouse]
    repeated_run = replace(run(journey(task())), repeats=(journey(task(), repeat=2), journey(task(), repeat=3)))
    config = RunConfig(gate_rules=(GateRule.model_validate({"target": "audit", "id": "lighthouse", "max_count": 0,
                                                            "aggregate": "optimistic"}),))
    later = _later_runs_measured(repeated_run, first, ALL_AUDITS, config, tmp_path)
    assert [[f.audit for f in m.findings if f.audit == "lighthouse"] for m in later] == [["lighthouse"]] * 2


def test_the_cli_prints_a_history_problem_as_a_warning_and_keeps_the_exit_code(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    from uxaudit.cli import main

    audited(tmp_path, "run-1", run())
    RunFolder(tmp_path / "run-1").write_artifacts(replace(run(), run_id="run-1"))
    broken = tmp_path / "broken.sqlite"
    broken.write_text("not SQLite " * 200)
    monkeypatch.setenv("UXAUDIT_HISTORY", str(broken))
    assert main(["report", str(tmp_path / "run-1")]) == 0
    err = capsys.readouterr().err
    assert "uxaudit: warning: the run history was not read:" in err and "Traceback" not in err


def test_an_interrupted_run_has_no_trend(tmp_path: Path) -> None:
    audited(tmp_path, "run-1", run())
    card = audited(tmp_path, "run-2", replace(run(), interrupted=True))
    assert card["trend"] == []


def test_the_comparison_page_escapes_what_came_from_pages_and_branches(tmp_path: Path) -> None:
    from bs4 import BeautifulSoup

    from uxaudit.report import compare_html
    from uxaudit.score.history import StoredRun

    script = "<script>alert(1)</script>"
    def stored(run_id: str, findings: dict[str, tuple[str, str, str]]) -> StoredRun:
        return StoredRun(run_id, "2026-11-22T12:00:00+00:00", "javascript:alert(1)", script, 80, "B", True, 1, 1,
                         findings, {script: "passed"}, {script: [1000.0]})

    page = compare_html.render(diff_stored(stored(script, {}), stored("b", {"x": ("load-time", "error", script)})))
    soup = BeautifulSoup(page, "html.parser")
    assert soup.find_all("script") == [] and script in soup.get_text()
    assert not [a for a in soup.find_all("a", href=True) if not a["href"].startswith("#")]


def test_the_comparison_page_counts_a_problem_met_by_several_tasks_once(tmp_path: Path) -> None:
    from uxaudit.report import compare_html
    from uxaudit.score.history import StoredRun

    def stored(run_id: str, findings: dict[str, tuple[str, str, str]]) -> StoredRun:
        return StoredRun(run_id, "2026-11-22T12:00:00+00:00", "http://shop.test", None, 80, "B", True, 1, 1,
                         findings, {}, {})

    same = ("console-error", "warning", "“/” reported 1 script error")
    page = compare_html.render(diff_stored(stored("a", {}), stored("b", {"x:t1": same, "x:t2": same, "x:t3": same})))
    text = " ".join(page.split())
    assert "1 new problem, 0 fixed" in text and "(met in 3 tasks)" in text


def test_the_history_counts_problems_of_every_severity_as_summary_md_does() -> None:
    from uxaudit.score.history import StoredRun

    findings = {"a:t1": ("console-error", "warning", "a"), "a:t2": ("console-error", "warning", "a"),
                "b:t1": ("readability", "info", "b")}
    stored = StoredRun("r", "2026-11-22T12:00:00+00:00", "http://shop.test", None, 80, "B", True, 1, 1,
                       findings, {}, {})
    console = Console(record=True, width=200, color_system=None)
    console.print(history_table([stored]))
    row = next(line for line in console.export_text().splitlines() if " r " in line)
    assert row.rstrip(" │").endswith("2")  # the warning met in two tasks, and the information


def test_a_baseline_lost_after_the_run_is_judged_without_it_and_said(tmp_path: Path) -> None:
    audited(tmp_path, "run-1", run())
    (tmp_path / "h.sqlite").write_text("the cache was replaced by something else " * 50)
    result = pipeline.audit_and_report(replace(run(journey(task(), failed_task())), run_id="run-2"),
                                       RunFolder(tmp_path / "run-2"),
                                       RunConfig(history=str(tmp_path / "h.sqlite"), baseline="run-1", only_new=True))
    assert result.scorecard["baseline"] is None and (tmp_path / "run-2" / "report.html").exists()
    assert result.scorecard["gate"]["passed"] is False  # the stricter default gate: every task completes
    assert any(w.startswith("the run history was not read") for w in result.warnings)


def test_a_second_writer_of_the_same_run_id_is_warned_and_never_replaces_the_first(tmp_path: Path) -> None:
    first = audited(tmp_path, "run-1", run())
    settings = RunConfig(history=str(tmp_path / "h.sqlite"))
    other = replace(slow(), run_id="run-1", started_at="2026-11-22T12:00:01+00:00")
    second = pipeline.audit_and_report(other, RunFolder(tmp_path / "elsewhere"), settings)
    assert second.scorecard["score"] < first["score"]
    warning = next(w for w in second.warnings if "was not updated" in w)
    assert "already holds a run with the id run-1" in warning and "this run was not stored" in warning
    [stored] = list_runs(tmp_path / "h.sqlite")
    assert stored.score == first["score"] and stored.task_status == {"shop/find": "passed"}


def test_run_ids_started_in_the_same_second_differ_and_stay_readable() -> None:
    import re
    from datetime import UTC, datetime

    from uxaudit.run_folder import new_run_id

    now = datetime(2026, 12, 3, 14, 25, 1, tzinfo=UTC)
    ids = {new_run_id(now) for _ in range(200)}
    assert len(ids) == 200
    assert all(re.fullmatch(r"20261203-142501-[0-9a-f]{6}", i) for i in ids)


def test_concurrent_writers_keep_every_run_and_refuse_a_repeated_id(tmp_path: Path) -> None:
    from concurrent.futures import ThreadPoolExecutor

    from uxaudit.score.history import record_run

    def card(run_id: str) -> dict[str, object]:
        return {"run": {"id": run_id, "started_at": "2026-12-03T14:25:01+00:00"}, "score": 90, "grade": "A",
                "gate": {"passed": True}, "summary": {"tasks": 0, "tasks_completed": 0}, "journeys": [],
                "findings": []}

    def write(run_id: str) -> str:
        try:
            record_run(tmp_path / "h.sqlite", card(run_id), tmp_path / run_id, {})
        except UsageError as exc:
            return str(exc)
        return "stored"

    ids = [f"20261203-142501-{n:06x}" for n in range(12)] + ["20261203-142501-000000"]
    with ThreadPoolExecutor(max_workers=6) as pool:
        outcomes = list(pool.map(write, ids))
    assert sorted(r.id for r in list_runs(tmp_path / "h.sqlite", limit=50)) == sorted(set(ids))
    assert outcomes.count("stored") == 12
    assert [o for o in outcomes if o != "stored"][0].endswith("this run was not stored, and the earlier one was kept")
