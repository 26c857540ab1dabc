"""The scorecard carries what a developer needs to look into a journey run: its trace and video, its
setup and teardown steps, its warnings, the site it ran against, and each repeat's recording."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from tests.builders import failed_task, journey, run, step, task
from uxaudit.artifacts import RunArtifacts, run_from_dict, to_dict
from uxaudit.audits import run_audits
from uxaudit.audits.base import AuditInput
from uxaudit.score.gate import evaluate_gate
from uxaudit.score.scorecard import SCHEMA_VERSION, build_scorecard
from uxaudit.score.scoring import score_run


def card_of(artifacts: RunArtifacts) -> dict[str, Any]:
    scores = score_run(artifacts, run_audits(AuditInput(artifacts)))
    return build_scorecard(artifacts, [], scores, evaluate_gate(artifacts, scores))


def test_a_journey_names_its_trace_video_setup_teardown_and_warnings() -> None:
    record = journey(failed_task(), trace="journeys/shop/trace.zip", video="journeys/shop/video.webm",
                     setup=(step(1, action="goto", name="Open the admin", location="shop.yaml:4"),),
                     teardown=(step(1, "failed", action="click", name="Click “Delete”", error="no such button",
                                    location="shop.yaml:30", screenshot="screenshots/shop/teardown-1.png"),),
                     warnings=("the teardown failed at step 1 (Click “Delete”): no such button",))
    card = card_of(run(record))
    (shown,) = card["journeys"]
    assert card["schema_version"] == SCHEMA_VERSION == "1.6"
    assert (shown["trace"], shown["video"]) == ("journeys/shop/trace.zip", "journeys/shop/video.webm")
    assert shown["base_url"] == "http://shop.test"
    assert [(s["id"], s["name"], s["status"], s["location"]) for s in shown["setup"]] == [
        ("shop/_setup/1", "Open the admin", "passed", "shop.yaml:4")]
    (down,) = shown["teardown"]
    assert (down["id"], down["status"], down["error"], down["screenshot"]) == (
        "shop/_teardown/1", "failed", "no such button", "screenshots/shop/teardown-1.png")
    assert shown["warnings"] == ["the teardown failed at step 1 (Click “Delete”): no such button"]
    assert shown["repeats"] == []


def test_setup_step_ids_never_collide_with_a_task_named_setup() -> None:
    record = journey(task("setup"), task("teardown"), setup=(step(1),), teardown=(step(1),))
    (shown,) = card_of(run(record))["journeys"]
    hooks = {s["id"] for s in shown["setup"] + shown["teardown"]}
    tasks = {s["id"] for t in shown["tasks"] for s in t["steps"]}
    assert hooks == {"shop/_setup/1", "shop/_teardown/1"} and not hooks & tasks


def test_a_journey_without_recordings_says_so_with_nulls_and_empty_lists() -> None:
    (shown,) = card_of(run())["journeys"]
    assert (shown["trace"], shown["video"], shown["setup"], shown["teardown"], shown["warnings"]) == (
        None, None, [], [], [])


def test_each_repeat_keeps_its_own_trace_and_where_its_tasks_failed() -> None:
    first = journey(task("find"), task("checkout"), trace=None)
    second = journey(task("find"), failed_task("checkout"), repeat=2, trace="journeys/shop-2/trace.zip")
    third = journey(task("find"), task("checkout"), repeat=3)
    other = journey(task("find"), journey_id="other", repeat=2, trace="journeys/other-2/trace.zip")
    card = card_of(replace(run(first, journey(journey_id="other")), repeats=(second, third, other)))
    shop = card["journeys"][0]
    assert [(r["repeat"], r["completed"], r["trace"]) for r in shop["repeats"]] == [
        (2, False, "journeys/shop-2/trace.zip"), (3, True, None)]
    (failed,) = shop["repeats"][0]["failed_tasks"]
    assert failed == {"id": "shop/checkout", "name": "Checkout", "error": "Step 2 (click Pay): no visible element "
                      "matches 'Pay'", "location": "j.yaml:5", "screenshot": "screenshots/j/checkout-2-failure.png"}
    assert [r["trace"] for r in card["journeys"][1]["repeats"]] == ["journeys/other-2/trace.zip"]


def test_the_paths_given_to_uxaudit_run_are_kept_for_the_rerun_commands() -> None:
    given = replace(run(), paths=("checkout.yaml", "scenarios/_spa"))
    assert run_from_dict(to_dict(given)).paths == ("checkout.yaml", "scenarios/_spa")  # artifacts.json, read back
    assert card_of(given)["run"]["paths"] == ["checkout.yaml", "scenarios/_spa"]
    assert run_from_dict({k: v for k, v in to_dict(run()).items() if k != "paths"}).paths == ()  # an older run
