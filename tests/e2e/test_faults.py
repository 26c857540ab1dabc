"""A browser that dies under a journey says so and names the task and the step it was on."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from tests.e2e.conftest import journey_file
from uxaudit import pipeline
from uxaudit.demo.server import DemoShop
from uxaudit.gather import verbs
from uxaudit.gather.runner import SilentListener
from uxaudit.gather.verbs import StepContext
from uxaudit.load.config import RunConfig
from uxaudit.load.scenario import Step


async def _close_the_browser(ctx: StepContext, _step: Step) -> None:
    await ctx.page.context.close()  # as a browser that died: every later call is refused


def test_a_crash_names_the_task_and_the_step_it_was_on(tmp_path: Path, clean_shop: DemoShop,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    journey_file(tmp_path, "crash.yaml", """
        name: Crash
        tasks:
          - name: Crash the tab
            steps:
              - goto: /lab/blank
              - goto: /crash-here
                timeout: 3000
    """)
    journey_file(tmp_path, "closed.yaml", """
        name: Closed
        tasks:
          - name: Read the page
            steps:
              - goto: /lab/blank
              - scroll: bottom
          - name: After
            steps:
              - goto: /
    """)
    monkeypatch.setitem(verbs.VERBS, "scroll", replace(verbs.VERBS["scroll"], perform=_close_the_browser))
    config = RunConfig(out_dir=tmp_path / "out", base_url=clean_shop.url)
    journeys = pipeline.load([tmp_path], config)
    # Journeys may not open chrome: addresses (validation refuses them); the crash is set after LOAD.
    crash = next(j for j in journeys if j.id == "crash")
    task = crash.tasks[0]
    crashing = replace(task, steps=(task.steps[0], replace(task.steps[1], text="chrome://crash")))
    journeys = [replace(crash, tasks=(crashing,)) if j is crash else j for j in journeys]
    chromium, folder = pipeline.prepare(journeys, config)
    run = pipeline.gather_run(journeys, config, chromium, folder, SilentListener())
    card = pipeline.audit_and_report(run, folder, config).scorecard
    by_id = {journey["id"]: journey for journey in card["journeys"]}

    crashed = by_id["crash"]
    assert crashed["error"] == ("the page crashed (the browser's renderer process died) at step 2 (Open /crash-here) "
                                "of the task “Crash the tab”; the journey's later steps were not run")
    assert crashed["tasks"][0]["error"].startswith("Step 2 (Open /crash-here): the page crashed")

    closed = by_id["closed"]
    assert closed["error"] == ("the browser crashed or was closed at step 2 (Scroll to the bottom) of the task "
                               "“Read the page”; the journey's later steps were not run")
    assert closed["tasks"][0]["error"] == "Step 2 (Scroll to the bottom): the browser crashed or was closed"
    assert closed["tasks"][1]["status"] == "skipped"
