"""Log-normal curves, the task → journey → site roll-up, the gate, and the scorecard contract."""

from __future__ import annotations

from dataclasses import replace

import pytest

from tests.builders import failed_task, journey, run, task, visit
from uxaudit.audits import run_audits
from uxaudit.audits.base import AuditInput
from uxaudit.audits.curves import log_normal_score
from uxaudit.audits.thresholds import Curve
from uxaudit.load.gate_rules import GateRule
from uxaudit.score.gate import evaluate_gate
from uxaudit.score.run_stats import task_runs
from uxaudit.score.scorecard import build_scorecard
from uxaudit.score.scoring import FAILED_TASK_CAP, score_run
from uxaudit.verdicts import grade, rating

CURVE = Curve(p10=3785, median=7300)  # Lighthouse's own test curve


@pytest.mark.parametrize(("value", "expected"), [(0, 1.0), (3785, 0.9), (7300, 0.5)])
def test_log_normal_hits_the_control_points(value: float, expected: float) -> None:
    assert log_normal_score(CURVE, value) == pytest.approx(expected)


def test_log_normal_is_monotonic_and_bounded() -> None:
    scores = [log_normal_score(CURVE, v) for v in range(0, 40_000, 500)]
    assert scores == sorted(scores, reverse=True) and 0 <= scores[-1] < 0.05


@pytest.mark.parametrize(("score", "word"), [(100, "good"), (90, "good"), (89, "needs-work"), (50, "needs-work"),
                                             (49, "poor")])
def test_ratings(score: int, word: str) -> None:
    assert rating(score) == word


def scores_for(artifacts):  # type: ignore[no-untyped-def]
    return score_run(artifacts, run_audits(AuditInput(artifacts)))


def test_a_perfect_run_scores_100() -> None:
    scores = scores_for(run())
    assert scores.site == 100 and set(scores.categories.values()) == {100}


def test_a_slow_page_lowers_speed_only() -> None:
    scores = scores_for(run(journey(task(pages=(visit(load_ms=6000),)))))
    task_score = scores.tasks["shop/find"]
    assert task_score.categories["speed"] < 0.8 and task_score.categories["navigation"] == 1.0
    assert 50 < task_score.score < 100


def test_failed_task_is_capped_and_skipped_has_no_score() -> None:
    artifacts = run(journey(task(), failed_task(), task("after", "skipped")))
    scores = scores_for(artifacts)
    assert scores.tasks["shop/find"].score == 100
    assert scores.tasks["shop/checkout"].score == FAILED_TASK_CAP
    assert scores.tasks["shop/after"].score is None  # not reached: not a second 0 for the same failure
    assert scores.journeys["shop"] == round((100 + FAILED_TASK_CAP) / 2)


def test_site_is_the_mean_of_journeys() -> None:
    artifacts = run(journey(journey_id="a"), journey(failed_task(), journey_id="b"))
    scores = scores_for(artifacts)
    assert scores.site == round((scores.journeys["a"] + scores.journeys["b"]) / 2)


def test_default_gate_is_every_task_completes() -> None:
    good, bad = run(), run(journey(task(), failed_task()))
    assert evaluate_gate(good, scores_for(good)).passed
    verdict = evaluate_gate(bad, scores_for(bad))
    assert not verdict.passed and verdict.checks[0].value == "1 of 2"


def test_fail_under_adds_a_site_score_check() -> None:
    slow = run(journey(task(pages=(visit(load_ms=9000),))))
    verdict = evaluate_gate(slow, scores_for(slow), fail_under=96)
    assert not verdict.passed and verdict.checks[1].id == "site-score"


def test_scorecard_has_the_contract_fields() -> None:
    artifacts = run(journey(task(), failed_task(), journey_id="checkout"))
    findings = run_audits(AuditInput(artifacts))
    scores = score_run(artifacts, findings)
    card = build_scorecard(artifacts, findings, scores, evaluate_gate(artifacts, scores))
    assert {"schema_version", "score", "rating", "categories", "journeys", "findings", "gate"} <= set(card)
    journey_card = card["journeys"][0]
    assert {"id", "name", "score", "tasks"} <= set(journey_card)
    task_card = journey_card["tasks"][1]
    assert task_card["id"] == "checkout/checkout" and task_card["completed"] is False
    assert task_card["steps"][1]["id"] == "checkout/checkout/2"
    assert {"index", "action", "ok", "error", "duration_ms"} <= set(task_card["steps"][1])
    finding = card["findings"][0]
    assert {"audit", "severity", "title", "url", "journey", "task", "step", "value", "evidence"} <= set(finding)
    assert (finding["journey"], finding["task"], finding["step"]) == ("checkout", "checkout/checkout",
                                                                    "checkout/checkout/2")
    assert card["gate"]["passed"] is False and card["gate"]["checks"][0]["id"] == "tasks-complete"


def test_the_worked_example_in_docs_scoring() -> None:
    from tests.builders import console, step

    product = visit("/products/shoes", step=1, load_ms=3500)
    first = task("find", pages=(product,), steps=(step(console=(console("TypeError: boom"),)),))
    artifacts = run(journey(first))
    assert scores_for(artifacts).tasks["shop/find"].score == 98


@pytest.mark.parametrize(("score", "letter"), [(100, "A"), (90, "A"), (89, "B"), (80, "B"), (79, "C"), (65, "C"),
                                               (64, "D"), (50, "D"), (49, "F"), (0, "F")])
def test_grades_follow_the_rating_bands(score: int, letter: str) -> None:
    assert grade(score) == letter
    assert (letter == "A") == (rating(score) == "good") and (letter == "F") == (rating(score) == "poor")


def _rules(*specs: dict[str, object]) -> list[GateRule]:
    return [GateRule.model_validate(spec) for spec in specs]


def test_gate_rules_check_site_category_journey_task_and_audit() -> None:
    slow = run(journey(task(pages=(visit(load_ms=6000),)), failed_task()))
    findings = run_audits(AuditInput(slow))
    scores = score_run(slow, findings)
    rules = _rules({"target": "site", "min_score": 10}, {"target": "category", "id": "speed", "min_score": 99},
                   {"target": "journey", "id": "shop", "min_score": 99, "level": "warn"},
                   {"target": "task", "id": "shop/find", "max_value": 500},
                   {"target": "audit", "id": "load-time", "max_count": 0},
                   {"target": "audit", "id": "load-time", "max_value": 7000})
    verdict = evaluate_gate(slow, scores, rules=rules, findings=findings)
    by_id = {c.id: c for c in verdict.checks}
    assert by_id["site-min-score"].passed and by_id["site-min-score"].threshold == "≥ 10"
    assert not by_id["category-min-score:speed"].passed and by_id["category-min-score:speed"].where == "category speed"
    assert not by_id["journey-min-score:shop"].passed and by_id["journey-min-score:shop"].level == "warn"
    assert not by_id["task-max-value:shop/find"].passed and by_id["task-max-value:shop/find"].value == "1000"
    assert by_id["audit-max-count:load-time"].value == "1" and not by_id["audit-max-count:load-time"].passed
    assert by_id["audit-max-value:load-time"].passed and by_id["audit-max-value:load-time"].value == "6000"


def test_a_warn_rule_never_fails_the_gate_and_an_unknown_journey_does() -> None:
    slow = run(journey(task(pages=(visit(load_ms=6000),))))
    findings = run_audits(AuditInput(slow))
    warn_only = evaluate_gate(slow, score_run(slow, findings), findings=findings,
                              rules=_rules({"target": "site", "min_score": 100, "level": "warn"}))
    assert warn_only.passed and not warn_only.checks[-1].passed
    good = run()
    scores = score_run(good, [])
    typo = evaluate_gate(good, scores, rules=_rules({"target": "journey", "id": "chekout", "min_score": 1}))
    assert not typo.passed and typo.checks[-1].value == "no journey 'chekout' in this run"


@pytest.mark.parametrize("spec", [{"target": "site", "max_count": 1}, {"target": "site", "id": "x", "min_score": 1},
                                  {"target": "audit", "id": "load-time"},
                                  {"target": "task", "id": "a/b", "min_score": 1, "max_value": 2}])
def test_gate_rules_that_make_no_sense_are_refused(spec: dict[str, object]) -> None:
    with pytest.raises(ValueError, match="needs exactly one of|a `site` rule has none"):
        GateRule.model_validate(spec)


def test_runs_give_success_rates_medians_and_flaky_tasks() -> None:
    first = journey(task("find", duration_ms=1000.0), task("pay", duration_ms=2000.0))
    second = journey(task("find", duration_ms=3000.0), failed_task("pay"), repeat=2)
    third = journey(task("find", duration_ms=2000.0), task("pay", duration_ms=2200.0), repeat=3)
    artifacts = replace(run(first), repeats=(second, third))
    scores = scores_for(artifacts)
    card = build_scorecard(artifacts, [], scores, evaluate_gate(artifacts, scores))
    tasks = {t["id"]: t for t in card["journeys"][0]["tasks"]}
    assert tasks["shop/find"]["runs"] == {"count": 3, "passed": 3, "success_rate": 1.0, "flaky": False,
                                          "duration_ms": {"median": 2000, "min": 1000, "max": 3000}}
    assert tasks["shop/pay"]["runs"]["flaky"] is True and tasks["shop/pay"]["runs"]["success_rate"] == 0.667
    assert card["summary"]["runs"] == 3 and card["summary"]["tasks_flaky"] == 1
    gate = card["gate"]["checks"][0]
    assert gate["description"] == "Every task completes in every run (3 runs)" and gate["value"] == "1 of 2"
    assert card["gate"]["passed"] is False


def test_a_single_run_has_no_run_statistics() -> None:
    card = build_scorecard(run(), [], scores_for(run()), evaluate_gate(run(), scores_for(run())))
    assert card["journeys"][0]["tasks"][0]["runs"] is None and card["summary"]["runs"] == 1


def test_median_times_leave_out_failed_attempts() -> None:
    first = journey(task("find", duration_ms=1000.0))
    timed_out = journey(failed_task("find"), repeat=2)
    stats = task_runs(replace(run(first), repeats=(replace(timed_out, tasks=(replace(timed_out.tasks[0],
                                                                                        duration_ms=10_000.0),)),)))
    assert stats["shop/find"].durations_ms == (1000.0,) and stats["shop/find"].median_ms == 1000.0
