"""What the gather stage records (steps, page visits, tasks, journeys), with a JSON round trip.

artifacts.json is the re-entry point: audits read only these records, never the browser.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from dataclasses import dataclass
from typing import Any, TypeVar, get_args, get_origin, get_type_hints

FOCUSED = "the focused element"  # the target of a `type` step without one: it types where the focus is
ARTIFACTS_VERSION = "3"  # 2: accessibility, links, Lighthouse and thresholds recorded; 3: notes name the tool
# How long a click with no immediate effect is watched before its effect is recorded as "none"
# (outside the timed span). Session-replay tools call a click dead after about a second.
EFFECT_WATCH_S = 1.5
T = TypeVar("T")


@dataclass(frozen=True)
class RedirectHop:
    """One redirect answer (3xx) on the way to a page, with its status and time."""

    url: str
    status: int
    duration_ms: float | None = None


@dataclass(frozen=True)
class ConsoleEntry:
    """A console error or an uncaught exception on a page."""

    kind: str  # console-error | uncaught-exception
    text: str
    source: str | None = None  # url:line
    page_url: str | None = None


@dataclass(frozen=True)
class FailedRequest:
    """A subresource that failed to load or answered 4xx/5xx."""

    url: str
    resource_type: str
    status: int | None = None
    error: str | None = None
    page_url: str | None = None


@dataclass(frozen=True)
class A11yViolation:
    """One accessibility rule (axe-core) a page state broke, with the elements that break it."""

    rule: str  # axe rule id, e.g. image-alt
    impact: str  # minor | moderate | serious | critical
    help: str  # what the rule asks for, in axe's words
    help_url: str
    nodes: int  # how many elements break it
    targets: tuple[str, ...] = ()  # CSS selectors of the first few
    html: str = ""  # the first offending element's markup, shortened
    wcag: tuple[str, ...] = ()  # the WCAG criteria tags, e.g. wcag111
    page_url: str | None = None
    fix: str = ""  # axe's failure summary of the first element: "Fix any of the following: …"


@dataclass(frozen=True)
class LinkSource:
    """Where a link was seen: the page, the journey and task that showed it, and its text."""

    page_url: str
    journey: str
    task: str
    step: int
    text: str = ""


@dataclass(frozen=True)
class LinkCheck:
    """One distinct link of the run, checked once: how it answered after its redirects."""

    url: str
    status: int | None = None  # the final answer's status; None when there was none
    error: str | None = None  # no answer: a network error, a timeout, a redirect loop
    final_url: str | None = None
    redirects: tuple[RedirectHop, ...] = ()
    method: str = "HEAD"  # GET when HEAD was refused or failed
    duration_ms: float = 0.0
    sources: tuple[LinkSource, ...] = ()  # the pages it sits on (the first few)
    pages: int = 0  # how many distinct pages it sits on

    @property
    def broken(self) -> bool:
        """A visitor following it gets an error page or nothing (429, 'slow down', is not broken)."""
        return self.error is not None or (self.status is not None and self.status >= 400 and self.status != 429)


@dataclass(frozen=True)
class LinkCheckSummary:
    """What checking the links cost and covered (shown in the run summary)."""

    checked: int
    concurrency: int
    external: bool
    request_seconds: float = 0.0  # the checks' own time, added up (they overlap the journeys)
    waited_seconds: float = 0.0  # how long the run waited after its journeys for the last answers
    unfinished: int = 0  # still unanswered when the run ended


@dataclass(frozen=True)
class LighthouseFinding:
    """One Lighthouse audit that cost its category points on a page."""

    category: str  # performance | accessibility | best-practices | seo
    id: str
    title: str
    score: float
    display_value: str = ""


@dataclass(frozen=True)
class LighthouseResult:
    """Lighthouse on one page, in the journey's session: the median of `runs` runs."""

    url: str
    form_factor: str  # desktop | mobile
    runs: int
    runs_completed: int = 0
    scores: dict[str, float] = dataclasses.field(default_factory=dict)  # category → 0..1
    metrics: dict[str, float] = dataclasses.field(default_factory=dict)  # fcp_ms, lcp_ms, tbt_ms, cls…
    failing: tuple[LighthouseFinding, ...] = ()
    report_html: str | None = None  # the full Lighthouse report, relative to the run folder
    report_json: str | None = None
    lighthouse_version: str = ""
    final_url: str | None = None
    error: str | None = None  # no run completed, and why
    duration_ms: float = 0.0
    screenshots: bool = True  # False: run without screenshots, since the journey has secrets they could show


# The evidence a run may lack because a tool was missing or turned off. An audit declares which of
# these it needs (audits/base.Audit.needs); without them it is not applicable, not passed.
AXE_CORE = "axe-core"
LIGHTHOUSE = "lighthouse"
LINK_CHECK = "link-check"
FIRST_RUN_ONLY = frozenset({LIGHTHOUSE})  # with --runs N, gathered in a journey's first run only


@dataclass(frozen=True)
class AuditNote:
    """A tool this run could not use (not installed, turned off), and why, in plain words."""

    tool: str  # AXE_CORE or LIGHTHOUSE
    text: str


@dataclass(frozen=True)
class PageVisit:
    """One screen a visitor was shown: a main-frame navigation (a document load) or an in-app route
    change of a single-page app (a soft navigation): where it went, how it answered, how fast, what
    it showed. A route's times count from the action that led to it (docs/audits.md#soft-navigations)."""

    index: int  # order of visits within the task
    step: int  # index of the step that caused it (1-based)
    requested_url: str
    final_url: str
    status: int | None = None  # a route: the status of the document the app runs in
    error: str | None = None  # a navigation that produced no page (e.g. a redirect loop)
    redirects: tuple[RedirectHop, ...] = ()  # the 3xx answers before final_url, in order
    ttfb_ms: float | None = None
    dom_content_loaded_ms: float | None = None
    load_ms: float | None = None
    fcp_ms: float | None = None
    lcp_ms: float | None = None
    lcp_element: str | None = None  # the element painted last and largest, e.g. img.hero
    cls: float | None = None  # cumulative layout shift: the worst session window while on the page
    shifted: tuple[str, ...] = ()  # the elements that moved in that window
    title: str = ""
    visible_text: str = ""
    screenshot: str | None = None  # relative to the run folder
    html_file: str | None = None  # the page's HTML, relative to the run folder
    kind: str = "document"  # document | route (an in-app navigation, no new document)
    via: str | None = None  # a route: pushState | replaceState | popstate | hashchange | navigation
    blocking_ms: float | None = None  # total blocking time while on it: each long task's time past 50 ms


@dataclass(frozen=True)
class ElementInfo:
    """What a click acted on, as a visitor sees it."""

    tag: str
    label: str
    role: str | None = None
    href: str | None = None  # absolute, for links


@dataclass(frozen=True)
class Freeze:
    """How busy the page's main thread was during a step (long tasks, and Event Timing per
    interaction as INP measures it): a busy main thread cannot answer the visitor."""

    blocking_ms: float = 0.0  # total blocking time: each long task's time past 50 ms
    longest_task_ms: float = 0.0
    long_tasks: int = 0
    interaction_ms: float | None = None  # the step's slowest interaction, from input to the next paint
    event: str | None = None  # its event (click, keydown…)
    input_delay_ms: float | None = None  # waiting for the main thread before the handlers ran
    processing_ms: float | None = None  # the page's own event handlers
    presentation_ms: float | None = None  # from the handlers' end to the next frame drawn
    scripts: tuple[str, ...] = ()  # what ran longest in the long frames, e.g. "BUTTON#login.onclick (app.js) 4.9 s"

    @property
    def worst_ms(self) -> float:
        """The longest the visitor waited for the page to respond: the slower of the interaction
        and the longest task."""
        return max(self.interaction_ms or 0.0, self.longest_task_ms)


@dataclass(frozen=True)
class FieldChange:
    """A form field whose value changed while another was typed into."""

    label: str
    before: str
    after: str


@dataclass(frozen=True)
class FieldCheck:
    """A `fill` or `select` read back: what the field holds after the step, and the other fields
    that received what was typed (the values of password fields are never kept)."""

    field: str  # the field's label (or name)
    typed: str
    kept: str  # the field's value after the step
    kept_typed: bool  # it shows what was typed (formatting such as spaces, dashes or case aside)
    others: tuple[FieldChange, ...] = ()  # other fields whose value became what was typed


@dataclass(frozen=True)
class DialogShown:
    """A browser dialog the page opened: alert, confirm, prompt or beforeunload, and its text."""

    kind: str
    text: str


@dataclass(frozen=True)
class StepRecord:
    """The outcome of one step; `duration_ms` covers the action and what it started, nothing else."""

    index: int
    action: str
    name: str
    status: str  # passed | failed | skipped | optional-failed
    target: str | None = None
    error: str | None = None
    duration_ms: float = 0.0
    url: str | None = None  # the page's URL after the step
    screenshot: str | None = None
    optional: bool = False
    location: str | None = None  # file:line of the step
    # What the page reported while this step ran, each entry with the page URL it came from.
    console: tuple[ConsoleEntry, ...] = ()
    failed_requests: tuple[FailedRequest, ...] = ()
    # Clicks and key presses: what was clicked, the page before, what visibly happened
    # (navigation | address | requests | page-change | dialog | none), and the time from the action
    # until the page settled again, including requests it started that ended after the step.
    element: ElementInfo | None = None
    url_before: str | None = None
    effect: str | None = None
    interaction_ms: float | None = None
    # The accessibility rules the page broke in the state this step left it in (axe-core).
    accessibility: tuple[A11yViolation, ...] = ()
    accessibility_unchecked: str | None = None  # why axe-core could not check that state (it took too long)
    lighthouse: LighthouseResult | None = None  # when the step, its journey or the run asked for it
    freeze: Freeze | None = None  # long tasks and slow interactions while the step ran
    field_check: FieldCheck | None = None  # fill/select: what the field (and the others) show after
    dialogs: tuple[DialogShown, ...] = ()  # the dialogs the page opened (uxaudit dismisses them)
    page_said: tuple[str, ...] = ()  # a failed step: the error or status messages the page showed
    fault: str | None = None  # "uxaudit" when the step failed through uxaudit's own error, not the site's
    keys: int | None = None  # `type`: how many keys it typed (the text itself is not kept: it may be long or secret)

    @property
    def ok(self) -> bool:
        """True when the step passed."""
        return self.status == "passed"


@dataclass(frozen=True)
class CriterionResult:
    """Whether one success criterion held at the end of a task."""

    description: str
    ok: bool
    error: str | None = None
    page_said: tuple[str, ...] = ()  # when it failed: the error or status messages the page showed
    location: str = ""  # file:line of the criterion in the journey file


@dataclass(frozen=True)
class TaskRecord:
    """One task's steps, criteria and page visits; `status` is passed, failed or skipped."""

    id: str
    name: str
    status: str
    duration_ms: float = 0.0
    max_duration_ms: int | None = None
    error: str | None = None
    steps: tuple[StepRecord, ...] = ()
    criteria: tuple[CriterionResult, ...] = ()
    pages: tuple[PageVisit, ...] = ()
    failure_screenshot: str | None = None  # full page when a success criterion did not hold
    # Time spent checking the success criteria, part of duration_ms: a criterion that never holds
    # is waited for until its time-out, which is why a failed task can take far longer than its steps.
    criteria_ms: float = 0.0
    thresholds: dict[str, Any] = dataclasses.field(default_factory=dict)  # the task's own audit thresholds
    optimal_steps: int | None = None  # the journey's shortest path for this task, in pages (for its lostness)

    @property
    def completed(self) -> bool:
        """True when the task passed."""
        return self.status == "passed"


@dataclass(frozen=True)
class JourneyRecord:
    """One journey's tasks; `error` is set when the journey could not go on (e.g. a crashed page)."""

    id: str
    name: str
    file: str
    device: str
    base_url: str
    tasks: tuple[TaskRecord, ...] = ()
    error: str | None = None
    duration_ms: float = 0.0
    tags: tuple[str, ...] = ()
    mobile: bool = False  # the device profile is a phone or tablet (touch, small screen)
    thresholds: dict[str, Any] = dataclasses.field(default_factory=dict)  # the journey's own audit thresholds
    repeat: int = 1  # which run of the journey this is (`--runs N`)
    importance: float = 1.0  # its weight in the site score (`importance:`)
    order: int | None = None  # its place in the report's story (`order:`)
    trace: str | None = None  # the Playwright trace.zip kept for this run of the journey (run-folder relative)
    video: str | None = None  # the video kept for this run of the journey (run-folder relative)
    setup: tuple[StepRecord, ...] = ()  # the journey's `setup:` steps, before its first task (not audited)
    teardown: tuple[StepRecord, ...] = ()  # its `teardown:` steps, after its last task, even after a failure
    warnings: tuple[str, ...] = ()  # what went wrong beside the tasks (a teardown step failed), in words


@dataclass(frozen=True)
class RunArtifacts:
    """Everything one run gathered."""

    run_id: str
    started_at: str
    base_url: str | None
    browser: str
    journeys: tuple[JourneyRecord, ...] = ()
    duration_ms: float = 0.0
    interrupted: bool = False
    missing: tuple[str, ...] = ()  # what an interrupted run lacks, in words (journeys not finished, audits not run)
    uxaudit_version: str = ""
    notes: tuple[AuditNote, ...] = ()  # tools this run could not use, and why
    repeats: tuple[JourneyRecord, ...] = ()  # with `--runs N`: the journeys' 2nd to Nth runs
    baseline: str | None = None  # the stored run it was compared with (`--baseline`), kept for `report`
    only_new: bool = False
    links: tuple[LinkCheck, ...] = ()
    link_check: LinkCheckSummary | None = None  # None: links were not checked
    # What chose part of the journeys (`--journey checkout*`, `--last-failed`), in words; empty for a
    # whole run. A partial run never enters the site's score trend, `latest` baselines or `compare latest`.
    selection: tuple[str, ...] = ()
    # The PATHS given to `uxaudit run`, as given: the rerun commands name them again, so that they
    # find the same journeys (and nothing else) from the same folder. Empty in runs from before.
    paths: tuple[str, ...] = ()
    artifacts_version: str = ARTIFACTS_VERSION

    @property
    def partial(self) -> bool:
        """Only a selection of the journeys (or of their tasks) ran."""
        return bool(self.selection)

    @property
    def run_count(self) -> int:
        """How many times the journeys ran (`--runs N`): the first run and its repeats."""
        return 1 + len({journey.repeat for journey in self.repeats})

    @property
    def unavailable_tools(self) -> frozenset[str]:
        """The evidence this run lacks: tools noted missing, links not checked (--no-link-check),
        and axe-core in runs gathered before it ran in the page (artifacts version 1)."""
        missing = {note.tool for note in self.notes}
        if self.link_check is None:
            missing.add(LINK_CHECK)
        if self.artifacts_version == "1":
            missing.add(AXE_CORE)
        return frozenset(missing)


def to_dict(record: Any) -> dict[str, Any]:
    """A record as plain JSON-ready data."""
    return dataclasses.asdict(record)


# Artifacts version 2 named the audit a note was about, not the tool: frozen history, for reading
# old runs only (today an audit declares the tools it needs: audits/base.Audit.needs).
_TOOL_OF_AUDIT_V2 = {"accessibility": AXE_CORE, "lighthouse": LIGHTHOUSE}


def run_from_dict(data: dict[str, Any]) -> RunArtifacts:
    """A run from artifacts.json of any version (version 2 named the audit a note was about)."""
    notes = [{"tool": _TOOL_OF_AUDIT_V2.get(note.get("audit"), note.get("audit")), **note}
             for note in data.get("notes") or ()]
    return from_dict(RunArtifacts, {**data, "notes": notes})



def from_dict(cls: type[T], data: dict[str, Any]) -> T:
    """Rebuild a record (and its nested records) from `to_dict` output; unknown keys are ignored."""
    hints = get_type_hints(cls)
    names = {f.name for f in dataclasses.fields(cls)}  # type: ignore[arg-type]
    values = {key: _coerce(hints[key], value) for key, value in data.items() if key in names}
    return cls(**values)


def _coerce(hint: Any, value: Any) -> Any:
    if value is None:
        return None
    origin = get_origin(hint)
    if origin in (types.UnionType, typing.Union):
        inner = [a for a in get_args(hint) if a is not type(None)]
        return _coerce(inner[0], value) if len(inner) == 1 else value
    if origin is tuple:
        return tuple(_coerce(get_args(hint)[0], item) for item in value)
    if dataclasses.is_dataclass(hint) and isinstance(value, dict):
        return from_dict(hint, value)  # type: ignore[arg-type]
    return value
