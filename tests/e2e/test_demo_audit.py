"""The bundled journeys against the demo shop, defective and clean: each seeded defect that an audit
covers is found in the defective shop and absent in the clean one; the clean shop gives no warnings."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.conftest import SCENARIOS, run_pipeline, serious_accessibility_problems
from uxaudit import pipeline
from uxaudit.audits import AUDITS_BY_ID
from uxaudit.demo.checklist import found_at
from uxaudit.demo.defects import DEFECTS, Defect
from uxaudit.demo.server import DemoShop
from uxaudit.load.config import RunConfig
from uxaudit.run_folder import RunFolder, read_artifacts

COVERED = [d for d in DEFECTS if d.audit in AUDITS_BY_ID]


@pytest.fixture(scope="module")
def clean_run(tmp_path_factory: pytest.TempPathFactory, clean_shop: DemoShop) -> tuple[dict[str, Any], Path]:
    out = tmp_path_factory.mktemp("clean")
    # One browser on two cores, as by default: two at once doubles timings (benchmarks/README.md),
    # and this run checks that nothing is slow.
    return run_pipeline([SCENARIOS], out, base_url=clean_shop.url, workers=1), out




def test_some_defects_are_covered_by_the_audits() -> None:
    assert {d.audit for d in COVERED} >= {"load-time", "redirect-chain", "redirect-loop", "http-error",
                                          "console-error"}


@pytest.mark.parametrize("defect", COVERED, ids=lambda d: d.id)
def test_each_covered_defect_is_found_in_the_defective_shop(defect: Defect, defective_card: dict[str, Any]) -> None:
    found = [f for f in defective_card["findings"] if found_at(defect, f)]
    assert found, f"{defect.id}: no {defect.audit} finding at {defect.where}"
    assert all(f["severity"] in ("error", "warning") and f["evidence"] for f in found)


@pytest.mark.parametrize("defect", COVERED, ids=lambda d: d.id)
def test_each_covered_defect_is_absent_in_the_clean_shop(defect: Defect,
                                                        clean_run: tuple[dict[str, Any], Path]) -> None:
    card, _ = clean_run
    assert [f["title"] for f in card["findings"] if found_at(defect, f)] == []


def test_the_clean_shop_completes_every_task_with_no_warnings(clean_run: tuple[dict[str, Any], Path]) -> None:
    card, _ = clean_run
    failed = [(t["id"], t["error"]) for j in card["journeys"] for t in j["tasks"] if not t["completed"]]
    assert failed == []
    assert [(f["audit"], f["title"]) for f in card["findings"] if f["severity"] != "info"] == []
    assert card["gate"]["passed"] is True and card["score"] >= 90


def test_the_defective_shop_fails_the_gate_with_the_tasks_its_defects_break(defective_card: dict[str, Any]) -> None:
    failed = {t["id"] for j in defective_card["journeys"] for t in j["tasks"] if t["status"] == "failed"}
    assert {"get-started/open-the-sign-up-page", "my-account/open-my-account"} <= failed
    assert defective_card["gate"]["passed"] is False and defective_card["score"] < 90


def test_the_scores_agree_with_the_findings(defective_card: dict[str, Any],
                                            clean_run: tuple[dict[str, Any], Path]) -> None:
    """No level is "good" while it holds an error (docs/scoring.md#caps); a failed task is poor and a
    skipped one is not reached (0, not counted); the clean shop is an A with nothing capped."""
    errors = {f["category"] for f in defective_card["findings"] if f["severity"] == "error" and f["score"] < 1}
    assert "effectiveness" in errors and defective_card["grade"] not in ("A", "B")
    assert [(c["id"], c["score"]) for c in defective_card["categories"] if c["id"] in errors and c["score"] >= 90] == []
    tasks = [t for j in defective_card["journeys"] for t in j["tasks"]]
    skipped = [t for t in tasks if t["status"] == "skipped"]
    assert skipped and {(t["score"], t["reached"]) for t in skipped} == {(0, False)}  # not reached: not counted
    assert all(t["score"] <= 40 and t["capped_by"] for t in tasks if t["status"] == "failed")
    clean, _ = clean_run
    assert clean["grade"] == "A" and clean["capped_by"] == [] and all(c["capped_by"] == [] for c in clean["categories"])


def test_the_architecture_example_runs_unchanged_on_both_shops(defective_card: dict[str, Any],
                                                               clean_run: tuple[dict[str, Any], Path]) -> None:
    for card in (defective_card, clean_run[0]):
        example = next(j for j in card["journeys"] if j["id"] == "buy-trail-shoes")
        assert [t["status"] for t in example["tasks"]] == ["passed", "passed"]


def test_report_from_artifacts_gives_the_same_scorecard(clean_run: tuple[dict[str, Any], Path]) -> None:
    card, out = clean_run
    again = pipeline.audit_and_report(read_artifacts(out), RunFolder(out), RunConfig()).scorecard
    assert again["score"] == card["score"] and again["findings"] == card["findings"]
    assert json.loads((out / "scorecard.json").read_text())["journeys"] == card["journeys"]
    assert (out / "report.html").stat().st_size > 10_000


def test_the_report_of_the_defective_shop_passes_axe(defective_card: dict[str, Any], defective_out: Path) -> None:
    """The report about accessibility must itself be accessible: no serious or critical violation."""
    assert defective_card["findings"]
    assert serious_accessibility_problems(defective_out / "report.html") == []



def test_the_check_of_our_own_pages_finds_a_page_that_breaks_the_rules(tmp_path: Path) -> None:
    broken = tmp_path / "broken.html"
    broken.write_text('<!DOCTYPE html><html><head><title>x</title></head><body><main><img src="a.png">'
                      "<button></button></main></body></html>")
    assert {rule for rule, _, _ in serious_accessibility_problems(broken)} >= {"image-alt", "button-name"}


def test_axe_says_what_is_wrong_with_each_element(defective_card: dict[str, Any], defective_out: Path) -> None:
    """axe's failure summary reaches the artifacts (a hint for rules without a plain-words fix)."""
    run = read_artifacts(defective_out)
    fixes = {v.rule: v.fix for j in run.journeys for t in j.tasks for s in t.steps for v in s.accessibility}
    assert "alt attribute" in fixes["image-alt"]


def test_a_task_whose_criterion_never_holds_says_how_long_the_check_waited(defective_card: dict[str, Any]) -> None:
    terms = next(t for j in defective_card["journeys"] for t in j["tasks"] if t["id"] == "full-checkout/read-the-terms")
    assert terms["status"] == "failed" and not terms["criteria"][0]["ok"]
    assert 5000 <= terms["success_check_ms"] <= terms["duration_ms"]  # the wait for the time-out, within the task
    steps = sum(s["duration_ms"] for s in terms["steps"])
    assert terms["duration_ms"] - steps >= terms["success_check_ms"] - 500  # it explains the gap
