"""Live progress in the terminal while journeys run: a bar, and one line per finished task.

The CLI owns the terminal: it hands over the console the bar is drawn on and the function that
shows a line; this module only decides what they say."""

from __future__ import annotations

from collections.abc import Callable

from rich.console import Console, RenderableType
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.text import Text

from .artifacts import JourneyRecord, TaskRecord
from .load.scenario import Journey
from .report.terminal import STATUS_MARKS


class ProgressListener:
    """Shows journeys as they run, and a line per finished task through `show_line`."""

    def __init__(self, console: Console, total: int, show_line: Callable[[RenderableType], None]) -> None:
        self.show_line = show_line
        self.progress = Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(),
                                 MofNCompleteColumn(), TimeElapsedColumn(), console=console, transient=True)
        self.bar = self.progress.add_task("Running journeys", total=total)

    def __enter__(self) -> ProgressListener:
        self.progress.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.progress.stop()

    def journey_started(self, journey: Journey) -> None:
        """Name the journey being run, and its file (journeys may come from several folders)."""
        self.progress.update(self.bar, description=f"Running {escape(journey.name)} [dim]{escape(journey.file)}[/dim]")

    def task_finished(self, journey: Journey, record: TaskRecord, repeat: int = 1) -> None:
        """One line per task: mark, names (and which run, with --runs N), time, and why it failed."""
        mark, style = STATUS_MARKS.get(record.status, ("?", ""))
        line = Text(f" {mark} ", style=style)  # Text, not markup: names may come from anywhere
        line.append(f"{journey.name} › {record.name}{_which_run(repeat)}")
        line.append(f"  {record.duration_ms / 1000:.1f} s", style="dim")
        if record.status == "failed" and record.error:
            line.append(f"\n     {_failed_at(journey, record)}: ", style="bold red")
            line.append(record.error, style="red")
        self.show_line(line)

    def journey_finished(self, record: JourneyRecord) -> None:
        """A line when its setup failed (its tasks were skipped, so they showed none) and one per
        warning (a teardown that failed); then advance the bar."""
        name = f"{record.name}{_which_run(record.repeat)}"
        if record.error and any(step.status == "failed" for step in record.setup):
            self.show_line(Text(f" ✗ {name}: {record.error}", style="red"))
        for warning in record.warnings:
            self.show_line(Text(f" ! {name}: {warning}", style="yellow"))
        self.progress.advance(self.bar)


def _which_run(repeat: int) -> str:
    """` (run 2)` for a journey's later runs (--runs N), so that the repeats' lines tell apart."""
    return f" (run {repeat})" if repeat > 1 else ""


def _failed_at(journey: Journey, record: TaskRecord) -> str:
    """file:line of the step that failed the task, else of its first unmet success criterion."""
    step = next((s.location for s in reversed(record.steps) if s.status == "failed" and s.location), None)
    return step or next((c.location for c in record.criteria if not c.ok and c.location), journey.file)
