"""Faults of the machine or the browser are one clear line, not an internal error."""

from __future__ import annotations

import errno

import pytest
from playwright.async_api import Error

from uxaudit import cli
from uxaudit.errors import ExitCode
from uxaudit.gather.runner import _journey_error, stopped
from uxaudit.gather.step_failure import BROWSER_GONE, PAGE_CRASHED, describe_playwright_error
from uxaudit.gather.task_runner import step_position
from uxaudit.load.scenario import Journey, Step, Task


def test_a_folder_that_cannot_be_written_is_exit_3_in_one_line(monkeypatch: pytest.MonkeyPatch,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    def read_only(_args: object) -> ExitCode:
        raise OSError(errno.EROFS, "Read-only file system", "reports/ci/report.html")

    monkeypatch.setitem(cli.COMMANDS, "report", read_only)
    assert cli.main(["report", "reports/ci"]) == int(ExitCode.CANNOT_RUN)
    said = capsys.readouterr().err.strip()
    assert said == ("uxaudit: could not write reports/ci/report.html: Read-only file system. Check that the output "
                    "folder is writable and the disk has room; what was written before stays valid.")


def test_a_browser_that_died_says_so_and_names_the_task() -> None:
    tasks = (Task("pay", "Pay", (Step("goto", "Open /", "j.yaml:3", text="/"),)),)
    running = Journey("shop", "Shop", "shop.yaml", "http://shop.test", "desktop", (), tasks)
    said = _journey_error(Error("Target page, context or browser has been closed"), running, 0)
    assert said == "the browser crashed or was closed during the task “Pay”; the journey's later steps were not run"
    assert _journey_error(ValueError("boom"), running, 0) == "uxaudit could not finish this journey: boom"


def test_a_browser_that_died_names_the_step_it_was_on() -> None:
    tasks = (Task("pay", "Pay", (Step("goto", "Open /", "j.yaml:3", text="/"),)),)
    running = Journey("shop", "Shop", "shop.yaml", "http://shop.test", "desktop", (), tasks)
    said = _journey_error(Error("Target page, context or browser has been closed"), running, 0, "at step 1 (Open /)")
    assert said == ("the browser crashed or was closed at step 1 (Open /) of the task “Pay”; "
                    "the journey's later steps were not run")
    assert stopped(PAGE_CRASHED, tasks[0], step_position(3, Step("click", "Click “Pay”", "j.yaml:5"))) == (
        "the page crashed (the browser's renderer process died) at step 3 (Click “Pay”) of the task “Pay”; "
        "the journey's later steps were not run")


def test_a_step_the_browser_died_under_says_which_died() -> None:
    assert describe_playwright_error(Error("Page.click: Target crashed"), 1000) == PAGE_CRASHED
    closed = Error("Page.click: Target page, context or browser has been closed")
    assert describe_playwright_error(closed, 1000) == BROWSER_GONE == "the browser crashed or was closed"
