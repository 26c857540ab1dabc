"""The runner in real Chromium against the demo shop's lab pages: steps, visits, failures, secrets."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.conftest import journey_file, run_pipeline
from uxaudit import pipeline
from uxaudit.demo.server import DemoShop
from uxaudit.gather.runner import SilentListener
from uxaudit.load.config import RunConfig


def journey_of(card: dict[str, Any], journey_id: str) -> dict[str, Any]:
    return next(j for j in card["journeys"] if j["id"] == journey_id)


def task_of(card: dict[str, Any], journey_id: str = "visits", task: int = 0) -> dict[str, Any]:
    return journey_of(card, journey_id)["tasks"][task]


def findings(card: dict[str, Any], audit: str) -> list[dict[str, Any]]:
    return [f for f in card["findings"] if f["audit"] == audit]


@pytest.fixture(scope="module")
def lab_run(tmp_path_factory: pytest.TempPathFactory, clean_shop: DemoShop) -> tuple[dict[str, Any], Path]:
    """One run of several small journeys, two at a time, to check what gets recorded."""
    folder = tmp_path_factory.mktemp("journeys")
    journey_file(folder, "visits.yaml", """
        name: Visits
        tasks:
          - name: Redirects and errors
            steps:
              - goto: /lab/redirect/3
              - goto: /lab/console-error
              - goto: /lab/status/500
              - goto: /lab/loop
                optional: true
          - name: Slow page
            max_duration_ms: 500
            steps:
              - goto: /lab/slow-load/900
    """)
    journey_file(folder, "failures.yaml", """
        name: Failures
        tasks:
          - name: Ambiguous
            steps:
              - goto: /lab/form
              - click: Duplicate
          - name: Never reached
            steps:
              - goto: /lab/blank
    """)
    journey_file(folder, "secrets.yaml", """
        name: Secrets
        device: mobile
        variables: {SHOP_PASSWORD: s3cret-Value-42}
        steps:
          - goto: /lab/password
          - fill: {target: Password, value: "${SHOP_PASSWORD}"}
          - click: {css: "#nope"}
            timeout: 700
    """)
    out = tmp_path_factory.mktemp("out")
    card = run_pipeline([folder], out, base_url=clean_shop.url, workers=2)
    return card, out


def test_redirect_hops_are_recorded_with_statuses(lab_run: tuple[dict[str, Any], Path]) -> None:
    card, _ = lab_run
    page = task_of(card)["pages"][0]
    assert [h["status"] for h in page["redirects"]] == [302, 302, 302]
    assert page["final_url"].endswith("/lab/redirect/0")
    (chain,) = findings(card, "redirect-chain")
    assert chain["value"] == 3 and len(chain["evidence"]) == 4


def test_a_redirect_loop_is_a_finding_and_an_optional_step_failure(lab_run: tuple[dict[str, Any], Path]) -> None:
    card, _ = lab_run
    loop_step = task_of(card)["steps"][3]
    assert loop_step["status"] == "optional-failed"
    assert "more than 20 times (the browser gives up)" in loop_step["error"]
    assert task_of(card)["completed"] is True
    (loop,) = findings(card, "redirect-loop")
    assert loop["evidence"][0]["url"].endswith("/lab/loop")


def test_a_long_redirect_chain_that_ends_is_a_chain_not_a_loop(tmp_path: Path, clean_shop: DemoShop) -> None:
    journey_file(tmp_path, "long.yaml", """
        name: Long chain
        steps:
          - goto: /lab/redirect/30
    """)
    card = run_pipeline([tmp_path], tmp_path / "out", base_url=clean_shop.url)
    step = card["journeys"][0]["tasks"][0]["steps"][0]
    assert step["status"] == "failed" and "more than 20 times (the browser gives up)" in step["error"]
    assert findings(card, "redirect-loop") == [] and findings(card, "http-error") == []
    (chain,) = findings(card, "redirect-chain")
    assert "more than 20 redirects (the browser gives up)" in chain["title"] and "loop" not in chain["title"]


def test_console_errors_and_http_errors_are_found(lab_run: tuple[dict[str, Any], Path]) -> None:
    card, _ = lab_run
    (console,) = findings(card, "console-error")
    kinds = {row["kind"] for row in console["evidence"]}
    assert kinds == {"console error", "uncaught exception"} and console["url"].endswith("/lab/console-error")
    (http,) = findings(card, "http-error")
    assert http["value"] == 500 and http["url"].endswith("/lab/status/500")


def test_page_timings_are_measured(lab_run: tuple[dict[str, Any], Path]) -> None:
    card, _ = lab_run
    slow = task_of(card, "visits", 1)
    page = slow["pages"][0]
    assert page["load_ms"] >= 900 and page["ttfb_ms"] < page["dom_content_loaded_ms"] <= page["load_ms"]
    assert page["fcp_ms"] is not None and page["lcp_ms"] is not None and page["cls"] is not None


def test_a_task_over_its_time_limit_fails(lab_run: tuple[dict[str, Any], Path]) -> None:
    card, _ = lab_run
    slow = task_of(card, "visits", 1)
    assert slow["status"] == "failed" and "over the task's limit of 0.5 s" in slow["error"]
    assert findings(card, "task-time")[0]["task"] == "visits/slow-page"


def test_ambiguous_target_fails_with_a_count_and_skips_the_rest(lab_run: tuple[dict[str, Any], Path]) -> None:
    card, _ = lab_run
    ambiguous, skipped = journey_of(card, "failures")["tasks"]
    step = ambiguous["steps"][1]
    assert step["status"] == "failed"
    assert step["error"].startswith("2 visible elements match a button, link or other control named 'Duplicate'")
    assert "nth:" in step["error"]
    assert skipped["status"] == "skipped" and "Ambiguous" in skipped["error"]
    assert step["screenshot"].endswith("-failure.png")


def test_a_missing_element_times_out_with_a_plain_reason(lab_run: tuple[dict[str, Any], Path]) -> None:
    card, _ = lab_run
    secrets = journey_of(card, "secrets")
    step = secrets["tasks"][0]["steps"][2]
    assert step["error"] == "no visible element matches #nope (CSS)"
    assert 600 <= step["duration_ms"] < 3000


def test_secrets_never_reach_any_file(lab_run: tuple[dict[str, Any], Path]) -> None:
    _, out = lab_run
    written = [p for p in out.rglob("*") if p.is_file() and p.suffix in (".json", ".html")]
    assert written
    for path in written:
        assert "s3cret-Value-42" not in path.read_text(encoding="utf-8"), path


def test_a_mobile_journey_runs_in_a_phone_sized_viewport(lab_run: tuple[dict[str, Any], Path]) -> None:
    card, out = lab_run
    secrets = journey_of(card, "secrets")
    assert secrets["device"] == "mobile"
    thumbnail = out / secrets["tasks"][0]["steps"][0]["screenshot"]
    assert _jpeg_width(thumbnail.read_bytes()) == 412


def test_journeys_are_written_as_they_finish(lab_run: tuple[dict[str, Any], Path]) -> None:
    _, out = lab_run
    names = sorted(p.name for p in (out / "journeys").glob("*.json"))
    assert names == ["failures.json", "secrets.json", "visits.json"]
    assert json.loads((out / "journeys" / "visits.json").read_text())["tasks"][0]["id"] == "redirects-and-errors"


def test_a_renderer_crash_fails_that_journey_only(tmp_path: Path, clean_shop: DemoShop) -> None:
    journey_file(tmp_path, "crash.yaml", """
        name: Crash
        tasks:
          - name: Crash the tab
            steps:
              - goto: /crash-here
                timeout: 3000
          - name: After
            steps:
              - goto: /
    """)
    journey_file(tmp_path, "fine.yaml", "name: Fine\nsteps:\n  - goto: /lab/blank\n")
    config = RunConfig(out_dir=tmp_path / "out", base_url=clean_shop.url)
    journeys = pipeline.load([tmp_path], config)
    # Journeys may not open chrome: addresses (validation refuses them); the crash is set after LOAD.
    first = journeys[0].tasks[0]
    crashing = replace(first, steps=(replace(first.steps[0], text="chrome://crash"),))
    journeys[0] = replace(journeys[0], tasks=(crashing, *journeys[0].tasks[1:]))
    chromium, folder = pipeline.prepare(journeys, config)
    run = pipeline.gather_run(journeys, config, chromium, folder, SilentListener())
    card = pipeline.audit_and_report(run, folder, config).scorecard
    crash, fine = card["journeys"]
    assert crash["tasks"][0]["status"] == "failed" and crash["tasks"][1]["status"] == "skipped"
    assert fine["completed"] is True


def _jpeg_width(data: bytes) -> int:
    """Width from a JPEG's start-of-frame marker."""
    index = 2
    while index < len(data):
        marker, length = data[index + 1], int.from_bytes(data[index + 2:index + 4], "big")
        if marker in (0xC0, 0xC1, 0xC2):
            return int.from_bytes(data[index + 7:index + 9], "big")
        index += 2 + length
    raise ValueError("no frame header")


def test_a_3xx_page_without_location_is_a_page_and_later_steps_are_unaffected(tmp_path: Path,
                                                                               clean_shop: DemoShop) -> None:
    journey_file(tmp_path, "s300.yaml", """
        name: Multiple choices
        timeout: 5000
        steps:
          - goto: /lab/status/300
          - goto: /lab/blank
        success:
          - visible: Hello lab
    """)
    card = run_pipeline([tmp_path], tmp_path / "out", base_url=clean_shop.url)
    task = card["journeys"][0]["tasks"][0]
    assert task["completed"] is True
    assert [p["status"] for p in task["pages"]] == [300, 200]
    assert task["steps"][1]["duration_ms"] < 4000


def test_a_frozen_page_fails_its_step_instead_of_hanging_the_run(tmp_path: Path, clean_shop: DemoShop) -> None:
    journey_file(tmp_path, "busy.yaml", """
        name: Busy
        timeout: 2000
        tasks:
          - name: Wait on a frozen page
            steps:
              - goto: /lab/busy/60000
              - wait: 800
              - expect: {text: never shown}
          - name: Later
            steps:
              - goto: /lab/blank
    """)
    card = run_pipeline([tmp_path], tmp_path / "out", base_url=clean_shop.url)
    first, later = card["journeys"][0]["tasks"]
    assert first["status"] == "failed" and "never shown" in first["error"]
    assert later["status"] == "skipped"
    assert card["run"]["duration_ms"] < 60_000


def test_a_click_into_a_redirect_loop_fails_like_a_goto_would(tmp_path: Path, defective_shop: DemoShop) -> None:
    journey_file(tmp_path, "loop.yaml", """
        name: Account
        steps:
          - goto: /
          - click: My account
    """)
    card = run_pipeline([tmp_path], tmp_path / "out", base_url=defective_shop.url)
    step = card["journeys"][0]["tasks"][0]["steps"][1]
    assert step["status"] == "failed"
    assert step["error"] == "the page redirects more than 20 times (the browser gives up) and never loads"
    assert [f["audit"] for f in card["findings"] if f["audit"] == "redirect-loop"] == ["redirect-loop"]
    # Chromium's own error page is shown then: its faults (it blocks zooming) are not the site's.
    assert [f["title"] for f in card["findings"] if f["audit"] == "accessibility"] == []


def test_clicks_record_their_effect_element_and_interaction_time(tmp_path: Path, clean_shop: DemoShop) -> None:
    journey_file(tmp_path, "clicks.yaml", """
        name: Clicks
        steps:
          - goto: /lab/blank
          - click: Does nothing
          - click: Show message
          - goto: /lab/slow-button/2500
          - click: Load more
          - expect: {visible: Loaded}
    """)
    card = run_pipeline([tmp_path], tmp_path / "out", base_url=clean_shop.url)
    steps = card["journeys"][0]["tasks"][0]["steps"]
    dead = [f for f in card["findings"] if f["audit"] == "dead-click"]
    assert [f["title"] for f in dead] == ["Clicking “Does nothing” does nothing"]
    (slow,) = [f for f in card["findings"] if f["audit"] == "slow-interaction"]
    assert slow["step"].endswith("/5") and 2400 <= slow["value"] < 6000 and slow["severity"] == "warning"
    assert steps[4]["duration_ms"] < 2400  # the step itself does not wait for the slow answer
    # ...but the visitor does: the `expect` after it counts the whole wait, not only what was left of
    # it after uxaudit's own untimed work (screenshot, axe, watching the click's effect).
    assert steps[4]["duration_ms"] + steps[5]["duration_ms"] >= 2400
    step_total = sum(s["duration_ms"] for s in steps)  # each rounded to the millisecond
    assert step_total >= 2400 and card["journeys"][0]["tasks"][0]["duration_ms"] >= step_total - len(steps)


def test_a_link_that_bounces_home_is_a_misdirect(tmp_path: Path, defective_shop: DemoShop) -> None:
    journey_file(tmp_path, "start.yaml", "name: Start\nsteps:\n  - goto: /\n  - click: Get started\n")
    card = run_pipeline([tmp_path], tmp_path / "out", base_url=defective_shop.url)
    (finding,) = [f for f in card["findings"] if f["audit"] == "misdirect"]
    assert finding["title"] == "“Get started” leads back to the home page instead of /get-started"
    assert finding["evidence"][0]["redirects"].startswith("/get-started (302) → /start (302)")
