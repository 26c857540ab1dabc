"""summary.md: the run in a few lines of Markdown for a pull-request comment or a CI job page.

Score and gate first (and whether only part of the journeys ran), the category scores, what to fix first
(the report's ranked root causes, report/priorities.py) with the worst speed and effort problems, then
the failed tasks (where in the journey file, the screenshot, the trace, how to rerun them:
report/failures.py), the gate checks and where the full report is. Problems are counted as the
report counts them: one per problem, met in N tasks (report/problems.py). When $GITHUB_STEP_SUMMARY is
set (GitHub Actions), the summary is also appended there, so it shows on the job's page. Text from
audited pages is escaped: in a PR comment, a page title must not become a link, an image or HTML.
"""

from __future__ import annotations

import html
import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..atomic_write import write_atomic
from ..verdicts import judged_by
from .audit_names import plain_name
from .failures import (
    TRACE_VIEWER_URL,
    Failure,
    failures,
    journey_warnings,
    last_failed_command,
    show_trace_command,
)
from .html_filters import duration
from .priorities import Cause, impact_words, page_of, rank_causes, task_labels, worst_effort, worst_speed
from .problems import group_problems
from .verdict_words import PARTIAL_RUN_WHY, partial_run

FILE_NAME = "summary.md"
TOP_FINDINGS = 5  # causes in "Fix these first" (the report shows more)
RATING_WORDS = {"good": "good", "needs-work": "needs work", "poor": "poor"}
_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+\-.!|~>])")
_SAFE_URL = re.compile(r"https?://[^\s()<>\[\]`]+")  # nothing that could end the Markdown link early


def write(scorecard: Mapping[str, Any], out_dir: Path) -> Path:
    """Write summary.md into out_dir (and append it to $GITHUB_STEP_SUMMARY when that is set)."""
    text = render(scorecard, report="report.html", report_link=report_link(os.environ))
    path = write_atomic(out_dir / FILE_NAME, text)
    step_summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if step_summary:
        with open(step_summary, "a", encoding="utf-8") as handle:
            handle.write(text + "\n")
    return path


def report_link(env: Mapping[str, str]) -> str | None:
    """Where readers of the summary find the report: $UXAUDIT_REPORT_URL (where CI publishes it),
    else, under GitHub Actions, the workflow run whose artifacts hold it; None elsewhere."""
    published = env.get("UXAUDIT_REPORT_URL", "")
    if _SAFE_URL.fullmatch(published):
        return f"[open the report]({published})"
    parts = [env.get(name, "") for name in ("GITHUB_SERVER_URL", "GITHUB_REPOSITORY", "GITHUB_RUN_ID")]
    run_page = "{}/{}/actions/runs/{}".format(*parts)
    if all(parts) and _SAFE_URL.fullmatch(run_page):
        return f"in the artifacts of [this workflow run]({run_page})"
    return None


def render(scorecard: Mapping[str, Any], report: str, report_link: str | None = None) -> str:
    """The Markdown text."""
    parts = [_headline(scorecard), partial_run_line(scorecard), _test_machine(scorecard), _since_baseline(scorecard),
             _counts(scorecard), _categories(scorecard),
             _fix_first(scorecard), _failed_tasks(scorecard), _gate(scorecard),
              f"Full report: `{_code(report)}` in the run's folder (run {_code(_run(scorecard).get('id'))})"
              + (f", {report_link}." if report_link else ".")]
    return "\n\n".join(p for p in parts if p) + "\n"


def _test_machine(scorecard: Mapping[str, Any]) -> str:
    """What the test machine did to the results (timings slowed by --slow-mo), once for the run."""
    return "\n\n".join(f"Test machine: {_text(note.get('text'))}" for note in scorecard.get("notes") or ()
                     if note.get("kind") == "environment")


def _run(scorecard: Mapping[str, Any]) -> Mapping[str, Any]:
    return scorecard.get("run") or {}


def _headline(scorecard: Mapping[str, Any]) -> str:
    gate = scorecard.get("gate") or {}
    if _run(scorecard).get("interrupted"):
        missing = "; ".join(_text(line) for line in _run(scorecard).get("missing") or ())
        verdict = "⚠️ run interrupted: gate not decided" + (f" ({missing})" if missing else "")
    else:
        verdict = "✅ gate passed" if gate.get("passed") else "❌ gate failed"
    # the grade says what the rating word would: one of them, never both
    grade = f"grade {_text(scorecard.get('grade'))}" if scorecard.get("grade") else \
        RATING_WORDS.get(str(scorecard.get("rating")), str(scorecard.get("rating")))
    site = _text(_run(scorecard).get("base_url") or "")
    return f"## UX audit{(' of ' + site) if site else ''}: {scorecard.get('score')}/100 ({grade}), {verdict}"


def _since_baseline(scorecard: Mapping[str, Any]) -> str:
    base = scorecard.get("baseline")
    if not base:
        return ""
    new = [f for f in scorecard.get("findings") or [] if f.get("change") == "new"]
    # Null when either run is partial: the two scores cover different tasks.
    score = "not compared (a partial run)" if base.get("score_change") is None else f"{base['score_change']:+d}"
    lines = [f"Since run `{_code(base['run'])}` ({_text(base.get('branch') or 'no branch')}): score "
             f"{score}, {len(new)} new, {len(base['fixed'])} fixed, {base['still']} still there."]
    lines += [f"- new: {_text(f.get('title'))} ({_text(plain_name(f.get('audit')))})" for f in new[:TOP_FINDINGS]]
    lines += [f"- fixed: {_text(f.get('title'))} ({_text(plain_name(f.get('audit')))})"
              for f in base["fixed"][:TOP_FINDINGS]]
    lines += [f"- slower: `{_code(t.get('task'))}` {duration(t.get('before_ms'))} → {duration(t.get('now_ms'))} "
              f"({judged_by(t.get('method'), t.get('p_value'), t.get('effect'))})"
              for t in base.get("timings") or [] if t.get("change") == "slower"]
    return "\n".join(lines)



def _counts(scorecard: Mapping[str, Any]) -> str:
    """Tasks, and problems as the report counts them (a problem met in several tasks is one)."""
    summary = scorecard.get("summary") or {}
    problems = group_problems(scorecard.get("findings") or [])
    errors, warnings = (sum(1 for p in problems if p[0].get("severity") == sev) for sev in ("error", "warning"))
    met = sum(len(p) for p in problems)
    table = ("| Tasks | Completed | Failed | Not reached | Problems | Errors | Warnings |\n"
             "| --- | --- | --- | --- | --- | --- | --- |\n"
             f"| {summary.get('tasks', 0)} | {summary.get('tasks_completed', 0)} | {summary.get('tasks_failed', 0)} "
             f"| {summary.get('tasks_skipped', 0)} | {len(problems)} | {errors} | {warnings} |")
    return table + (f"\n\nProblems are counted once however many tasks met them: {len(problems)} problems, met "
                    f"{met} times across the tasks." if met > len(problems) else "")


def _categories(scorecard: Mapping[str, Any]) -> str:
    scores = [f"{_text(c.get('title') or c.get('id'))} {c.get('score')}" for c in scorecard.get("categories") or []]
    return "**Scores by category:** " + " · ".join(scores) if scores else ""


def _fix_first(scorecard: Mapping[str, Any]) -> str:
    """The report's "Fix these first": root causes, ranked; then the worst speed and effort problems."""
    causes = rank_causes(scorecard)
    if not causes:
        return "### Fix these first\n\nNo errors or warnings."
    names = task_labels(scorecard)
    lines = [f"{rank}. {_cause_line(cause, names)}" for rank, cause in enumerate(causes[:TOP_FINDINGS], start=1)]
    more = len(causes) - TOP_FINDINGS
    tail = [f"\n…and {more} more in the full report." if more > 0 else ""]
    top = causes[:TOP_FINDINGS]
    worst = [f"**Worst {kind} problem:** " + (f"{_text(cause.lead.get('title'))}{_on_page(cause)} (no. "
                                                f"{top.index(cause) + 1} above)" if cause in top else
                                                _cause_line(cause, names))
             for kind, cause in (("speed", worst_speed(causes)), ("effort", worst_effort(causes))) if cause]
    return "\n".join(["### Fix these first\n", *lines, *tail]) + ("\n\n" + "  \n".join(worst) if worst else "")


def _on_page(cause: Cause) -> str:
    return f" on {_text(page_of(cause.lead))}" if page_of(cause.lead) else ""


def _cause_line(cause: Cause, names: Mapping[str, str]) -> str:
    lead = cause.lead
    return (f"**{_text(lead.get('title'))}** ({_text(plain_name(lead.get('audit')))}, {_text(cause.severity)}): "
            f"{_text(impact_words(cause, names))}")


def partial_run_line(scorecard: Mapping[str, Any]) -> str:
    """A run of part of the journeys (`--journey`, `--last-failed`…) says so: its score is not the site's."""
    if (partial := partial_run(scorecard)) is None:
        return ""
    flags, counted = partial
    how = ", ".join(x for x in (f"`{_code(flags)}`" if flags else "", counted) if x)
    return f"**Partial run**{f' ({how})' if how else ''}: {PARTIAL_RUN_WHY}."


def _failed_tasks(scorecard: Mapping[str, Any]) -> str:
    """Each failure with where it failed, its screenshot and trace, and how to rerun it; then the
    journeys' warnings (a failed teardown) and, once, the command that reruns everything that failed."""
    found = failures(scorecard)
    warned = [f"- ⚠️ **{_text(name)}**: {_text(text)}" for name, text in journey_warnings(scorecard)]
    if not found and not warned:
        return ""
    lines = [line for failure in found for line in _failure_lines(failure)] + warned
    tail = []
    if any(f.screenshot or f.trace or f.video for f in found):
        tail.append("Paths are relative to the run's folder." + (
            f" Open a trace with `{_code(show_trace_command('PATH'))}`, or drop it on {TRACE_VIEWER_URL} "
            "(it never leaves your machine)." if any(f.trace for f in found) else ""))
    if (again := last_failed_command(scorecard)) is not None:
        tail.append(f"Rerun every journey that failed: `{_code(again)}` (add `--debug` to step through it).")
    return "\n\n".join(["### Failed tasks" if found else "### Warnings", "\n".join(lines), *tail])


def _failure_lines(failure: Failure) -> list[str]:
    flaky = f" (failed in run {failure.run}, flaky)" if failure.run else ""
    at = f" at `{_code(failure.where)}`" if failure.where else ""
    lines = [f"- **{_text(failure.label)}**{flaky}{at}: {_text(failure.reason)}"]
    if failure.screenshot:
        lines.append(f"  - screenshot: `{_code(failure.screenshot)}`")
    if failure.trace:
        lines.append(f"  - trace: `{_code(failure.trace)}`")
    if failure.video:
        lines.append(f"  - video: `{_code(failure.video)}`")
    lines.append(f"  - rerun: `{_code(failure.rerun)}`")
    return lines


def _gate(scorecard: Mapping[str, Any]) -> str:
    checks = (scorecard.get("gate") or {}).get("checks") or []
    if not checks:
        return ""
    rows = [f"| {'✅' if c.get('passed') else ('⚠️' if c.get('level') != 'error' else '❌')} "
            f"| {_text(c.get('description'))} | {_text(c.get('value'))} | {_text(c.get('threshold'))} "
            f"| {_text(c.get('where'))} |" for c in checks]
    return "### Gate\n\n| | Check | Measured | Needed | Where |\n| --- | --- | --- | --- | --- |\n" + "\n".join(rows)


def _text(value: object) -> str:
    """Page text made inert: HTML escaped, Markdown syntax escaped, on one line."""
    flat = " ".join(str("" if value is None else value).split())
    return _MARKDOWN_SPECIALS.sub(r"\\\1", html.escape(flat, quote=False))


def _code(value: object) -> str:
    """Text for inside `backticks`: no backtick can end it early."""
    return " ".join(str("" if value is None else value).split()).replace("`", "'")
