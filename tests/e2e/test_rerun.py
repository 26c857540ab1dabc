"""Rerunning what failed, as a user does it: a whole run, `--last-failed`, a whole run again (its
trend ignores the partial run), `uxaudit history`, and `uxaudit compare` on two run folders."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.e2e.conftest import CliResult, journey_file, uxaudit_cli
from uxaudit.demo.server import DemoShop

PASSES = "name: {name}\nsteps:\n  - goto: /\nsuccess:\n  - title: Trailhead\n"
FAILS_WHEN_DEFECTIVE = """
    name: Get started
    steps:
      - goto: /
      - click: Get started
    success:
      - visible: Create your account
"""


def journeys(folder: Path) -> Path:
    folder.mkdir()
    journey_file(folder, "home.yaml", PASSES.format(name="Home"))
    journey_file(folder, "start.yaml", FAILS_WHEN_DEFECTIVE)
    journey_file(folder, "landing.yaml", PASSES.format(name="Landing"))
    return folder


def run(suite: Path, shop: DemoShop, out: Path, history: Path, *flags: str) -> CliResult:
    return uxaudit_cli("run", str(suite), "--base-url", shop.url, "--out", str(out), "--no-link-check",
                       "--workers", "1", "--timeout", "3000", *flags, env={"UXAUDIT_HISTORY": str(history)})


def scorecard(out: Path) -> dict[str, Any]:
    return json.loads((out / "scorecard.json").read_text())


def outcomes(card: dict[str, Any]) -> dict[str, bool]:
    return {journey["id"]: journey["completed"] for journey in card["journeys"]}


def test_last_failed_reruns_exactly_the_failed_journeys_and_stays_out_of_the_trend(
        tmp_path: Path, defective_shop: DemoShop) -> None:
    suite, history = journeys(tmp_path / "journeys"), tmp_path / "history.sqlite"
    whole = run(suite, defective_shop, tmp_path / "run-1", history)
    assert whole.code == 1, whole.stderr
    first = scorecard(tmp_path / "run-1")
    assert outcomes(first) == {"home": True, "landing": True, "start": False}
    assert first["run"]["partial"] is False

    rerun = run(suite, defective_shop, tmp_path / "run-2", history, "--last-failed")
    assert rerun.code == 1, rerun.stderr
    second = scorecard(tmp_path / "run-2")
    assert outcomes(second) == {"start": False}  # exactly the journey that failed
    assert second["run"]["partial"] is True
    assert second["run"]["selection"] == ["--last-failed", "1 of 3 journeys"]
    assert second["trend"] == []

    again = run(suite, defective_shop, tmp_path / "run-3", history)
    assert again.code == 1, again.stderr
    third = scorecard(tmp_path / "run-3")
    assert [point["run"] for point in third["trend"]] == [first["run"]["id"], third["run"]["id"]]

    listed = uxaudit_cli("history", "--history", str(history))
    assert listed.code == 0, listed.stderr
    row = next(line for line in listed.stdout.splitlines() if second["run"]["id"] in line)
    assert "partial" in row  # and what it ran, under the table
    assert f"  {second['run']['id']}: --last-failed, 1 of 3 journeys" in listed.stdout.splitlines()


def test_last_failed_with_nothing_failed_runs_everything_as_a_whole_run(tmp_path: Path,
                                                                        clean_shop: DemoShop) -> None:
    suite, history = tmp_path / "journeys", tmp_path / "history.sqlite"
    suite.mkdir()
    journey_file(suite, "home.yaml", PASSES.format(name="Home"))
    assert run(suite, clean_shop, tmp_path / "run-1", history).code == 0
    rerun = run(suite, clean_shop, tmp_path / "run-2", history, "--last-failed")
    assert rerun.code == 0, rerun.stderr
    assert "uxaudit: --last-failed: no journey failed when it last ran; running all 1" in rerun.stderr
    assert scorecard(tmp_path / "run-2")["run"]["partial"] is False


def test_compare_two_run_folders_prints_the_difference_and_writes_the_page(
        tmp_path: Path, defective_shop: DemoShop, clean_shop: DemoShop) -> None:
    suite = tmp_path / "journeys"
    suite.mkdir()
    journey_file(suite, "start.yaml", FAILS_WHEN_DEFECTIVE)
    nowhere = tmp_path / "no-history" / "history.sqlite"  # neither run is stored: the folders are enough
    assert run(suite, defective_shop, tmp_path / "before", nowhere).code == 1
    assert run(suite, clean_shop, tmp_path / "after", nowhere).code == 0
    nowhere.unlink()

    result = uxaudit_cli("compare", str(tmp_path / "before"), str(tmp_path / "after" / "scorecard.json"),
                         "--history", str(nowhere))
    assert result.code == 0, result.stderr
    before, after = scorecard(tmp_path / "before")["run"]["id"], scorecard(tmp_path / "after")["run"]["id"]
    assert f"Run {after} against run {before}" in result.stdout
    changed = next(line for line in result.stdout.splitlines() if "start/get-started" in line)
    assert "failed" in changed and "passed" in changed
    page = tmp_path / f"compare-{before}-vs-{after}.html"
    assert f"Comparison page: {page}" in result.stdout.replace("\n", "")
    assert "start/get-started" in page.read_text() and not nowhere.exists()

    wrong = uxaudit_cli("compare", str(tmp_path / "before"), str(tmp_path / "nothing-here"))
    assert wrong.code == 2 and wrong.stderr.strip().count("\n") == 0 and "Traceback" not in wrong.stderr
    assert "nothing-here: no such run folder or scorecard.json" in wrong.stderr
