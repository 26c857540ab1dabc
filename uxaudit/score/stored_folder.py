"""A run read back from its folder as the history would hold it, so that `uxaudit compare` works on
two run folders (or their scorecard.json files) with no history at all, or on a folder and a stored run.

scorecard.json says everything but each repeat's time with `--runs N` (it keeps their median, min
and max); artifacts.json beside it has those, so it is read when it is there.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..errors import InputError, UsageError
from ..run_folder import read_artifacts
from .history import StoredRun, find_run
from .run_stats import task_runs

SCORECARD_FILE = "scorecard.json"


def named_run(name: str, history: Path, before: str | None = None) -> StoredRun:
    """The run a command line names: a run folder or its scorecard.json, else a stored run (an id,
    `latest` or `latest-on-branch`, newest before `before`)."""
    if (folder_or_file := Path(name)).exists():
        return read_stored(folder_or_file)
    if "/" in name or "\\" in name or name.endswith(".json"):
        raise UsageError(f"{name}: no such run folder or scorecard.json; give a run folder (reports/<run-id>), "
                         "its scorecard.json, a stored run id or latest")
    return find_run(history, name, before=before)


def run_folder(name: str) -> Path | None:
    """The folder of a run named by its path (None for a stored run's id)."""
    path = Path(name)
    if not path.exists():
        return None
    return path if path.is_dir() else path.parent


def read_stored(path: Path) -> StoredRun:
    """A run from its folder or scorecard.json; UsageError (one line) when it is not one."""
    file = path / SCORECARD_FILE if path.is_dir() else path
    try:
        card = json.loads(file.read_text(encoding="utf-8"))
        return _stored(card, _repeat_times(file.parent) or _scorecard_times(card))
    except FileNotFoundError:
        raise UsageError(f"{path}: no {SCORECARD_FILE} here; give a run folder (reports/<run-id>) or its "
                         f"{SCORECARD_FILE}") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, KeyError, TypeError, ValueError,
            AttributeError) as exc:
        raise UsageError(f"{file}: not a uxaudit {SCORECARD_FILE} ({type(exc).__name__}: {exc})") from None


def _stored(card: dict[str, Any], times: dict[str, list[float]]) -> StoredRun:
    run, summary = card["run"], card["summary"]
    return StoredRun(
        id=run["id"], started_at=run["started_at"], base_url=run.get("base_url"), branch=None,
        score=card["score"], grade=card.get("grade"), passed=bool(card["gate"]["passed"]),
        tasks=summary["tasks"], tasks_completed=summary["tasks_completed"],
        findings={f["id"]: (f["audit"], f["severity"], f["title"]) for f in card["findings"]},
        task_status={t["id"]: t["status"] for j in card["journeys"] for t in j["tasks"]},
        task_times=times, partial=bool(run.get("partial")), selection=tuple(run.get("selection") or ()))


def _repeat_times(folder: Path) -> dict[str, list[float]] | None:
    """Every run's time of each task it completed, from artifacts.json (as the history stores them);
    None when the folder has no readable artifacts.json."""
    try:
        artifacts = read_artifacts(folder)
    except InputError:
        return None
    return {path: list(runs.durations_ms) for path, runs in task_runs(artifacts).items()}


def _scorecard_times(card: dict[str, Any]) -> dict[str, list[float]]:
    """Each completed task's time from the scorecard alone: with `--runs N` only the median is
    there, so the comparison judges by the medians rather than by the test over every run."""
    times = {}
    for journey in card["journeys"]:
        for task in journey["tasks"]:
            median = ((task.get("runs") or {}).get("duration_ms") or {}).get("median")
            if task["status"] == "passed" or median is not None:
                times[task["id"]] = [float(median if median is not None else task["duration_ms"])]
    return times
