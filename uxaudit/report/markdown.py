"""summary.md: the run in a few lines of Markdown for a pull-request comment or a CI job page.

Score and gate first, then the failed tasks, the gate checks and the top findings, and where the
full report is. When $GITHUB_STEP_SUMMARY is set (GitHub Actions), the summary is also appended
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
from .html_filters import duration
from .problems import group_problems

FILE_NAME = "summary.md"
TOP_FINDINGS = 5
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
    parts = [_headline(scorecard), _since_baseline(scorecard), _counts(scorecard)]
    failed = _failed_tasks(scorecard)
    if failed:
        parts.append(failed)
    parts += [_gate(scorecard), _top_findings(scorecard),
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
    rating = RATING_WORDS.get(str(scorecard.get("rating")), str(scorecard.get("rating")))
    site = _text(_run(scorecard).get("base_url") or "")
    grade = f"grade {_text(scorecard.get('grade'))}, " if scorecard.get("grade") else ""
    return f"## UX audit{(' of ' + site) if site else ''}: {scorecard.get('score')}/100 ({grade}{rating}), {verdict}"


def _since_baseline(scorecard: Mapping[str, Any]) -> str:
    base = scorecard.get("baseline")
    if not base:
        return ""
    new = [f for f in scorecard.get("findings") or [] if f.get("change") == "new"]
    lines = [f"Since run `{_code(base['run'])}` ({_text(base.get('branch') or 'no branch')}): score "
             f"{base['score_change']:+d}, {len(new)} new, {len(base['fixed'])} fixed, {base['still']} still there."]
    lines += [f"- new: {_text(f.get('title'))} (`{_code(f.get('audit'))}`)" for f in new[:TOP_FINDINGS]]
    lines += [f"- fixed: {_text(f.get('title'))} (`{_code(f.get('audit'))}`)" for f in base["fixed"][:TOP_FINDINGS]]
    lines += [f"- slower: `{_code(t.get('task'))}` {duration(t.get('before_ms'))} → {duration(t.get('now_ms'))} "
              f"({judged_by(t.get('method'), t.get('p_value'), t.get('effect'))})"
              for t in base.get("timings") or [] if t.get("change") == "slower"]
    return "\n".join(lines)



def _counts(scorecard: Mapping[str, Any]) -> str:
    summary = scorecard.get("summary") or {}
    found = summary.get("findings") or {}
    return ("| Tasks | Completed | Failed | Skipped | Errors | Warnings |\n| --- | --- | --- | --- | --- | --- |\n"
            f"| {summary.get('tasks', 0)} | {summary.get('tasks_completed', 0)} | {summary.get('tasks_failed', 0)} "
            f"| {summary.get('tasks_skipped', 0)} | {found.get('error', 0)} | {found.get('warning', 0)} |")


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


def _top_findings(scorecard: Mapping[str, Any]) -> str:
    serious = [f for f in scorecard.get("findings") or [] if f.get("severity") in ("error", "warning")]
    if not serious:
        return "### Findings\n\nNo errors or warnings."
    problems = group_problems(serious)
    shown = [group[0] for group in problems[:TOP_FINDINGS]]
    rows = [f"| {_text(f.get('severity'))} | `{_code(f.get('audit'))}` | {_text(f.get('title'))} |" for f in shown]
    more = len(problems) - len(shown)
    tail = f"\n\n…and {more} more in the full report." if more > 0 else ""
    return ("### Top findings\n\n| Severity | Audit | Finding |\n| --- | --- | --- |\n" + "\n".join(rows) + tail)


def _text(value: object) -> str:
    """Page text made inert: HTML escaped, Markdown syntax escaped, on one line."""
    flat = " ".join(str("" if value is None else value).split())
    return _MARKDOWN_SPECIALS.sub(r"\\\1", html.escape(flat, quote=False))


def _code(value: object) -> str:
    """Text for inside `backticks`: no backtick can end it early."""
    return " ".join(str("" if value is None else value).split()).replace("`", "'")
