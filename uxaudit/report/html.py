"""HTML reporter: the scorecard as one self-contained page a designer can read, share and print.

Everything in the scorecard came from audited pages, so the template autoescapes all of it; links are
made only from http(s) URLs, and images only from our own screenshot files, inlined as data: URIs.
"""

from __future__ import annotations

import base64
import functools
import os
import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import ChainableUndefined, Environment, PackageLoader

from ..atomic_write import write_atomic
from .html_filters import (
    anchor,
    cell,
    duration,
    evidence_keys,
    evidence_rows,
    humanise,
    last_part,
    own_report,
    percent,
    rating_of,
    rating_word,
    ring_dash,
    run_date,
    safe_href,
    score_text,
    site_name,
    status_of,
    timing_summary,
    timing_words,
)
from .problems import group_problems
from .trend_chart import trend_chart

FILE_NAME = "report.html"
# Where each finding's "About this check" links: docs/audits.md of the project. A team that hosts
# its own copy of the docs (an intranet, a fork) points UXAUDIT_DOCS_URL at it.
DOCS_URL = "https://github.com/uxaudit/uxaudit/blob/main/docs/"
TEMPLATE = "report.html.j2"
TOP_FINDINGS = 5
SEVERITIES = (("error", "Errors"), ("warning", "Warnings"), ("info", "For information"))
CATEGORY_TITLES = {"effectiveness": "Task success", "speed": "Speed", "navigation": "Navigation",
                   "content": "Content", "accessibility": "Accessibility", "stability": "Stability",
                   "lighthouse": "Lighthouse"}
IMAGE_TYPES = {".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png", ".webp": "image/webp"}
LIGHTHOUSE_CATEGORIES = (("performance", "Performance"), ("accessibility", "Accessibility"),
                         ("best-practices", "Best practices"), ("seo", "SEO"))


# Problems that stop a visitor: one of these in a failed task is named as its likely cause.
CAUSE_AUDITS = ("http-error", "soft-404", "misdirect", "redirect-loop", "dead-click", "broken-link")

Finding = tuple[str, Mapping[str, Any]]
Crumb = tuple[str, str | None]


def write(scorecard: Mapping[str, Any], out_dir: Path) -> Path:
    """Write report.html into out_dir and return its path."""
    return write_atomic(out_dir / FILE_NAME, render(scorecard, out_dir))


def render(scorecard: Mapping[str, Any], out_dir: Path) -> str:
    """The report as one self-contained HTML string (screenshots read from out_dir and inlined)."""
    template = environment().get_template(TEMPLATE)
    return template.render(sc=scorecard, view=ReportView.of(scorecard), shot=ScreenshotInliner(out_dir))


@functools.cache
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("uxaudit", "report/templates"),
        autoescape=True,
        undefined=ChainableUndefined,  # optional scorecard fields may be absent: render nothing for them
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(duration=duration, score=score_text, href=safe_href, humanise=humanise, date=run_date,
                       last_part=last_part)
    env.globals.update(
        cell=cell, rating_of=rating_of, rating_word=rating_word, status_of=status_of, anchor=anchor,
        ring=ring_dash, percent=percent, evidence_rows=evidence_rows, evidence_keys=evidence_keys,
        site_name=site_name, audit_doc=audit_doc, doc=doc, own_report=own_report,
        lighthouse_categories=LIGHTHOUSE_CATEGORIES, severities=SEVERITIES, trend_chart=trend_chart,
        timing_words=timing_words, timing_summary=timing_summary,
    )
    return env


def audit_doc(audit_id: object) -> str:
    """The link to an audit's section of docs/audits.md (what it means, thresholds, fixes)."""
    return doc("audits.md") + "#" + re.sub(r"[^a-z0-9-]+", "", str(audit_id).lower())


def doc(page: str) -> str:
    """The link to one of the project's docs pages (docs/scoring.md: how the scores are worked out)."""
    base = os.environ.get("UXAUDIT_DOCS_URL") or DOCS_URL
    return f"{base.rstrip('/')}/{page}"


class ScreenshotInliner:
    """Turns a screenshot path (relative to out_dir) into a data: URI, or "" when it cannot be shown."""

    def __init__(self, out_dir: Path) -> None:
        self._root = out_dir.resolve()
        self._cache: dict[str, str] = {}

    def __call__(self, relative: object) -> str:
        if not isinstance(relative, str) or not relative:
            return ""
        if relative not in self._cache:
            self._cache[relative] = self._read(relative)
        return self._cache[relative]

    def _read(self, relative: str) -> str:
        path = (self._root / relative).resolve()
        mime = IMAGE_TYPES.get(path.suffix.lower())
        if mime is None or not path.is_relative_to(self._root) or not path.is_file():
            return ""
        try:
            data = path.read_bytes()
        except OSError:
            return ""
        return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"


@dataclass(frozen=True)
class ReportView:
    """What the template needs beyond the raw scorecard: verdict, counts, findings grouped and linked."""

    findings: list[Finding]  # one per problem: the first finding of each group of the same problem
    places: dict[str, list[Mapping[str, Any]]]  # anchor → every finding of that problem (one per task)
    summary: Mapping[str, Any]
    steps: dict[str, Mapping[str, Any]]
    tasks: dict[str, Mapping[str, Any]]
    gate_passed: bool | None
    verdict: str

    @classmethod
    def of(cls, sc: Mapping[str, Any]) -> ReportView:
        tasks = {str(t.get("id")): t for j in _list(sc.get("journeys")) for t in _list(j.get("tasks"))}
        steps = {str(s.get("id")): s for t in tasks.values() for s in _list(t.get("steps"))}
        places = {f"finding-{i}": seen for i, seen in enumerate(group_problems(_list(sc.get("findings"))), start=1)}
        findings = [(fid, seen[0]) for fid, seen in places.items()]
        summary = summary_of(sc)
        passed, sentence = verdict(sc.get("gate"), summary)
        return cls(findings, places, summary, steps, tasks, passed, sentence)

    def task_names(self) -> dict[str, str]:
        """Task id → its name, for tables that list tasks by id."""
        return {tid: str(task.get("name") or tid) for tid, task in self.tasks.items()}

    def is_new(self, fid: str) -> bool:
        """Whether any task met this problem for the first time since the baseline."""
        return any(f.get("change") == "new" for f in self.places.get(fid, []))

    def new_problems(self) -> int:
        """How many problems are new since the baseline (each counted once, however many tasks met it)."""
        return sum(1 for fid, _ in self.findings if self.is_new(fid))

    def elsewhere(self, fid: str) -> list[list[Crumb]]:
        """Where else the same problem was seen (other tasks that met it), as crumbs."""
        return [self.where(f) for f in self.places.get(fid, [])[1:]]

    def times_found(self, findings: list[Finding]) -> int:
        """How many findings these problems stand for (each task that met a problem counts)."""
        return sum(len(self.places.get(fid, [])) or 1 for fid, _ in findings)

    def categories(self) -> list[tuple[str, str]]:
        """(id, title) of the categories the findings belong to, in the scorecard's order."""
        present = list(dict.fromkeys(str(f.get("category") or "") for _, f in self.findings))
        return [(c, CATEGORY_TITLES.get(c, humanise(c).capitalize())) for c in present if c]

    def groups(self) -> list[tuple[str, str, list[Finding]]]:
        """Findings by severity, most severe first; empty groups left out."""
        grouped = [(sev, label, [f for f in self.findings if f[1].get("severity") == sev])
                   for sev, label in SEVERITIES]
        return [group for group in grouped if group[2]]

    def top(self) -> list[Finding]:
        """The few findings to read first: errors, then warnings."""
        return [f for sev, _, group in self.groups() if sev != "info" for f in group][:TOP_FINDINGS]

    def reason(self, finding: Mapping[str, Any]) -> str | None:
        """Why a task could not be completed, in the run's words: a failed task's finding names the
        symptom ("could not be completed"), the reason names what the visitor ran into."""
        if finding.get("audit") != "task-success":
            return None
        error = (self.tasks.get(str(finding.get("task"))) or {}).get("error")
        return str(error) if error else None

    def cause(self, finding: Mapping[str, Any]) -> Finding | None:
        """For a task that could not be completed: the problem met in that task that most likely
        stopped it (a page that failed, looped, sent the visitor elsewhere or was a dead end)."""
        if finding.get("audit") != "task-success":
            return None
        return next(((fid, seen[0]) for fid, seen in self.places.items()
                     if any(f.get("audit") in CAUSE_AUDITS and f.get("task") == finding.get("task") for f in seen)),
                    None)

    def where(self, finding: Mapping[str, Any]) -> list[Crumb]:
        """Journey › task › step of a finding, each with an in-page link when that place is in the report."""
        crumbs: list[Crumb] = []
        if finding.get("journey"):
            name = finding.get("journey_name") or finding["journey"]
            crumbs.append((str(name), "#" + anchor("journey", finding["journey"])))
        task = self.tasks.get(str(finding.get("task")))
        if finding.get("task"):
            name = finding.get("task_name") or (task or {}).get("name") or finding["task"]
            crumbs.append((str(name), "#" + anchor("task", finding["task"]) if task else None))
        if finding.get("step"):
            crumbs.append(self._step_crumb(str(finding["step"])))
        return crumbs

    def _step_crumb(self, step_id: str) -> Crumb:
        step = self.steps.get(step_id)
        if step is None:
            return f"Step {step_id.rsplit('/', 1)[-1]}", None
        label = f"Step {step.get('index')}: {step.get('name') or step.get('action')}"
        return label, "#" + anchor("step", step_id)

    def at_step(self, step_id: object) -> list[Finding]:
        """Problems raised at one step (by any task that met them), to link from the timeline."""
        return [(fid, seen[0]) for fid, seen in self.places.items() if any(f.get("step") == step_id for f in seen)]


def summary_of(sc: Mapping[str, Any]) -> Mapping[str, Any]:
    """The scorecard's summary, or one counted from journeys and findings when it is absent."""
    given = sc.get("summary")
    if isinstance(given, Mapping):
        return given
    statuses = Counter(status_of(t) for j in _list(sc.get("journeys")) for t in _list(j.get("tasks")))
    severities = Counter(f.get("severity") for f in _list(sc.get("findings")))
    return {"journeys": len(_list(sc.get("journeys"))), "tasks": sum(statuses.values()),
            "tasks_completed": statuses["passed"], "tasks_failed": statuses["failed"],
            "tasks_skipped": statuses["skipped"], "findings": {s: severities[s] for s, _ in SEVERITIES}}


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


