"""`uxaudit history` and `uxaudit compare` in the terminal (rich renderables; cli.py prints them)."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from ..history import StoredRun
from ..regressions import MIN_RUNS, TIME_CHANGE_MS, TIME_CHANGE_RATIO, timing_change


def history_table(runs: list[StoredRun]) -> RenderableType:
    """The stored runs, newest first."""
    if not runs:
        return Text("No runs stored yet: `uxaudit run` records each run.")
    table = Table(title="Stored runs (newest first)", title_justify="left")
    for column in ("Run", "Started", "Branch", "Score", "Gate", "Tasks completed", "Errors+warnings"):
        table.add_column(column, justify="right" if column in ("Score", "Errors+warnings") else "left")
    for run in runs:
        serious = sum(1 for _, severity, _ in run.findings.values() if severity in ("error", "warning"))
        table.add_row(run.id, run.started_at, Text(run.branch or "—"), f"{run.score} ({run.grade or '?'})",
                      Text("passed", style="green") if run.passed else Text("failed", style="red"),
                      f"{run.tasks_completed} of {run.tasks}", str(serious))
    return table


def comparison_view(base: StoredRun, new: StoredRun) -> RenderableType:
    """What changed from `base` to `new`: score, tasks, findings, task times."""
    parts: list[RenderableType] = [Text(f"Run {new.id} against run {base.id}: score {base.score} → {new.score} "
                                        f"({new.score - base.score:+d})", style="bold")]
    changed = [(task, base.task_status.get(task, "—"), status) for task, status in new.task_status.items()
               if base.task_status.get(task) != status]
    if changed:
        table = Table(title="Tasks that changed", title_justify="left")
        for column in ("Task", "Before", "Now"):
            table.add_column(column)
        for task, before, now in changed:
            table.add_row(Text(task), before, Text(now, style="red" if now == "failed" else "green"))
        parts.append(table)
    parts += [_findings("New findings", new, set(new.findings) - set(base.findings)),
              _findings("Fixed findings", base, set(base.findings) - set(new.findings)), _times(base, new)]
    return Group(*parts)


def _findings(title: str, run: StoredRun, ids: set[str]) -> RenderableType:
    serious = sorted(fid for fid in ids if run.findings[fid][1] in ("error", "warning"))
    if not serious:
        return Text(f"{title}: none")
    table = Table(title=f"{title} ({len(serious)})", title_justify="left")
    for column in ("Severity", "Audit", "Finding"):
        table.add_column(column)
    for fid in serious:
        audit, severity, text = run.findings[fid]
        table.add_row(severity, audit, Text(text))
    return table


def _times(base: StoredRun, new: StoredRun) -> RenderableType:
    rows = []
    for task, times in new.task_times.items():
        before = base.task_times.get(task)
        if times and before:
            change = timing_change(before, times)
            if change.slower or change.faster:
                rows.append((task, change, len(before), len(times)))
    if not rows:
        return Text(f"Task times: no significant change (Mann–Whitney U when both runs have {MIN_RUNS}+ repeats, "
                    f"else medians moving more than {TIME_CHANGE_RATIO:.0%} and {TIME_CHANGE_MS:g} ms)")
    table = Table(title="Task times that changed (medians)", title_justify="left")
    for column in ("Task", "Before", "Now", "Runs", "How it was judged"):
        table.add_column(column)
    for task, change, runs_before, runs_now in rows:
        how = (f"Mann–Whitney p={change.p_value:g}, Cliff's delta {change.effect:+.2f}"
               if change.method == "mann-whitney" else f"too few runs ({MIN_RUNS}+ each needed): median threshold")
        table.add_row(Text(task), f"{change.before_ms / 1000:.1f} s",
                      Text(f"{change.now_ms / 1000:.1f} s", style="red" if change.slower else "green"),
                      f"{runs_before} → {runs_now}", how)
    return table
