"""`uxaudit history` and `uxaudit compare` in the terminal (rich renderables; cli.py prints them)."""

from __future__ import annotations

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from ..score.baseline import StoredDiff
from ..score.history import StoredRun
from ..verdicts import MIN_RUNS, TIME_CHANGE_MS, TIME_CHANGE_RATIO, judged_by
from .audit_names import plain_name
from .problems import stored_problems


def history_table(runs: list[StoredRun], shown: int | None = None) -> RenderableType:
    """The first `shown` of the stored runs (all by default), newest first, each row's score change
    worked out against the older runs too; what each partial run ran is listed under the table (a
    column for it would squeeze the others out of an 80-column CI log)."""
    older = runs
    runs = runs[:shown] if shown is not None else runs
    if not runs:
        return Text("No runs stored yet: `uxaudit run` records each run.")
    table = Table(title="Stored runs (newest first)", title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False,
                  collapse_padding=True)
    # The run id is what `compare` and `--baseline` take: never cut short, whatever the width.
    table.add_column("Run", no_wrap=True, min_width=max(len(run.id) for run in runs))
    table.add_column("Started, UTC", min_width=10)  # wraps before the time when the width is short
    branches = any(run.branch for run in runs)
    if branches:
        table.add_column("Branch", min_width=6, overflow="fold")
    for column in ("Score", "Change"):
        table.add_column(column, justify="right", no_wrap=True)
    table.add_column("Gate", no_wrap=True)
    table.add_column("Tasks", no_wrap=True)
    table.add_column("Problems", justify="right", no_wrap=True)
    for index, run in enumerate(runs):
        # problems as the reports count them (every severity): one however many tasks met it
        problems = len(stored_problems(run.findings, run.findings))
        table.add_row(run.id, run.started_at[:16].replace("T", " "), *([Text(run.branch or "—")] if branches else []),
                      f"{run.score} ({run.grade or '?'})", _change_since(run, older[index + 1:]),
                      Text("passed", style="green") if run.passed else Text("failed", style="red"),
                      f"{run.tasks_completed}/{run.tasks}", str(problems))
    partial = [run for run in runs if run.partial]
    if not partial:
        return table
    notes = [Text("Partial runs ran only part of the journeys: their scores are left out of the score trend, "
                  "of `--baseline latest` and of `compare latest`; compare one by its id.")]
    notes += [Text(f"  {run.id}: {', '.join(run.selection) or 'part of the journeys'}") for run in partial]
    return Group(table, *notes)


def _change_since(run: StoredRun, older: list[StoredRun]) -> Text:
    """The score's move from the previous whole run of the same site; a partial run's score covers
    other ground, so it has none and is marked instead."""
    if run.partial:
        return Text("partial", style="yellow")
    before = next((o for o in older if o.base_url == run.base_url and not o.partial
                   and (o.suite == run.suite or None in (o.suite, run.suite))), None)
    return _change(run.score - before.score) if before else Text("—")


def _change(points: int) -> Text:
    """A score's move from the run before, coloured: red down, green up."""
    return Text(f"{points:+d}", style="red" if points < 0 else "green" if points > 0 else "")


def comparison_view(diff: StoredDiff) -> RenderableType:
    """What changed from one stored run to another: score, tasks, findings, task times."""
    base, new = diff.base, diff.new
    parts: list[RenderableType] = [Text(f"Run {new.id} against run {base.id}: score {base.score} → {new.score} "
                                        f"({diff.score_change:+d})", style="bold")]
    partial = [f"{run.id} is a partial run ({', '.join(run.selection)})" for run in (base, new) if run.partial]
    if partial:
        parts.append(Text("; ".join(partial) + ": tasks and findings are compared over the tasks both runs ran, "
                          "and the scores cover different parts of the site.", style="yellow"))
    if diff.tasks_changed:
        table = Table(title="Tasks that changed", title_justify="left")
        for column in ("Task", "Before", "Now"):
            table.add_column(column)
        for task, before, now in diff.tasks_changed:
            table.add_row(Text(task), before, Text(now, style="red" if now == "failed" else "green"))
        parts.append(table)
    parts += [_findings("New findings", new, diff.new_findings),
              _findings("Fixed findings", base, diff.fixed_findings), _times(diff)]
    return Group(*parts)


def _findings(title: str, run: StoredRun, ids: tuple[str, ...]) -> RenderableType:
    """One row per problem, as the comparison page and the report count them."""
    problems = stored_problems(run.findings, ids)
    if not problems:
        return Text(f"{title}: none")
    table = Table(title=f"{title} ({len(problems)})", title_justify="left")
    for column in ("Severity", "Kind", "Finding", "Tasks"):
        table.add_column(column)
    for problem in problems:
        table.add_row(problem.severity, plain_name(problem.audit), Text(problem.title), str(problem.tasks))
    return table


def _times(diff: StoredDiff) -> RenderableType:
    rows = [t for t in diff.timings if t.change.slower or t.change.faster]
    if not rows:
        return Text(f"Task times: no significant change (Mann–Whitney U when both runs have {MIN_RUNS}+ repeats, "
                    f"else medians moving more than {TIME_CHANGE_RATIO:.0%} and {TIME_CHANGE_MS:g} ms)")
    table = Table(title="Task times that changed (medians)", title_justify="left")
    for column in ("Task", "Before", "Now", "Runs", "How it was judged"):
        table.add_column(column)
    for timing in rows:
        change = timing.change
        how = judged_by(change.method, change.p_value, change.effect)
        table.add_row(Text(timing.task), f"{change.before_ms / 1000:.1f} s",
                      Text(f"{change.now_ms / 1000:.1f} s", style="red" if change.slower else "green"),
                      f"{timing.runs_before} → {timing.runs_now}", how)
    return table
