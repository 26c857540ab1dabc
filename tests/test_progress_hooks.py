"""The terminal while journeys run: a failed setup and a failed teardown each get a line."""

from __future__ import annotations

import io

from rich.console import Console

from uxaudit.artifacts import JourneyRecord, StepRecord
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
