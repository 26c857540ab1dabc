"""The terminal: live progress while journeys run, and a summary table at the end (rich)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from rich.console import Console, Group, RenderableType
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table
from rich.text import Text

from ..artifacts import JourneyRecord, TaskRecord
from ..scenario import Journey

STATUS_MARKS = {"passed": ("✓", "green"), "failed": ("✗", "red"), "skipped": ("–", "dim")}
RATING_STYLES = {"good": "green", "needs-work": "yellow", "poor": "red"}
SEVERITY_STYLES = {"error": "red", "warning": "yellow", "info": "blue"}


class ProgressListener:
    """Shows journeys as they run; prints one line per finished task."""

    def __init__(self, console: Console, total: int) -> None:
        self.console = console
        self.progress = Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(),
                                 MofNCompleteColumn(), TimeElapsedColumn(), console=console, transient=True)
        self.bar = self.progress.add_task("Running journeys", total=total)

    def __enter__(self) -> ProgressListener:
        self.progress.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.progress.stop()

    def journey_started(self, journey: Journey) -> None:
        """Name the journey being run."""
        self.progress.update(self.bar, description=f"Running {journey.name}")

    def task_finished(self, journey: Journey, record: TaskRecord) -> None:
        """One line per task: mark, names, time, and why it failed."""
        mark, style = STATUS_MARKS.get(record.status, ("?", ""))
        line = Text(f" {mark} ", style=style)
        line.append(f"{journey.name} › {record.name}")
        line.append(f"  {record.duration_ms / 1000:.1f} s", style="dim")
        if record.status == "failed" and record.error:
            line.append(f"\n     {record.error}", style="red")
        self.progress.console.print(line)

    def journey_finished(self, record: JourneyRecord) -> None:
        """Advance the bar."""
        self.progress.advance(self.bar)


def summary(scorecard: Mapping[str, Any], report: Path | None) -> RenderableType:
    """Site score, a table of tasks, the top findings, the gate verdict and where the report is."""
    parts: list[RenderableType] = [_headline(scorecard), _tasks_table(scorecard)]
    if scorecard["findings"]:
        parts.append(_findings_table(scorecard["findings"]))
    parts.append(_gate_line(scorecard["gate"]))
    if report is not None:
        parts.append(Text(f"Report: {report}", style="bold"))
    return Group(*parts)


def _headline(scorecard: Mapping[str, Any]) -> Text:
    style = RATING_STYLES.get(scorecard["rating"], "")
    text = Text("\nUX score ", style="bold")
    text.append(f"{scorecard['score']}/100 ({scorecard['rating'].replace('-', ' ')})", style=f"bold {style}")
    if scorecard["run"].get("interrupted"):
        text.append("  — partial: the run was interrupted", style="yellow")
    return text


def _tasks_table(scorecard: Mapping[str, Any]) -> Table:
    table = Table(title=None, show_lines=False, expand=False)
    for column in ("", "Journey", "Task", "Time", "Score"):
        table.add_column(column, justify="right" if column in ("Time", "Score") else "left")
    for journey in scorecard["journeys"]:
        for task in journey["tasks"]:
            mark, style = STATUS_MARKS.get(task["status"], ("?", ""))
            time = "skipped" if task["status"] == "skipped" else f"{task['duration_ms'] / 1000:.1f} s"
            table.add_row(Text(mark, style=style), journey["name"], task["name"], time, str(task["score"]))
    return table


def _findings_table(findings: list[Mapping[str, Any]], limit: int = 8) -> Table:
    table = Table(title=f"Top findings ({len(findings)} in all)", title_justify="left")
    for column in ("Severity", "Audit", "Finding"):
        table.add_column(column)
    for finding in findings[:limit]:
        severity = finding["severity"]
        table.add_row(Text(severity, style=SEVERITY_STYLES.get(severity, "")), finding["audit"], finding["title"])
    return table


def _gate_line(gate: Mapping[str, Any]) -> Text:
    failed = [c for c in gate["checks"] if not c["passed"] and c["level"] == "error"]
    if not failed:
        return Text("Gate: passed", style="bold green")
    reasons = "; ".join(f"{c['description']}: {c['value']} (needs {c['threshold']})" for c in failed)
    return Text(f"Gate: failed — {reasons}", style="bold red")
