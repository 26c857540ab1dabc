"""What an audit is (declarative meta + one pure check over the artifacts) and what it returns."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol, TypeVar

from ..artifacts import FIRST_RUN_ONLY, JourneyRecord, PageVisit, RunArtifacts, StepRecord, TaskRecord
from .thresholds import Thresholds, overridden

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
    def id(self) -> str:
        """Stable identity across runs: audit, where, the page, and the key when there is one."""
        page = (self.url or "").split("#", 1)[0].split("?", 1)[0]  # order numbers, cache busters change each run
        return ":".join(p for p in (self.audit, self.task or self.journey, page, self.key or "") if p)


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
    """A task's kept entries grouped by the page they came from, with the first step that saw each page."""
    pages: dict[str, tuple[int, list[E]]] = {}
    for step in task.steps:
        for entry in entries_of(step):
            if keep(entry):
                pages.setdefault(entry.page_url or "", (step.index, []))[1].append(entry)
    return pages


def short_url(url: str) -> str:
    """The path (and query) of a URL, which is what a person recognises."""
    rest = url.split("://", 1)[-1]
    return "/" + rest.split("/", 1)[1] if "/" in rest else "/"
