"""summary.md: the run in a few lines of Markdown for a pull-request comment or a CI job page.

Score and gate first, the category scores, what to fix first (the report's ranked root causes,
report/priorities.py) with the worst speed and effort problems, then the failed tasks, the gate checks
and where the full report is. Problems are counted as the report counts them: one per problem, met
in N tasks (report/problems.py). When $GITHUB_STEP_SUMMARY is set (GitHub Actions), the summary is also appended
there, so it shows on the job's page. Text from audited pages is escaped: in a PR comment, a page
title must not become a link, an image or HTML.
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
from .html_filters import duration
from .priorities import Cause, impact_words, page_of, rank_causes, task_labels, worst_effort, worst_speed
from .problems import group_problems

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
    parts = [_headline(scorecard), _since_baseline(scorecard), _counts(scorecard), _categories(scorecard),
             _fix_first(scorecard), _failed_tasks(scorecard), _gate(scorecard),
              f"Full report: `{_code(report)}` in the run's folder (run {_code(_run(scorecard).get('id'))})"
              + (f", {report_link}." if report_link else ".")]
    return "\n\n".join(p for p in parts if p) + "\n"


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
    lines = [f"Since run `{_code(base['run'])}` ({_text(base.get('branch') or 'no branch')}): score "
             f"{base['score_change']:+d}, {len(new)} new, {len(base['fixed'])} fixed, {base['still']} still there."]
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


def _failed_tasks(scorecard: Mapping[str, Any]) -> str:
    lines = [f"- **{_text(journey.get('name'))} › {_text(task.get('name'))}**: {_text(task.get('error'))}"
             for journey in scorecard.get("journeys") or [] for task in journey.get("tasks") or []
             if task.get("status") == "failed"]
    return "### Failed tasks\n\n" + "\n".join(lines) if lines else ""


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
