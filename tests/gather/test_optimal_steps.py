"""A task's shortest path (`optimal_steps:`) reaches its record, run or skipped, for its lostness."""

from __future__ import annotations

from uxaudit.gather.task_runner import TaskProgress, _task_record, skipped_task
from uxaudit.load.scenario import Step, Task

TASK = Task(id="find", name="Find", steps=(Step("goto", "Open /", "", text="/"),), optimal_steps=3)


def test_a_task_that_ran_keeps_its_shortest_path() -> None:
    assert _task_record(TASK, TaskProgress(), []).optimal_steps == 3


def test_a_skipped_task_keeps_its_shortest_path() -> None:
    assert skipped_task(TASK, "an earlier task failed").optimal_steps == 3
