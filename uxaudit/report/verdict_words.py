"""The run's verdict and counts in the report's words: whether the release gate passed and why, and
the task and finding counts (from the scorecard's summary, or counted when an older one has none)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from typing import Any

from .html_filters import status_of

SEVERITIES = ("error", "warning", "info")


def summary_of(sc: Mapping[str, Any]) -> Mapping[str, Any]:
    """The scorecard's summary, or one counted from journeys and findings when it is absent."""
    given = sc.get("summary")
    if isinstance(given, Mapping):
        return given
    statuses = Counter(status_of(t) for j in _list(sc.get("journeys")) for t in _list(j.get("tasks")))
    severities = Counter(f.get("severity") for f in _list(sc.get("findings")))
    return {"journeys": len(_list(sc.get("journeys"))), "tasks": sum(statuses.values()),
            "tasks_completed": statuses["passed"], "tasks_failed": statuses["failed"],
            "tasks_skipped": statuses["skipped"], "findings": {s: severities[s] for s in SEVERITIES}}


def verdict(gate: object, summary: Mapping[str, Any]) -> tuple[bool | None, str]:
    """Whether the release gate passed, and why, in plain sentences."""
    if not isinstance(gate, Mapping) or not isinstance(gate.get("passed"), bool):
        return None, "No release gate was checked in this run."
    unmet = "; ".join(str(c.get("description") or c.get("id")) for c in _list(gate.get("checks"))
                      if not c.get("passed"))
    if gate["passed"]:
        return True, "This run passes the release gate." + (f" Warnings: {unmet}." if unmet else "")
    fails = "This run would fail the release gate"
    incomplete = _incomplete(summary)
    if not incomplete:
        return False, fails + (f": not met: {unmet}." if unmet else ".")
    return False, f"{fails}: {incomplete}." + (f" Not met: {unmet}." if unmet else "")


def _incomplete(summary: Mapping[str, Any]) -> str:
    total, done = summary.get("tasks") or 0, summary.get("tasks_completed") or 0
    if not isinstance(total, int) or not isinstance(done, int) or done >= total:
        return ""
    failed, skipped = summary.get("tasks_failed") or 0, summary.get("tasks_skipped") or 0
    detail = f" ({failed} failed, {skipped} skipped)" if skipped else ""
    return f"{total - done} of {total} task{'' if total == 1 else 's'} could not be completed{detail}"


def _list(value: object) -> list[Mapping[str, Any]]:
    """The mappings in a list field; anything else (absent, null, malformed) is an empty list."""
    return [item for item in value if isinstance(item, Mapping)] if isinstance(value, list) else []


def partial_run(sc: Mapping[str, Any]) -> tuple[str, str] | None:
    """A run of part of the journeys (`--journey`, `--last-failed`…): the flags that chose it and how
    much ran (`("--last-failed", "2 of 3 journeys")`); None for a whole run. scorecard.json's
    `run.selection` lists the flags as typed, then the count."""
    run = sc.get("run")
    if not isinstance(run, Mapping) or not run.get("partial"):
        return None
    words = [str(w) for w in run.get("selection") or () if w] if isinstance(run.get("selection"), list) else []
    counted = words[-1] if words and " of " in words[-1] else ""
    flags = words[:-1] if counted else words
    return " ".join(flags), counted


PARTIAL_RUN_WHY = ("its score is not the whole site's, so it is kept out of the score trend and of "
                   "`--baseline latest`")
