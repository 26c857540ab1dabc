"""The terminal summary at the end of a run: score and category scores, tasks, what failed and how to
look into it (report/failures.py), what to fix first (the report's ranked root causes, with the worst
speed and effort problems), gate (rich renderables). Problems are counted as the report counts them
(report/problems.py).

Every cell is a Text, never markup: names and titles come from audited pages."""

from __future__ import annotations

import os
import shlex
import shutil
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from ..verdicts import rating
from .audit_names import plain_name
from .failures import (
    PLAYWRIGHT,
    TRACE_VIEWER_URL,
    Failure,
    failures,
    in_folder,
    journey_warnings,
    last_failed_command,
    show_trace_command,
)
from .html_filters import duration, plural
from .lab_gap import lab_and_journey
from .priorities import Cause, impact_words, page_of, rank_causes, task_labels, worst_effort, worst_speed
from .problems import group_problems
from .verdict_words import PARTIAL_RUN_WHY, partial_run

STATUS_MARKS = {"passed": ("✓", "green"), "failed": ("✗", "red"), "skipped": ("–", "dim")}  # also progress.py
RATING_STYLES = {"good": "green", "needs-work": "yellow", "poor": "red"}
LIGHTHOUSE_LABELS = (("performance", "performance"), ("accessibility", "accessibility"),
                     ("best-practices", "best practices"), ("seo", "SEO"))
SEVERITY_STYLES = {"error": "red", "warning": "yellow", "info": "blue"}
FIX_FIRST = 5
UXAUDIT = "uxaudit"  # the command report/failures.py's rerun lines start with
REASON_CHARS = 300  # a failure's reason in the terminal; the report has all of it


def summary(scorecard: Mapping[str, Any], report: Path | None, playwright: str | None = None,
            uxaudit: str | None = None, screen: bool | None = None) -> RenderableType:
    """Site score, a table of tasks, what failed, the top findings, the gate verdict and where the
    report is. The paths and commands it shows are never wrapped (on a console that crops long
    lines, print it with crop=False), so they copy whole. `playwright` and `uxaudit`: the commands
    that open traces and rerun journeys, `screen`: whether --debug can open a window (all found on
    this machine by default: the terminal is printed where the run ran)."""
    folder = report.parent if report is not None else None
    commands = Commands(playwright or program_command(PLAYWRIGHT), uxaudit or program_command(UXAUDIT),
                        has_screen() if screen is None else screen)
    parts: list[RenderableType] = [_headline(scorecard), _tasks_table(scorecard),
                                   *_failed_block(scorecard, folder, commands)]
    if scorecard["findings"]:
        parts += _fix_first(scorecard)
    if scorecard.get("baseline"):
        base = scorecard["baseline"]
        new = sum(1 for f in scorecard["findings"] if f.get("change") == "new")
        slower = [t["task"] for t in base.get("timings") or () if t["change"] == "slower"]
        # Null when either run is partial: the two scores cover different tasks.
        score = "not compared (a partial run)" if base.get("score_change") is None else f"{base['score_change']:+d}"
        parts.append(Text(f"Since run {base['run']}: score {score}, {new} new finding(s), "
                          f"{len(base['fixed'])} fixed, {base['still']} still there"
                          + (f", slower: {', '.join(slower)}" if slower else "")))
    if scorecard.get("links"):
        parts.append(_links_line(scorecard["links"]))
    tasks = {str(t.get("id")): t for j in scorecard["journeys"] for t in j["tasks"]}
    parts.extend(_lighthouse_line(result, tasks) for result in scorecard.get("lighthouse") or ())
    parts.extend(_note_line(note) for note in scorecard.get("notes") or ())
    parts.append(_gate_line(scorecard))
    if report is not None:
        parts.append(Text(f"Report: {report}", style="bold"))
    return Group(*parts)


@dataclass(frozen=True)
class Commands:
    """How this machine runs what the terminal prints: the programs as they can be typed, and whether
    a window can open (--debug refuses to run without a screen, so it is offered only with one)."""

    playwright: str
    uxaudit: str
    screen: bool

    def rerun(self, command: str) -> str:
        """A `uxaudit run …` command from report/failures.py, with the uxaudit this machine can run."""
        bare = f"{UXAUDIT} "
        return self.uxaudit + command[len(UXAUDIT):] if command.startswith(bare) else command


def program_command(name: str) -> str:
    """`name` when it is on the PATH, else the one installed beside this Python (a virtual
    environment that is not activated: `.venv/bin/playwright`, `.venv/bin/uxaudit`), relative to
    the current folder when it is inside it."""
    if shutil.which(name):
        return name
    beside = Path(sys.executable).parent / name
    return shlex.quote(in_folder(beside.parent, beside.name)) if beside.exists() else name


def has_screen() -> bool:
    """A window can open here (Linux needs a display server; other systems always have a screen)."""
    return not sys.platform.startswith("linux") or bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def _failed_block(scorecard: Mapping[str, Any], folder: Path | None, commands: Commands) -> list[RenderableType]:
    """"Failed": a few lines per failed task (where, why, its picture, its recording, how to rerun it),
    then once how to open a trace in a browser and how to rerun everything that failed."""
    found = failures(scorecard)
    warned = journey_warnings(scorecard)
    if not found and not warned:
        return []
    title = Text("\nFailed", style="bold red") if found else Text("\nWarnings", style="bold yellow")
    lines: list[RenderableType] = [title]
    runs = (scorecard.get("summary") or {}).get("runs", 1)
    for failure in found:
        lines += _failure_lines(failure, folder, commands, runs)
    lines += [Text(f" ! {name}: {text}", style="yellow") for name, text in warned]
    if any(f.trace for f in found):  # the viewer needs a browser of Playwright's own; this page does not
        lines.append(Text(f"A trace opens in a browser too: drop it on {TRACE_VIEWER_URL} (the file never "
                          "leaves this machine).", style="dim"))
    if (again := last_failed_command(scorecard)) is not None:
        debug_hint = "  (add --debug to step through it)" if commands.screen else ""
        lines.append(_command_line("Rerun what failed: ", commands.rerun(again), debug_hint))
    return [*lines, Text("")]


def _failure_lines(failure: Failure, folder: Path | None, commands: Commands, runs: int) -> list[Text]:
    head = Text(" ✗ ", style="red")
    head.append(failure.label, style="bold")
    if failure.run:
        head.append(f" failed in run {failure.run} of {runs} (flaky)", style="yellow")
    if failure.where:
        head.append(f"  {failure.where}", style="bold")
    reason = failure.reason if len(failure.reason) <= REASON_CHARS else failure.reason[:REASON_CHARS - 1] + "…"
    lines = [head, Text(f"   {reason}", style="red")]
    if failure.screenshot:
        lines.append(_command_line("   screenshot ", in_folder(folder, failure.screenshot)))
    if failure.trace:
        trace = show_trace_command(in_folder(folder, failure.trace), commands.playwright)
        lines.append(_command_line("   trace      ", trace))
    if failure.video:
        lines.append(_command_line("   video      ", in_folder(folder, failure.video)))
    lines.append(_command_line("   rerun      ", commands.rerun(failure.rerun)))
    return lines


def _command_line(label: str, command: str, after: str = "") -> Text:
    """A path or a command on one line, never wrapped (it must copy whole)."""
    line = Text(label, style="dim", no_wrap=True, overflow="ignore")
    line.append(command)
    line.append(after, style="dim")
    return line


def _note_line(note: Mapping[str, Any]) -> Text:
    """A tool the run could not use (its audit was not checked), or something about the test machine."""
    label = "Test machine" if note.get("kind") == "environment" else "Not checked"
    return Text(f"{label}: {note['text']}", style="yellow")


def _headline(scorecard: Mapping[str, Any]) -> Text:
    style = RATING_STYLES.get(scorecard["rating"], "")
    text = Text("\nUX score ", style="bold")
    grade = f"grade {scorecard['grade']}" if scorecard.get("grade") else scorecard["rating"].replace("-", " ")
    text.append(f"{scorecard['score']}/100 ({grade})", style=f"bold {style}")
    if scorecard["run"].get("interrupted"):
        text.append("  — partial: the run was interrupted", style="yellow")
    if (partial := partial_run(scorecard)) is not None:
        flags, counted = partial
        how = ", ".join(x for x in (flags, counted) if x)
        text.append(f"\nA partial run{f' ({how})' if how else ''}: {PARTIAL_RUN_WHY.replace('`', '')}.",
                    style="yellow")
    for number, category in enumerate(scorecard.get("categories") or ()):
        text.append("\n" if number == 0 else " · ")
        text.append(f"{category.get('title') or category.get('id')} ")
        text.append(str(category.get("score")), style=RATING_STYLES.get(rating(category.get("score") or 0), ""))
    return text


def _tasks_table(scorecard: Mapping[str, Any]) -> Table:
    repeated = (scorecard.get("summary") or {}).get("runs", 1) > 1
    table = Table(title=None, show_lines=False, expand=False)
    columns = ("", "Journey", "Task", "Median time" if repeated else "Time", *(("Runs",) if repeated else ()), "Score")
    for column in columns:
        table.add_column(column, justify="left" if column in ("", "Journey", "Task") else "right")
    for journey in scorecard["journeys"]:
        for task in journey["tasks"]:
            mark, style = STATUS_MARKS.get(task["status"], ("?", ""))
            runs = task.get("runs") if repeated else None
            ms = (runs or {}).get("duration_ms", {}).get("median") if runs else task["duration_ms"]
            time = ("not reached" if task["status"] == "skipped" else "no completed run" if ms is None
                    else f"{ms / 1000:.1f} s")
            cells: list[Text | str] = [Text(mark, style=style), Text(journey["name"]), Text(task["name"]), time]
            if runs:
                flaky = runs["flaky"]
                cells.append(Text(f"{runs['passed']}/{runs['count']}" + (" flaky" if flaky else ""),
                                  style="yellow" if flaky else ""))
            unscored = task.get("score") is None or not task.get("reached", True)  # not reached: no score of its own
            table.add_row(*cells, "—" if unscored else str(task["score"]))
    return table


def _links_line(links: Mapping[str, Any]) -> Text:
    """What the link checker did, and what it cost (it runs beside the journeys)."""
    scope = "on this and other sites" if links["external"] else "on this site"
    text = Text(f"Links: {links['checked']} {scope} checked beside the journeys ({links['request_seconds']:.1f} s "
                f"of requests, {links['concurrency']} at a time; the run waited {links['waited_seconds']:.1f} s "
                "for the last answers); ")
    text.append(f"{links['broken']} broken", style="red" if links["broken"] else "green")
    if links.get("unfinished"):
        text.append(f"; {links['unfinished']} still unanswered when the run ended", style="yellow")
    return text


def _lighthouse_line(result: Mapping[str, Any], tasks: Mapping[str, Mapping[str, Any]]) -> Text:
    """Lighthouse's four scores for one page (or why it could not run there), and where its lab time
    for the page's main content differs from the journey's (the report says why)."""
    text = Text(f"Lighthouse {result['url']} ({result['form_factor']}): ")
    if result.get("error"):
        return text.append(result["error"], style="yellow")
    for number, (key, label) in enumerate(LIGHTHOUSE_LABELS):
        score = result["scores"].get(key)
        band = rating(score or 0)
        text.append(f"{' · ' if number else ''}{label} ")
        text.append("—" if score is None else str(score), style=RATING_STYLES[band])
    gap = lab_and_journey(result, tasks)
    if gap:
        text.append(f"; main content in the lab {duration(gap[0])}, in the journey {duration(gap[1])} "
                    "(the report says why they differ)", style="dim")
    return text


def _fix_first(scorecard: Mapping[str, Any]) -> list[RenderableType]:
    """The report's "Fix these first" (its first few causes), then the worst speed and effort problems."""
    findings = scorecard["findings"]
    problems = group_problems(findings)
    causes = rank_causes(scorecard)
    names = task_labels(scorecard)
    met = f", met {len(findings)} times across tasks" if len(findings) > len(problems) else ""
    if not causes:
        return [Text(f"Fix these first: nothing, no errors or warnings ({plural(len(problems), 'problem')} for "
                     f"information{met})")]
    shown = plural(len(causes), "cause") if len(causes) <= FIX_FIRST else f"{FIX_FIRST} of {len(causes)} causes"
    table = Table(title=f"Fix these first ({shown}; {plural(len(problems), 'problem')}{met})", title_justify="left")
    for column in ("#", "Severity", "Kind", "Cause", "What it does"):
        table.add_column(column)
    for number, cause in enumerate(causes[:FIX_FIRST], start=1):
        table.add_row(str(number), Text(cause.severity, style=SEVERITY_STYLES.get(cause.severity, "")),
                      Text(plain_name(cause.lead.get("audit"))), Text(str(cause.lead.get("title"))),
                      Text(impact_words(cause, names)))
    parts: list[RenderableType] = [table]
    for kind, worst in (("speed", worst_speed(causes)), ("effort", worst_effort(causes))):
        if worst is not None:
            parts.append(_worst_line(kind, worst, causes, names))
    return parts


def _worst_line(kind: str, cause: Cause, causes: list[Cause], names: Mapping[str, str]) -> Text:
    line = Text(f"Worst {kind} problem: ", style="bold")
    line.append(str(cause.lead.get("title")) + (f" on {page_of(cause.lead)}" if page_of(cause.lead) else ""))
    rank = causes.index(cause) + 1
    line.append(f" (no. {rank} above)" if rank <= FIX_FIRST else f" ({impact_words(cause, names)})")
    return line


def _gate_line(scorecard: Mapping[str, Any]) -> Text:
    if scorecard["run"].get("interrupted"):
        return Text("Gate: not decided — the run was interrupted (partial report)", style="bold yellow")
    checks = scorecard["gate"]["checks"]
    failed = [c for c in checks if not c["passed"] and c["level"] == "error"]
    warned = [c for c in checks if not c["passed"] and c["level"] != "error"]
    line = Text("Gate: passed", style="bold green") if not failed else Text(
        "Gate: failed — " + "; ".join(_check_words(c) for c in failed), style="bold red")
    if warned:
        line.append("\nGate warnings (not failing): " + "; ".join(_check_words(c) for c in warned), style="yellow")
    if len(checks) > 1:  # each check with its value, threshold and place
        for check in checks:
            mark = "✓" if check["passed"] else ("✗" if check["level"] == "error" else "!")
            line.append(f"\n  {mark} {_check_words(check)} [{check['where']}]")
    return line


def _check_words(check: Mapping[str, Any]) -> str:
    return f"{check['description']}: {check['value']} (needs {check['threshold']})"
