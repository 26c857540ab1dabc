"""HTML reporter: the scorecard as one self-contained page a designer can read, share and print.

Everything in the scorecard came from audited pages, so the template autoescapes all of it; links are
made only from http(s) URLs, and images only from our own screenshot files, inlined as data: URIs.
"""

from __future__ import annotations

import base64
import functools
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import ChainableUndefined, Environment, PackageLoader

from ..atomic_write import write_atomic
from .audit_names import plain_name
from .failures import TRACE_VIEWER_URL, Failure, failures, show_trace_command
from .funnel_svg import funnel_svg
from .html_filters import (
    anchor,
    cell,
    duration,
    evidence_keys,
    evidence_rows,
    fresh_value,
    grade_of,
    humanise,
    last_part,
    own_recording,
    own_report,
    percent,
    plural,
    rating_of,
    ring_dash,
    run_date,
    safe_href,
    score_text,
    site_name,
    status_of,
    timing_summary,
    timing_words,
)
from .lab_gap import lab_gap
from .priorities import Cause, cause_of_failed_task, page_of, rank_causes, story_order, task_labels
from .problems import group_problems, problem_key
from .trend_chart import trend_chart
from .verdict_words import partial_run, summary_of, verdict

FILE_NAME = "report.html"
# Where each finding's "About this check" links: docs/audits.md of the project. A team that hosts
# its own copy of the docs (an intranet, a fork) points UXAUDIT_DOCS_URL at it.
DOCS_URL = "https://github.com/uxaudit/uxaudit/blob/main/docs/"
TEMPLATE = "report.html.j2"
FIX_FIRST = 8  # causes in "Fix these first"; summary.md and the terminal show the first 5
SEVERITIES = (("error", "Errors"), ("warning", "Warnings"), ("info", "For information"))
CATEGORY_TITLES = {"effectiveness": "Task success", "speed": "Speed", "navigation": "Navigation",
                   "content": "Content", "accessibility": "Accessibility", "stability": "Stability",
                   "lighthouse": "Lighthouse"}
IMAGE_TYPES = {".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png", ".webp": "image/webp"}
LIGHTHOUSE_CATEGORIES = (("performance", "Performance"), ("accessibility", "Accessibility"),
                         ("best-practices", "Best practices"), ("seo", "SEO"))


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
        cell=cell, rating_of=rating_of, status_of=status_of, anchor=anchor,
        ring=ring_dash, percent=percent, evidence_rows=evidence_rows, evidence_keys=evidence_keys,
        site_name=site_name, audit_doc=audit_doc, doc=doc, own_report=own_report,
        lighthouse_categories=LIGHTHOUSE_CATEGORIES, severities=SEVERITIES, trend_chart=trend_chart,
        timing_words=timing_words, timing_summary=timing_summary, plain_name=plain_name, grade_of=grade_of,
        lab_gap=lab_gap, plural=plural, fresh_value=fresh_value, funnel_svg=funnel_svg,
        no_screenshots_note=NO_SCREENSHOTS_NOTE, own_recording=own_recording, trace_viewer=TRACE_VIEWER_URL,
        show_trace=show_trace_command, partial_run=partial_run,
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


# In a journey with secrets Lighthouse takes no pictures of the page (docs/security.md): the
# scorecard's `lighthouse[].screenshots` is false, and the report says so beside the page's scores.
NO_SCREENSHOTS_NOTE = ("Lighthouse took no screenshots of this page: the journey uses secrets, "
                       "which a screenshot could show.")


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
    causes: list[Cause]  # the root causes, the one to fix first first (report/priorities.py)
    journeys: list[Mapping[str, Any]]  # in the story's order
    failed: tuple[Failure, ...] = ()  # where each failure happened, its recording, how to rerun it

    @classmethod
    def of(cls, sc: Mapping[str, Any]) -> ReportView:
        tasks = {str(t.get("id")): t for j in _list(sc.get("journeys")) for t in _list(j.get("tasks"))}
        steps = {str(s.get("id")): s for t in tasks.values() for s in _list(t.get("steps"))}
        places = {f"finding-{i}": seen for i, seen in enumerate(group_problems(_list(sc.get("findings"))), start=1)}
        findings = [(fid, seen[0]) for fid, seen in places.items()]
        summary = summary_of(sc)
        passed, sentence = verdict(sc.get("gate"), summary)
        return cls(findings, places, summary, steps, tasks, passed, sentence, rank_causes(sc),
                   story_order(_list(sc.get("journeys"))), tuple(failures(sc)))

    def failure_of(self, task_id: object) -> Failure | None:
        """A failed task's failure lines (where, recording, rerun); None when it did not fail."""
        return next((f for f in self.failed if f.task_id == task_id and f.run is None), None)

    def journey_failure(self, journey_id: object) -> Failure | None:
        """A journey that failed before any of its tasks did (its setup failed, or it crashed)."""
        return next((f for f in self.failed if not f.task and f.journey_id == journey_id), None)

    def flaky_in(self, journey_id: object) -> list[Failure]:
        """Tasks of a journey that failed only in a repeat (`--runs N`), with that repeat's recording."""
        return [f for f in self.failed if f.run is not None and f.journey_id == journey_id]

    def fix_first(self) -> list[tuple[str, Cause]]:
        """The causes to fix first, each with the anchor of its lead problem's card."""
        return [(self.fid_of(cause.lead), cause) for cause in self.causes[:FIX_FIRST]]

    def fid_of(self, finding: Mapping[str, Any]) -> str:
        """The anchor of the card of a finding's problem."""
        key = problem_key(finding)
        return next((fid for fid, seen in self.places.items() if problem_key(seen[0]) == key), "findings")

    def problem_counts(self) -> dict[str, int]:
        """How many problems of each severity (a problem met in several tasks counts once)."""
        return {sev: sum(1 for _, f in self.findings if f.get("severity") == sev) for sev, _ in SEVERITIES}

    def problems_in(self, task_id: object) -> int:
        """How many problems a task met."""
        return sum(1 for seen in self.places.values() if any(f.get("task") == task_id for f in seen))

    def weakest_category(self, sc: Mapping[str, Any]) -> Mapping[str, Any] | None:
        """The category with the lowest score, when it is under 90 (the first on a tie)."""
        scored = [c for c in _list(sc.get("categories")) if isinstance(c.get("score"), int | float)]
        weakest = min(scored, key=lambda c: c["score"], default=None)
        return weakest if weakest is not None and weakest["score"] < 90 else None

    def worst_journey(self) -> Mapping[str, Any] | None:
        """The journey with the lowest score (the first in the story's order on a tie)."""
        scored = [j for j in self.journeys if isinstance(j.get("score"), int | float)]
        return min(scored, key=lambda j: j["score"]) if len(scored) > 1 else None

    def page_of(self, finding: Mapping[str, Any]) -> str:
        """The page of a finding (`/support`), when its title does not already name it."""
        return page_of(finding)

    def task_label(self, task_id: str) -> str:
        """`Journey › Task` for a task id (the task's name alone when its journey has the same name)."""
        return task_labels({"journeys": self.journeys}).get(task_id, task_id)

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
        found = cause_of_failed_task((f for seen in self.places.values() for f in seen), finding.get("task"))
        return None if found is None else (self.fid_of(found), found)

    def task_cause(self, task_id: object) -> Finding | None:
        """The problem that most likely stopped a failed task (as `cause`, from the task's id)."""
        return self.cause({"audit": "task-success", "task": task_id})

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


def _list(value: object) -> list[Mapping[str, Any]]:
    """The mappings in a list field; anything else (absent, null, malformed) is an empty list."""
    return [item for item in value if isinstance(item, Mapping)] if isinstance(value, list) else []


