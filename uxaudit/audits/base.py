"""What an audit is (declarative meta + one pure check over the artifacts) and what it returns."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol, TypeVar

from ..artifacts import FIRST_RUN_ONLY, JourneyRecord, PageVisit, RunArtifacts, StepRecord, TaskRecord
from .thresholds import Thresholds, overridden
from .url_template import page_template

SEVERITIES = ("error", "warning", "info")


@dataclass(frozen=True)
class AuditInput:
    """What every audit reads: the gathered artifacts, the thresholds in force, and the run folder
    (for the page HTML and screenshots the artifacts name)."""

    run: RunArtifacts
    thresholds: Thresholds = field(default_factory=Thresholds)
    run_dir: Path | None = None

    def thresholds_for(self, journey: JourneyRecord, task: TaskRecord | None = None) -> Thresholds:
        """The thresholds in force for a task: the run's, then its journey's, then its own."""
        return overridden(overridden(self.thresholds, journey.thresholds), task.thresholds if task else {})

    def page_html(self, visit: PageVisit) -> str:
        """The HTML a visit saved ("" when there is none, or the run folder is not known)."""
        if self.run_dir is None or not visit.html_file:
            return ""
        try:
            return (self.run_dir / visit.html_file).read_text(encoding="utf-8")
        except OSError:
            return ""


@dataclass(frozen=True)
class Finding:
    """One problem, where it is, how bad (score 0..1, severity) and the evidence, row by row."""

    audit: str
    category: str
    severity: str
    title: str
    description: str
    hint: str
    score: float
    journey: str
    journey_name: str
    task: str | None = None  # journey/task path
    task_name: str | None = None
    step: int | None = None
    url: str | None = None
    value: float | int | str | None = None
    display_value: str = ""
    evidence: tuple[dict[str, Any], ...] = ()
    screenshot: str | None = None
    key: str | None = None  # what tells two findings of one audit on one page apart (an axe rule…)

    @property
    def template(self) -> str | None:
        """The page template it is about (`/users/{id}/change/`): the same check on one template is
        one problem, wherever it was met; `url` says where it was met."""
        return page_template(self.url) if self.url else None

    @property
    def id(self) -> str:
        """Stable identity across runs: audit, where, the page template (record ids, order numbers and
        cache busters change each run), and the key when there is one."""
        return ":".join(p for p in (self.audit, self.task or self.journey, self.template or "", self.key or "") if p)


def current_id(stored_id: str, url: str | None) -> str:
    """The id of a finding stored before ids named the page template (the page was its address
    without query and fragment), in today's form; an id of today's form is returned as it is."""
    if not url:
        return stored_id
    old_page = url.partition("#")[0].partition("?")[0]
    before, found, after = f"{stored_id}:".partition(f":{old_page}:")
    if not found:
        return stored_id
    return f"{before}:{page_template(url)}:{after}".removesuffix(":")


@dataclass(frozen=True)
class Audit:
    """An audit: `title` says the passing state, `failure_title` the failing one (Lighthouse style)."""

    id: str
    category: str
    title: str
    failure_title: str
    description: str  # why it matters to a visitor, in plain words
    hint: str  # how to fix it
    check: Callable[[AuditInput], list[Finding]]
    needs: frozenset[str] = frozenset()  # evidence of optional tools (artifacts.AXE_CORE…) it cannot judge without
    # What it left out because it is about the test machine, not the site ("fonts.example.net could
    # not be reached"): notes in the scorecard, never findings.
    notes: Callable[[AuditInput], list[str]] | None = None
    # "environment": about the test machine; "not-checked": what the tool could not judge on the site's
    # own pages (axe-core on a page too big to finish), shown beside the notes of a missing tool.
    notes_kind: str = "environment"

    def applies_to(self, run: RunArtifacts) -> bool:
        """The run has the evidence this audit needs (a missing tool makes it not applicable, not passed)."""
        return not self.needs & run.unavailable_tools

    @property
    def first_run_only(self) -> bool:
        """Its evidence is gathered in a journey's first run only (Lighthouse), so with `--runs N`
        its findings stand for every run."""
        return bool(self.needs & FIRST_RUN_ONLY)


@dataclass(frozen=True)
class Where:
    """The place a finding is about."""

    journey: JourneyRecord
    task: TaskRecord | None = None
    step: int | None = None
    url: str | None = None


def make_finding(audit: Audit, where: Where, *, score: float, title: str, evidence: list[dict[str, Any]],
                 value: float | int | str | None = None, display_value: str = "",
                 severity: str | None = None, screenshot: str | None = None, key: str | None = None,
                 hint: str | None = None) -> Finding:
    """A Finding of `audit` at `where`; severity follows the score unless given; the audit's hint
    unless this finding knows a more precise one."""
    task = where.task
    return Finding(audit=audit.id, category=audit.category, severity=severity or severity_for(score),
                   title=title, description=audit.description, hint=hint or audit.hint, score=round(score, 3),
                   journey=where.journey.id, journey_name=where.journey.name,
                   task=f"{where.journey.id}/{task.id}" if task else None, task_name=task.name if task else None,
                   step=where.step, url=where.url, value=value, display_value=display_value,
                   evidence=tuple(evidence), screenshot=screenshot, key=key)


def severity_for(score: float) -> str:
    """Lighthouse's bands: under 0.5 is an error, under 0.9 a warning, else information."""
    if score < 0.5:
        return "error"
    return "warning" if score < 0.9 else "info"


def attempted_tasks(run: RunArtifacts) -> Iterator[tuple[JourneyRecord, TaskRecord]]:
    """Every task that ran (passed or failed), with its journey."""
    for journey in run.journeys:
        for task in journey.tasks:
            if task.status != "skipped":
                yield journey, task


def page_visits(run: RunArtifacts) -> Iterator[tuple[JourneyRecord, TaskRecord, PageVisit]]:
    """Every page visit of every task, with its journey and task."""
    for journey, task in attempted_tasks(run):
        for visit in task.pages:
            yield journey, task, visit


class FromPage(Protocol):
    """Something a page reported (a console entry, a failed request), with the page's URL."""

    @property
    def page_url(self) -> str | None: ...


E = TypeVar("E", bound=FromPage)


def by_page(task: TaskRecord, entries_of: Callable[[StepRecord], Iterable[E]],
            keep: Callable[[E], bool]) -> dict[str, tuple[int, list[E]]]:
    """A task's kept entries grouped by the page template they came from (/users/5 and /users/9 are
    one page), under the first address met, with the first step that saw it."""
    pages: dict[str, tuple[str, int, list[E]]] = {}
    for step in task.steps:
        for entry in entries_of(step):
            if keep(entry):
                url = entry.page_url or ""
                pages.setdefault(page_template(url), (url, step.index, []))[2].append(entry)
    return {url: (index, entries) for url, index, entries in pages.values()}


def pages_of(entries: Iterable[FromPage]) -> list[str]:
    """The addresses of the pages some entries came from, each once, in order."""
    return list(dict.fromkeys(entry.page_url or "" for entry in entries))


def page_name(pages: list[str]) -> str:
    """How a title names a page: its path (“/cart”), or its template when it was met at several
    addresses (“/users/{id}” (2 pages))."""
    if len(pages) > 1:
        return f"“{short_url(page_template(pages[0]))}” ({len(pages)} pages)"
    return f"“{short_url(pages[0] if pages else '')}”"


def short_url(url: str) -> str:
    """The path (and query) of a URL, which is what a person recognises."""
    rest = url.split("://", 1)[-1]
    return "/" + rest.split("/", 1)[1] if "/" in rest else "/"
