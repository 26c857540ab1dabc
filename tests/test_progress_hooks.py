"""The terminal while journeys run: a failed setup and a failed teardown each get a line."""

from __future__ import annotations

import io

from rich.console import Console

from uxaudit.artifacts import JourneyRecord, StepRecord, TaskRecord
from uxaudit.load.scenario import Journey
from uxaudit.progress import ProgressListener


def test_a_failed_setup_and_a_teardown_warning_are_shown() -> None:
    console = Console(file=io.StringIO(), width=200)
    lines: list[str] = []
    listener = ProgressListener(console, 1, lambda line: lines.append(str(line)))
    record = JourneyRecord(id="j", name="Lists", file="j.yaml", device="desktop", base_url="http://x.test",
                           error="the journey's setup failed at step 1 (Open /lists): the page did not answer",
                           setup=(StepRecord(1, "goto", "Open /lists", "failed"),),
                           warnings=("the journey's teardown failed at step 1 (Click “Delete”): gone",))
    listener.journey_finished(record)
    assert lines == [" ✗ Lists: the journey's setup failed at step 1 (Open /lists): the page did not answer",
                     " ! Lists: the journey's teardown failed at step 1 (Click “Delete”): gone"]
    lines.clear()
    listener.journey_finished(JourneyRecord(id="j", name="Lists", file="j.yaml", device="desktop",
                                            base_url="http://x.test", error="the page crashed"))
    assert lines == []  # a crash is told where its task failed


def test_a_repeats_lines_say_which_run_they_are() -> None:
    console = Console(file=io.StringIO(), width=200)
    lines: list[str] = []
    listener = ProgressListener(console, 2, lambda line: lines.append(str(line)))
    shop = Journey(id="shop", name="Shop", file="shop.yaml", base_url="http://x.test", device="desktop",
                   tags=(), tasks=())
    done = TaskRecord(id="buy", name="Buy", status="passed", duration_ms=1200)
    listener.task_finished(shop, done)
    listener.task_finished(shop, done, 2)
    listener.journey_finished(JourneyRecord(id="shop", name="Shop", file="shop.yaml", device="desktop",
                                            base_url="http://x.test", repeat=3, warnings=("the teardown failed",)))
    assert lines == [" ✓ Shop › Buy  1.2 s", " ✓ Shop › Buy (run 2)  1.2 s", " ! Shop (run 3): the teardown failed"]
