"""What each failure of a run says, for a developer to act on it: where in the journey file it failed
(file:line), the picture of the page, the journey's recording (trace, video) and the command that runs
the journey again. The terminal, junit.xml, summary.md and report.html all say it from here, so they
say the same thing."""

from __future__ import annotations

import shlex
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# The trace viewer as a web page: it reads the file in the browser, the trace is never uploaded.
TRACE_VIEWER_URL = "https://trace.playwright.dev"
PLAYWRIGHT = "playwright"  # the Python playwright package installs this command (beside uxaudit)


@dataclass(frozen=True)
class Failure:
    """One failed task (or a journey that could not run its tasks), with what to open and run next."""

    journey: str  # the journey's name
    journey_id: str | None
    task: str  # the task's name; "" when the journey itself failed (its setup, or a crash)
    task_id: str | None
    reason: str
    where: str | None  # file:line of the failed step; the journey file when no line is known
    screenshot: str | None  # run-folder relative, like the scorecard's paths
    trace: str | None
    video: str | None
    rerun: str  # the command that runs this journey again
    run: int | None = None  # with --runs N: the repeat it failed in, when the first run passed (flaky)

    @property
    def label(self) -> str:
        """`Journey › Task`, or the journey's name alone when the journey itself failed."""
        return f"{self.journey} › {self.task}" if self.task else self.journey


def failures(scorecard: Mapping[str, Any]) -> list[Failure]:
    """Every failed task of the first run, in journey order; a journey whose setup failed or that
    crashed before any task failed is one failure of its own. Then the tasks that failed only in a
    repeat (`--runs N`), each once, with the first repeat it failed in."""
    found: list[Failure] = []
    for journey in _list(scorecard.get("journeys")):
        failed = [_task_failure(scorecard, journey, t) for t in _list(journey.get("tasks"))
                  if t.get("status") == "failed"]
        if not failed and journey.get("error"):
            failed = [_journey_failure(scorecard, journey)]
        found += failed + _flaky_failures(scorecard, journey)
    return found


def _task_failure(scorecard: Mapping[str, Any], journey: Mapping[str, Any], task: Mapping[str, Any]) -> Failure:
    step = _failed_step(_list(task.get("steps")))
    return Failure(journey=_name(journey), journey_id=journey.get("id"),
                   task=str(task.get("name") or task.get("id") or ""), task_id=task.get("id"),
                   reason=str(task.get("error") or "the task failed"),
                   where=(step or {}).get("location") or _unmet_criterion(task) or journey.get("file"),
                   screenshot=(step or {}).get("screenshot") or task.get("failure_screenshot"),
                   trace=journey.get("trace"), video=journey.get("video"), rerun=rerun_command(scorecard, journey))


def _journey_failure(scorecard: Mapping[str, Any], journey: Mapping[str, Any]) -> Failure:
    """A journey that could not run its tasks: its failed setup step, when that was the reason."""
    step = _failed_step(_list(journey.get("setup")))
    return Failure(journey=_name(journey), journey_id=journey.get("id"), task="", task_id=None,
                   reason=str(journey.get("error")), where=(step or {}).get("location") or journey.get("file"),
                   screenshot=(step or {}).get("screenshot"),
                   trace=journey.get("trace"), video=journey.get("video"), rerun=rerun_command(scorecard, journey))


def _flaky_failures(scorecard: Mapping[str, Any], journey: Mapping[str, Any]) -> list[Failure]:
    """Tasks that passed in the first run but failed in a repeat: the first repeat they failed in."""
    passed = {t.get("id") for t in _list(journey.get("tasks")) if t.get("status") == "passed"}
    found: dict[str, Failure] = {}
    for repeat in _list(journey.get("repeats")):
        for task in _list(repeat.get("failed_tasks")):
            if task.get("id") in passed and task.get("id") not in found:
                found[str(task.get("id"))] = Failure(
                    journey=_name(journey), journey_id=journey.get("id"), task=str(task.get("name") or task.get("id")),
                    task_id=task.get("id"), reason=str(task.get("error") or "the task failed"),
                    where=task.get("location") or journey.get("file"), screenshot=task.get("screenshot"),
                    trace=repeat.get("trace"), video=repeat.get("video"), rerun=rerun_command(scorecard, journey),
                    run=repeat.get("repeat"))
    return list(found.values())


def journey_warnings(scorecard: Mapping[str, Any]) -> list[tuple[str, str]]:
    """(journey name, warning) for what went wrong beside the tasks, such as a failed teardown step."""
    return [(_name(journey), str(text)) for journey in _list(scorecard.get("journeys"))
            for text in journey.get("warnings") or () if text]


def rerun_command(scorecard: Mapping[str, Any], journey: Mapping[str, Any]) -> str:
    """`uxaudit run PATHS --journey ID --base-url URL`: this journey again, as a partial run of the same
    journeys (kept out of the score trend and `--baseline latest`), against the site it ran against. The
    base URL is always given: the scorecard cannot tell whether it came from the file, uxaudit.yaml or
    --base-url, and giving the same one again is harmless."""
    paths = _run_paths(scorecard) or [str(journey.get("file") or "")]
    words = ["uxaudit", "run", *paths, "--journey", glob_escaped(str(journey.get("id") or journey.get("name") or ""))]
    return " ".join(shlex.quote(w) for w in words) + _base_url_words(journey.get("base_url")
                                                                         or _run(scorecard).get("base_url"))


def last_failed_command(scorecard: Mapping[str, Any]) -> str | None:
    """`uxaudit run PATHS --last-failed`: every journey that failed, again (None when none failed)."""
    paths = _run_paths(scorecard) or list(dict.fromkeys(str(j.get("file")) for j in _list(scorecard.get("journeys"))
                                                        if j.get("file")))
    if not paths or not failures(scorecard):
        return None
    return " ".join(shlex.quote(p) for p in ["uxaudit", "run", *paths, "--last-failed"]) + _base_url_words(
        _run(scorecard).get("base_url"))


def glob_escaped(name: str) -> str:
    """`name` as a --journey pattern that matches only itself: `*`, `?` and `[` each in brackets."""
    return "".join(f"[{c}]" if c in "*?[" else c for c in name)


def _run_paths(scorecard: Mapping[str, Any]) -> list[str]:
    """The PATHS the run was given, which find the same journeys again from where it ran (a folder
    shared by the journey files can hold other YAML, such as uxaudit.yaml, or leave some out, such as
    `_` folders). Empty for runs from before scorecard 1.6: then the journey files are named."""
    paths = _run(scorecard).get("paths")
    return [str(p) for p in paths if p] if isinstance(paths, list) else []


def show_trace_command(path: str, program: str = PLAYWRIGHT) -> str:
    """The command that opens a trace in Playwright's trace viewer. `--port 0` serves the viewer and
    opens it in the default browser (or prints its address where there is no screen): without it
    the viewer needs Playwright's own Chromium, which a machine with only a system Chromium lacks
    ("No chromium-based browser found")."""
    return f"{program} show-trace --port 0 {shlex.quote(path)}"


def in_folder(folder: Path | str | None, relative: str) -> str:
    """A run-folder relative path as the user reaches it from where uxaudit ran: under the run folder,
    relative to the current folder when the run folder is inside it."""
    if folder is None:
        return relative
    path = Path(folder) / relative
    if path.is_absolute():
        try:
            path = path.relative_to(Path.cwd())
        except ValueError:
            pass
    return path.as_posix()


def _base_url_words(url: object) -> str:
    return f" --base-url {shlex.quote(url)}" if isinstance(url, str) and url else ""


def _failed_step(steps: Sequence[Mapping[str, Any]]) -> Mapping[str, Any] | None:
    """The step that failed a task (the last failed one: an optional step's failure is not it)."""
    return next((s for s in reversed(steps) if s.get("status") == "failed"), None)


def _unmet_criterion(task: Mapping[str, Any]) -> str | None:
    """file:line of the first success criterion that did not hold (runs before criteria had lines: None)."""
    return next((c.get("location") for c in _list(task.get("criteria")) if not c.get("ok")), None) or None


def _name(journey: Mapping[str, Any]) -> str:
    return str(journey.get("name") or journey.get("id") or "")


def _run(scorecard: Mapping[str, Any]) -> Mapping[str, Any]:
    run = scorecard.get("run")
    return run if isinstance(run, Mapping) else {}


def _list(value: object) -> list[Mapping[str, Any]]:
    """The mappings in a list field; anything else (absent, null, malformed) is an empty list."""
    return [item for item in value if isinstance(item, Mapping)] if isinstance(value, list) else []
