"""Run one task's steps in a page, time them, check success, and record each page visit."""

from __future__ import annotations

import asyncio
import itertools
import time
from collections.abc import Coroutine
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, TypeVar

from playwright.async_api import Error, Locator, Page

from ..artifacts import (
    FOCUSED,
    CriterionResult,
    FieldCheck,
    Freeze,
    LighthouseResult,
    LinkSource,
    PageVisit,
    StepRecord,
    TaskRecord,
)
from ..atomic_write import write_atomic
from ..load.redact import redact
from ..load.scenario import Journey, Step, Task
from ..run_folder import RunFolder, journey_files
from .accessibility import AccessibilityChecker, Checked
from .conditions import wait_for_condition
from .effects import PageState, page_state, wait_for_effect
from .field_check import FormState, check_field, read_form
from .lighthouse import LighthouseSession
from .links import LinkChecker, page_links
from .marks import ActedOn
from .observer import Navigation, PageObserver
from .page_words import page_messages, said
from .recording import TraceGroups
from .screens import RouteChange, new_screen, same_screen
from .snapshot import PageSnapshot, read_layout_shift, save_screenshot, take_snapshot
from .step_failure import (
    BROWSER_GONE,
    StepFailure,
    describe_network_error,
    describe_playwright_error,
    is_tool_fault,
)
from .timeline import Timeline, drain, forget, wait_for_screen
from .untraced import untraced
from .verbs import VERBS, StepContext

T = TypeVar("T")
QUIET_MS = 150  # nothing in flight for this long counts as "settled" (the window itself is not timed)
SETTLE_GRACE_S = 0.5  # how long a finished interaction's last requests get to report their end
SETTLE_LIMIT_MS = 2_000  # after that, requests still running (polling, slow XHR) are left to `expect`
SCREEN_LIMIT_S = 2.0  # a screen still changing this long past its quiet period is timed to its network
PICTURES_LIMIT_S = 10.0  # how long a new in-app screen's pictures are waited for (as a load event would)
FORM_VERBS = ("fill", "select", "type")  # read back after the step (`type`: into a targeted form field)
# What a step the renderer died under may have said before its crash was known: a load "interrupted".
_DIED_UNDER = (describe_network_error("net::ERR_ABORTED"), BROWSER_GONE)
AFTER_THE_STEPS = "after the last step"  # a crash while the success criteria are checked: "… of the task “X”"


@dataclass
class TaskEnv:
    """What running a task needs from its journey (shared by the journey's tasks)."""

    journey: Journey
    page: Page
    observer: PageObserver
    base_url: str
    folder: RunFolder
    accessibility: AccessibilityChecker
    links: LinkChecker | None = None
    lighthouse: LighthouseSession | None = None
    repeat: int = 1  # with --runs N: which run of the journey
    masks: list[Locator] = field(default_factory=list)
    screen_quiet_ms: float = 200  # an in-app route's new screen is drawn once it stops changing this long
    last_title: str = ""  # the document title of the last screen: an app's unchanged title names no new one
    pause: bool = False  # --debug: the Playwright Inspector pauses before each step
    trace: TraceGroups = field(default_factory=TraceGroups)  # the trace's action list grouped by task and step

    @property
    def files_as(self) -> str:
        """The folder name of this journey's files in the run folder (one per repeat)."""
        return journey_files(self.journey.id, self.repeat)


@dataclass
class TaskProgress:
    """The records of a task as they accumulate."""

    steps: list[StepRecord] = field(default_factory=list)
    pages: list[PageVisit] = field(default_factory=list)
    timed_ms: float = 0.0
    failure: str | None = None
    ended_at: dict[int, float] = field(default_factory=dict)  # step index → when its timed span ended
    criteria_ms: float = 0.0  # time spent waiting for the success criteria
    route_started: dict[int, float] = field(default_factory=dict)  # route visit → its page time (ms)
    step_began: float = 0.0  # page time (ms) when the last step began: messages since then are its answer
    acted_at: list[float] = field(default_factory=list)  # when each action began (monotonic), in order
    acting_ms: dict[int, float] = field(default_factory=dict)  # step index → time the visitor spent typing
    screen_url: str | None = None  # the address of the screen shown after the last step
    undrained: int | None = None  # a step whose timeline the page was too busy to give: read it next


async def run_task(task: Task, env: TaskEnv) -> TaskRecord:
    """Do the task's steps in order; a failed non-optional step skips the rest and fails the task."""
    progress = TaskProgress()
    task_group = await env.trace.open(f"Task: {task.name}")
    for index, step in enumerate(task.steps, start=1):
        if progress.failure is not None:
            progress.steps.append(_skipped(index, step))
            continue
        env.observer.step = step_position(index, step)
        if env.pause:
            await env.page.pause()  # headed: the Playwright Inspector, until the user resumes
        step_group = await env.trace.open(f"Step {index}: {step.name}", step.location)
        with untraced():  # only the visitor's action is recorded in the trace (gather/untraced.py)
            record = await run_step(index, step, task, env, progress)
        if record.error:
            await env.trace.note(f"✗ {record.error}")
            await env.trace.snapshot(env.page, stuck=env.observer.stuck)
        await env.trace.close(step_group)
        progress.steps.append(record)
        if record.status == "failed":
            progress.failure = f"Step {index} ({step.name}): {record.error}"
    env.observer.step = AFTER_THE_STEPS
    with untraced():
        outcome = await _finish_task(task, env, progress)
    for unmet in (c for c in outcome.criteria if not c.ok and progress.failure is None):
        await env.trace.note(f"✗ Expected that {unmet.description}, but {unmet.error}")
    env.observer.step = None
    await env.trace.close(task_group)
    return outcome


async def _finish_task(task: Task, env: TaskEnv, progress: TaskProgress) -> TaskRecord:
    """After the steps: the success criteria, what the page did late, and the task's record."""
    criteria = await _check_success(task, env, progress)
    await _record_late_activity(task, env, progress)
    await _let_interaction_settle(env)
    _finish_interaction(env, progress, task)
    outcome = _task_record(task, progress, criteria)
    if progress.failure is None and not all(c.ok for c in criteria):
        outcome = replace(outcome, failure_screenshot=await _page_screenshot(task, env, "criteria-failure"))
    return outcome


def step_position(index: int, step: Step) -> str:
    """Where a task is, in words, for a crash to name: `at step 3 (Click “Pay”)`."""
    return f"at step {index} ({step.name})"


async def run_step(index: int, step: Step, task: Task, env: TaskEnv, progress: TaskProgress) -> StepRecord:
    """Perform one step (timed), then record what it did to the page (untimed)."""
    timeout_ms = resolved_timeout(step.timeout_ms)
    env.observer.stuck = False  # each step asks again: a page that was busy may answer now
    await _recover_timeline(task, env, progress)
    step_began = progress.step_began = await ask(env.observer, forget(env.page), 0.0)
    before = await _begin_interaction(index, task, env, progress) if VERBS[step.action].interaction else None
    shown_url = _current_url(env.page)
    form: FormState | None = await ask(env.observer, read_form(env.page), None) if step.action in FORM_VERBS else None
    navigations_before = env.observer.navigations_started
    started = time.monotonic()
    ctx = StepContext(env.page, env.observer, env.base_url, timeout_ms, started + timeout_ms / 1000,
                      lambda name: env.folder.screenshot(env.files_as, task.id, name, ".png"),
                      env.journey.secrets, env.masks, screen_quiet_ms=env.screen_quiet_ms, shown_url=shown_url)
    error, ended = await _perform(step, ctx)
    if env.observer.interaction is not None:
        env.observer.interaction.open = False  # requests started from now on are not this step's
    duration_ms = (ended - started) * 1000
    progress.timed_ms += duration_ms
    progress.ended_at[index] = ended
    progress.acted_at.append(ctx.acted_at or started)
    progress.acting_ms[index] = ctx.acting_ms
    effect = None
    if before is not None and error is None and step.action == "click":
        effect = await wait_for_effect(env.page, env.observer, before)
    field_check = await _read_back(ctx, step, env, form) if ctx.filled and not error else None
    timeline = await _drain(index, env, progress)
    await _record_visits(index, task, env, progress, timeline, shown_url)
    _add_blocking(progress, timeline.freeze)
    await _update_layout_shift(index, env, progress)
    navigated = env.observer.navigations_started != navigations_before  # a new document: a new clock
    page_said = await ask(env.observer, page_messages(env.page, 0 if navigated else step_began), ()) if error else ()
    progress.screen_url = _current_url(env.page)
    # What the step acted on is marked, unless a new document replaced the one it was on.
    shot = await _step_screenshot(index, task, env, failed=error is not None,
                                  acted=None if navigated else ctx.acted_on)
    _attach_screenshot(progress, index, shot)
    console, failed_requests = env.observer.drain_console(), env.observer.drain_failed_requests()
    axe = Checked() if env.observer.gone() else await env.accessibility.check(env.page)
    lighthouse = await _lighthouse(index, step, task, env, progress)
    error = _page_gone(env.observer, error)
    status = "passed" if error is None else ("optional-failed" if step.optional else "failed")
    return StepRecord(index=index, action=step.action, name=step.name, status=status,
                      target=_target_words(step), keys=len(step.text or "") if step.action == "type" else None,
                      error=error + said(page_said) if error else None,
                      duration_ms=round(duration_ms, 1), url=_current_url(env.page), screenshot=shot,
                      optional=step.optional, location=step.location,
                      console=tuple(console), failed_requests=tuple(failed_requests),
                      element=ctx.clicked, url_before=before.url if before else None, effect=effect,
                      accessibility=axe.violations, accessibility_unchecked=axe.unchecked, lighthouse=lighthouse,
                      freeze=timeline.freeze,
                      field_check=field_check, dialogs=tuple(env.observer.drain_dialogs()), page_said=page_said,
                      fault="uxaudit" if is_tool_fault(error) else None)


def _target_words(step: Step) -> str | None:
    """What the step acted on, in words; `type` without a target types where the focus is (its text is
    not a target, and may be long or secret)."""
    if step.target is not None:
        return step.target.describe()
    return FOCUSED if step.action == "type" else step.text


def _page_gone(observer: PageObserver, error: str | None) -> str | None:
    """The step's error, or why the page went away during it (a crash, a browser that died): the
    step failed then, whatever it had said before the event came (a load "interrupted", or nothing)."""
    gone = observer.gone()
    if gone is None or gone[1] != observer.step or not (error is None or error in _DIED_UNDER):
        return error
    return gone[0]


async def _drain(index: int, env: TaskEnv, progress: TaskProgress) -> Timeline:
    """The step's timeline; when the page is too busy to give it (a freeze), it is read next time."""
    timeline = await ask(env.observer, drain(env.page), None)
    if timeline is None:
        progress.undrained = index
        return Timeline()
    return timeline


async def _recover_timeline(task: Task, env: TaskEnv, progress: TaskProgress) -> None:
    """The timeline of a step whose page was busy when asked: read now, before the next step
    clears it, and given to that step (its freeze, the screen its route change showed)."""
    index, progress.undrained = progress.undrained, None
    if index is None or not 0 < index <= len(progress.steps):
        return
    timeline = await ask(env.observer, drain(env.page), None)
    if timeline is None:
        return
    record = progress.steps[index - 1]
    progress.steps[index - 1] = replace(record, freeze=timeline.freeze or record.freeze)
    shown = progress.pages[-1].final_url if progress.pages else None
    await _record_visits(index, task, env, progress, timeline, shown)
    _add_blocking(progress, timeline.freeze)


async def ask(observer: PageObserver, question: Coroutine[Any, Any, T], default: T) -> T:
    """A question uxaudit asks the page for its evidence (not the journey's own steps): once the
    page has stopped answering (a frozen main thread), later questions are not asked until a new
    document loads, so a stuck page costs one time-out, not one per question."""
    if observer.stuck or observer.gone():
        question.close()
        return default
    try:
        return await question
    except StepFailure:
        observer.stuck = True
        return default


async def _read_back(ctx: StepContext, step: Step, env: TaskEnv, before: FormState | None) -> FieldCheck | None:
    """A fill or select read back from the page (nothing when the page cannot say)."""
    assert ctx.filled is not None
    return await ask(env.observer, check_field(ctx.filled, step.text or "", before, env.journey.secrets), None)


async def _begin_interaction(index: int, task: Task, env: TaskEnv, progress: TaskProgress) -> PageState:
    """Close the previous interaction's books, then start following this one."""
    await _let_interaction_settle(env)
    _finish_interaction(env, progress, task)
    before = await page_state(env.page, env.observer)
    env.observer.begin_interaction(index)
    return before


async def _let_interaction_settle(env: TaskEnv) -> None:
    """The answer a waiting step just saw may still be finishing (its request's last event comes a
    moment after the page shows it): give it a moment, untimed, before the books are closed."""
    interaction, deadline = env.observer.interaction, time.monotonic() + SETTLE_GRACE_S
    while interaction is not None and interaction.pending and time.monotonic() < deadline:
        await asyncio.sleep(0.02)


def _finish_interaction(env: TaskEnv, progress: TaskProgress, task: Task) -> None:
    """Write how long the last click or key press took to settle into its step record: until its
    requests ended, even after the step (the slow chat answer a later `expect` waited for)."""
    interaction, env.observer.interaction = env.observer.interaction, None
    if interaction is None or not 0 < interaction.step <= len(progress.steps):
        return
    record = progress.steps[interaction.step - 1]
    if record.status == "skipped" or record.index != interaction.step:
        return
    settled_ms = (interaction.settled_at() - interaction.started) * 1000
    # A `type` step's keys are the visitor's own time: the site answered from the last key on.
    answered_ms = max(settled_ms, record.duration_ms) - progress.acting_ms.get(interaction.step, 0.0)
    progress.steps[interaction.step - 1] = replace(record, interaction_ms=round(max(answered_ms, 0.0), 1))
    if not interaction.pending:
        _count_the_whole_wait(interaction.settled_at(), interaction.step, task, progress)


def _count_the_whole_wait(settled_at: float, step: int, task: Task, progress: TaskProgress) -> None:
    """A visitor who clicks and then waits for the answer waits from the click until the answer.
    uxaudit's own work after the click (screenshot, axe, the effect watch) is untimed, but the site
    kept answering meanwhile, so the waiting steps after it (`expect`, `wait` for something, and the
    success criteria when nothing else follows) only timed the rest. Their time is raised to the
    whole wait: from the click's end until its requests were answered."""
    waits = list(itertools.takewhile(lambda r: r.status == "passed" and _waits_for_something(task, r.index),
                                     progress.steps[step:]))
    to_the_end = step + len(waits) == len(task.steps)
    covered = sum(w.duration_ms for w in waits) + (progress.criteria_ms if to_the_end else 0)
    missing = (settled_at - progress.ended_at.get(step, settled_at)) * 1000 - covered
    if missing <= 0 or not (waits or (to_the_end and task.success)):
        return
    progress.timed_ms += missing
    if waits:  # on the last waiting step: it is the one that saw the answer arrive
        last = waits[-1]
        progress.steps[last.index - 1] = replace(last, duration_ms=round(last.duration_ms + missing, 1))


def _waits_for_something(task: Task, index: int) -> bool:
    step = task.steps[index - 1]
    return step.action == "expect" or (step.action == "wait" and step.condition is not None)


async def _perform(step: Step, ctx: StepContext) -> tuple[str | None, float]:
    """(why the step failed or None, when the page was done with what the step started)."""
    navigations_before = ctx.observer.navigations_started
    try:
        verb = VERBS[step.action]
        await verb.perform(ctx, step)
        if verb.starts_work:
            settled = await _settle(ctx, navigations_before, watch=verb.starts_work_soon)
            if ctx.observer.navigations_started != navigations_before:
                return None, settled  # a document loaded: its load event was the screen being drawn
            return None, max(settled, await _screen_drawn(ctx, settled))
    except StepFailure as failure:
        return str(failure), time.monotonic()
    except Error as error:
        return _why_failed(error, ctx, navigations_before), time.monotonic()
    return None, time.monotonic()


def _why_failed(error: Error, ctx: StepContext, navigations_before: int) -> str:
    """Playwright's words, unless the step's page load broke off on the network: a connection closed
    mid-page leaves Chromium waiting for a load event that never comes, which Playwright calls a time-out."""
    broke_off = ctx.observer.last_navigation_error
    if broke_off and ctx.observer.navigations_started != navigations_before and "ERR_ABORTED" not in broke_off:
        return describe_network_error(broke_off)
    return describe_playwright_error(error, ctx.timeout_ms)


async def _settle(ctx: StepContext, navigations_before: int, watch: bool) -> float:
    """Wait for what the action started — navigations to load (even one that begins late), then the
    network to go quiet — and return when the last of it ended; the quiet window is not counted."""
    settled, seen = time.monotonic(), navigations_before
    while True:
        if ctx.observer.navigations_started > seen:
            seen = ctx.observer.navigations_started
            await _await_load(ctx)
            settled = time.monotonic()
        await _network_quiet(ctx, QUIET_MS if watch else 0)
        if ctx.observer.navigations_started == seen:
            return max(settled, min(ctx.observer.last_activity, time.monotonic()))


async def _screen_drawn(ctx: StepContext, settled: float) -> float:
    """After an in-app route change, the visitor waits for the new screen, not only the network:
    until the page stopped changing and its pictures in view arrived (the quiet window itself is
    not counted). A screen that never stops changing (a ticker) is timed to its network."""
    now = time.monotonic()
    quiet_until = min(ctx.deadline, now + ctx.screen_quiet_ms / 1000 + SCREEN_LIMIT_S)
    pictures_until = min(ctx.deadline, now + PICTURES_LIMIT_S)
    drawn = await ask(ctx.observer, wait_for_screen(ctx.page, ctx.shown_url, ctx.screen_quiet_ms, quiet_until,
                                                    pictures_until), None)
    if drawn is None:
        return settled
    return min(max(settled, drawn.changed_at or 0.0, drawn.pictures_at or 0.0), time.monotonic())


async def _await_load(ctx: StepContext) -> None:
    observer = ctx.observer
    while observer.navigations_ended < observer.navigations_started and time.monotonic() < ctx.deadline:
        await asyncio.sleep(0.02)
    if observer.navigations_ended < observer.navigations_started:
        raise StepFailure(f"the page did not answer within {ctx.timeout_ms / 1000:g} s")
    if observer.last_navigation_error:  # as with `goto`: a navigation that produced no page fails
        raise StepFailure(describe_network_error(observer.last_navigation_error))
    await ctx.page.wait_for_load_state("load", timeout=ctx.remaining_ms())


async def _network_quiet(ctx: StepContext, quiet_ms: float) -> None:
    limit = min(ctx.deadline, time.monotonic() + SETTLE_LIMIT_MS / 1000)
    quiet_since = time.monotonic()
    while time.monotonic() < limit:
        if ctx.observer.busy():
            quiet_since = time.monotonic()
        elif (time.monotonic() - quiet_since) * 1000 >= quiet_ms:
            return
        await asyncio.sleep(0.025)


async def _record_visits(step_index: int, task: Task, env: TaskEnv, progress: TaskProgress,
                         timeline: Timeline, shown_url: str | None) -> None:
    """The step's new screens: each document it loaded, or else the in-app route it moved to."""
    navigations = await env.observer.drain_navigations()
    for position, navigation in enumerate(navigations):
        is_current = position == len(navigations) - 1 and navigation.error is None
        visit = await _page_visit(len(progress.pages) + 1, step_index, navigation, task, env, is_current)
        progress.pages.append(visit)
    if navigations:
        return  # routes set while a document loaded are that page's own start-up
    routes = new_screen(timeline.routes, shown_url)
    if routes:
        progress.pages.append(await _route_visit(len(progress.pages) + 1, step_index, routes, timeline,
                                                 task, env, progress))


async def _page_visit(number: int, step: int, nav: Navigation, task: Task, env: TaskEnv,
                      is_current: bool) -> PageVisit:
    first = nav.hops[0].url if nav.hops else nav.final.url  # what was asked for, before any redirect
    visit = PageVisit(index=number, step=step, requested_url=first, final_url=nav.final.url,
                      status=nav.status, error=nav.error, redirects=tuple(nav.hops))
    if not is_current:
        return visit
    snap = await take_snapshot(env.page)
    visit = await _with_contents(replace(visit, **snap.timing), snap, task, env)
    env.last_title = visit.title
    return visit


async def _route_visit(number: int, step: int, routes: list[RouteChange], timeline: Timeline,
                       task: Task, env: TaskEnv, progress: TaskProgress) -> PageVisit:
    """An in-app navigation as a page visit; its times count from the action that led to it (None
    when no action came before it). It has no status of its own: no document was asked for."""
    first, previous_title = routes[0], env.last_title
    progress.route_started[number] = first.page_ms
    cls, shifted = await read_layout_shift(env.page, since_ms=first.page_ms)
    paints = [at for at in timeline.paints if at >= first.at]
    acted = max((at for at in progress.acted_at if at <= first.at), default=None)
    end = progress.ended_at.get(step)
    # Done when the step that led here ended (if the route came within it) and its largest paint.
    done = max([first.at, *paints, *([end] if end is not None and end >= first.at else [])])
    visit = PageVisit(index=number, step=step, requested_url=first.url,
                      final_url=_current_url(env.page) or routes[-1].url, kind="route", via=first.via,
                      load_ms=_since(done, acted), fcp_ms=_since(min(paints, default=None), acted),
                      lcp_ms=_since(max(paints, default=None), acted), cls=cls, shifted=shifted)
    visit = await _with_contents(visit, await take_snapshot(env.page), task, env)
    title, env.last_title = visit.title, visit.title
    return replace(visit, title="") if title == previous_title else visit


async def _with_contents(visit: PageVisit, snap: PageSnapshot, task: Task, env: TaskEnv) -> PageVisit:
    """The visit with what the page shows: title, text, HTML (saved) and its links (checked)."""
    html_path = write_atomic(env.folder.page_html(env.files_as, task.id, visit.index),
                             redact(snap.html, env.journey.secrets))
    if env.links is not None and snap.html:  # a page that could not be read has no links to read either
        source = LinkSource(visit.final_url, env.journey.id, task.id, visit.step)
        env.links.submit(await page_links(env.page), source, env.base_url or visit.final_url)
    return replace(visit, title=snap.title, visible_text=snap.visible_text, html_file=env.folder.relative(html_path))


def _since(moment: float | None, acted: float | None) -> float | None:
    """Milliseconds from the action to `moment` (None when either is not known)."""
    if moment is None or acted is None:
        return None
    return round(max(0.0, moment - acted) * 1000, 1)


def _add_blocking(progress: TaskProgress, freeze: Freeze | None) -> None:
    """Total blocking time per page visit: the long tasks of the steps taken while it was shown."""
    last = progress.pages[-1] if progress.pages else None
    if freeze is None or not freeze.long_tasks or last is None or last.error is not None:
        return
    progress.pages[-1] = replace(last, blocking_ms=round((last.blocking_ms or 0) + freeze.blocking_ms, 1))


async def _update_layout_shift(step_index: int, env: TaskEnv, progress: TaskProgress) -> None:
    """A page still showing after a later step may have shifted since (a banner that pops in while
    the visitor waits): bring its CLS up to date."""
    last = progress.pages[-1] if progress.pages else None
    if last is None or last.step == step_index or last.error is not None or not _still_shown(last, env.page.url):
        return
    cls, shifted = await read_layout_shift(env.page, since_ms=progress.route_started.get(last.index, 0))
    if cls is not None and cls > (last.cls or 0):
        progress.pages[-1] = replace(last, cls=cls, shifted=shifted)


def _still_shown(visit: PageVisit, url: str) -> bool:
    """The page shows the visit's screen still: its address, or one that differs only in an anchor
    or a replaced query (an app that tidied its address as it started)."""
    return url == visit.final_url or same_screen(visit.final_url, url, "replaceState")


async def _lighthouse(index: int, step: Step, task: Task, env: TaskEnv,
                      progress: TaskProgress) -> LighthouseResult | None:
    """Lighthouse on the page the step left, when the step asks, or its journey asks for every new
    page; untimed, in the journey's session. Nothing when the page is gone or not a web page."""
    session = env.lighthouse
    if session is None or env.observer.gone():
        return None
    url = _current_url(env.page) or ""
    last = progress.pages[-1] if progress.pages else None
    arrived = last is not None and last.step == index and last.error is None  # the step brought a new page
    runs = session.runs_for(step.lighthouse_runs, url if arrived else None)
    if not runs or not url.startswith(("http://", "https://")):
        return None
    result = await session.audit(url, env.folder.lighthouse_report(env.files_as, task.id, index), runs)
    return replace(result, report_html=_saved(env, result.report_html), report_json=_saved(env, result.report_json))


def _saved(env: TaskEnv, path: str | None) -> str | None:
    """A Lighthouse report file, its secrets masked like every other file, relative to the run folder."""
    if not path:
        return None
    if env.journey.secrets:
        text = Path(path).read_text(encoding="utf-8")
        write_atomic(Path(path), redact(text, env.journey.secrets))
    return env.folder.relative(Path(path))


def _attach_screenshot(progress: TaskProgress, step_index: int, shot: str | None) -> None:
    """The step's screenshot shows the page it ended on: the last visit it caused."""
    last = progress.pages[-1] if progress.pages else None
    if shot and last is not None and last.step == step_index and last.error is None:
        progress.pages[-1] = replace(last, screenshot=shot)


async def _step_screenshot(index: int, task: Task, env: TaskEnv, failed: bool,
                           acted: ActedOn | None = None) -> str | None:
    name, suffix = (f"{index}-failure", ".png") if failed else (str(index), ".jpg")
    return await _page_screenshot(task, env, name, suffix, acted)


async def _page_screenshot(task: Task, env: TaskEnv, name: str, suffix: str = ".png",
                           acted: ActedOn | None = None) -> str | None:
    """A JPEG thumbnail of the viewport, or (.png) the full page, the element `acted` on marked;
    None if the page is gone."""
    path = env.folder.screenshot(env.files_as, task.id, name, suffix)
    if env.observer.gone() or not await save_screenshot(env.page, path, suffix == ".png", env.masks,
                                                         env.journey.secrets, acted):
        return None
    return env.folder.relative(path)


async def _check_success(task: Task, env: TaskEnv, progress: TaskProgress) -> list[CriterionResult]:
    if progress.failure is not None:
        return [CriterionResult(c.describe(), False, "not checked: a step failed", location=c.location)
                for c in task.success]
    await ask(env.observer, forget(env.page), 0.0)
    results: list[CriterionResult] = []
    for condition in task.success:
        timeout_ms = resolved_timeout(task.timeout_ms)
        if _any_failed(results):
            timeout_ms = 0  # the page had a whole timeout to get there already: check the rest once
        started = time.monotonic()
        failure = await wait_for_condition(env.page, env.observer, condition, env.base_url,
                                           started + timeout_ms / 1000)
        progress.timed_ms += (time.monotonic() - started) * 1000
        progress.criteria_ms += (time.monotonic() - started) * 1000
        page_said = (await ask(env.observer, page_messages(env.page, progress.step_began), ())
                     if failure is not None and not _any_failed(results) else ())
        results.append(CriterionResult(condition.describe(), failure is None, failure, page_said, condition.location))
    return results


async def _record_late_activity(task: Task, env: TaskEnv, progress: TaskProgress) -> None:
    """Pages and errors that arrived while success criteria were checked belong to the last step."""
    if not progress.steps or progress.steps[-1].status == "skipped":
        return
    last = progress.steps[-1]
    timeline = await _drain(last.index, env, progress)
    await _record_visits(last.index, task, env, progress, timeline, progress.screen_url)
    _add_blocking(progress, timeline.freeze)
    await _update_layout_shift(last.index, env, progress)
    console, failed = env.observer.drain_console(), env.observer.drain_failed_requests()
    if console or failed:
        progress.steps[-1] = replace(last, console=last.console + tuple(console),
                                     failed_requests=last.failed_requests + tuple(failed))


def _task_record(task: Task, progress: TaskProgress, criteria: list[CriterionResult]) -> TaskRecord:
    error = progress.failure or next((f"Expected that {c.description}, but {c.error}{said(c.page_said)}"
                                      for c in criteria if not c.ok), None)
    if error is None and task.max_duration_ms and progress.timed_ms > task.max_duration_ms:
        error = (f"took {progress.timed_ms / 1000:.1f} s, over the task's limit of "
                 f"{task.max_duration_ms / 1000:g} s (max_duration_ms)")
    return TaskRecord(id=task.id, name=task.name, status="failed" if error else "passed",
                      duration_ms=round(progress.timed_ms, 1), max_duration_ms=task.max_duration_ms,
                      error=error, steps=tuple(progress.steps), criteria=tuple(criteria),
                      pages=tuple(progress.pages), thresholds=task.thresholds,
                      criteria_ms=round(progress.criteria_ms, 1), optimal_steps=task.optimal_steps)


def _any_failed(results: list[CriterionResult]) -> bool:
    """A criterion failed already (the page's messages were read for it)."""
    return any(not r.ok for r in results)


def resolved_timeout(timeout_ms: int | None) -> int:
    """A step's or task's timeout, which LOAD decided (load/stage.py: step → task → journey → run)."""
    if timeout_ms is None:
        raise ValueError("the journey's timeouts were not resolved: load journeys with load.stage.load_run")
    return timeout_ms


def skipped_task(task: Task, reason: str) -> TaskRecord:
    """A task not attempted because an earlier one failed (its pages are not visited)."""
    steps = tuple(_skipped(i, s) for i, s in enumerate(task.steps, start=1))
    return TaskRecord(id=task.id, name=task.name, status="skipped", error=reason,
                      max_duration_ms=task.max_duration_ms, steps=steps, thresholds=task.thresholds,
                      optimal_steps=task.optimal_steps)


def _skipped(index: int, step: Step) -> StepRecord:
    return StepRecord(index=index, action=step.action, name=step.name, status="skipped",
                      target=step.target.describe() if step.target else step.text,
                      optional=step.optional, location=step.location)


def _current_url(page: Page) -> str | None:
    try:
        return page.url
    except Error:
        return None
