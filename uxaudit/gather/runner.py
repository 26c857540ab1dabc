"""Journeys → tasks → steps in real Chromium: workers, one browser each, a fresh context per journey.

The runner records; it never scores. Each finished journey is written to the run folder at once,
so an interruption or a later failure loses nothing already measured.
"""

from __future__ import annotations

import asyncio
import logging
import tempfile
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol, TypeVar

from playwright.async_api import Browser, BrowserContext, Error, Playwright, async_playwright

from ..artifacts import JourneyRecord, TaskRecord, from_dict, to_dict
from ..errors import CannotRunError
from ..load.config import RunConfig
from ..load.redact import redact
from ..load.run_values import with_repeat
from ..load.scenario import Journey, Task
from ..run_folder import RunFolder
from .accessibility import AccessibilityChecker
from .browser import ChromiumInfo, launch_args, launch_failure
from .devices import context_options
from .ffmpeg import lent_to_playwright
from .journey_hooks import JourneyHooks
from .lighthouse import LighthouseSession, LighthouseTool, debugging_port
from .links import LinkChecker
from .observer import PageObserver
from .recording import Recording, TraceGroups, close_quietly
from .snapshot import VITALS_SCRIPT
from .step_failure import BROWSER_GONE
from .task_runner import TaskEnv, run_task, skipped_task

log = logging.getLogger(__name__)
R = TypeVar("R", JourneyRecord, TaskRecord)
NOT_RUN = "the journey's later steps were not run"


class RunListener(Protocol):
    """Progress callbacks (the CLI shows them; tests may record them)."""

    def journey_started(self, journey: Journey) -> None: ...
    def task_finished(self, journey: Journey, record: TaskRecord, repeat: int = 1) -> None: ...
    def journey_finished(self, record: JourneyRecord) -> None: ...


class SilentListener:
    """A listener that ignores everything."""

    def journey_started(self, journey: Journey) -> None:
        """Ignore."""

    def task_finished(self, journey: Journey, record: TaskRecord, repeat: int = 1) -> None:
        """Ignore."""

    def journey_finished(self, record: JourneyRecord) -> None:
        """Ignore."""


@dataclass(frozen=True)
class RunPlan:
    """One run: the journeys, their settings, the browser, and where results go."""

    journeys: tuple[Journey, ...]
    config: RunConfig
    chromium: ChromiumInfo
    folder: RunFolder
    accessibility: AccessibilityChecker = field(default_factory=lambda: AccessibilityChecker(None))
    links: LinkChecker | None = None
    lighthouse: LighthouseTool | None = None  # None: Lighthouse is not wanted, or cannot run here

    def wants_lighthouse(self, journey: Journey) -> bool:
        """The run, the journey or one of its steps asks for Lighthouse, and it can run."""
        return self.lighthouse is not None and (self.config.lighthouse_runs > 0 or journey.asks_for_lighthouse)


async def gather(plan: RunPlan, listener: RunListener) -> list[JourneyRecord]:
    """Run every journey (up to `workers` at once), then, one at a time, those that run Lighthouse:
    Lighthouse must have the machine to itself. Records come back in the journeys' order."""
    queue: asyncio.Queue[tuple[Journey, int]] = asyncio.Queue()
    alone = [journey for journey in plan.journeys if plan.wants_lighthouse(journey)]
    for repeat in range(1, plan.config.runs + 1):  # with --runs N: every journey once, then again
        for journey in plan.journeys:
            if repeat > 1 or journey not in alone:  # Lighthouse audits a journey's first run only
                queue.put_nowait((journey, repeat))
    results: dict[tuple[str, int], JourneyRecord] = {}
    with lent_to_playwright(plan.config.video != "off"):
        async with async_playwright() as playwright:
            workers = min(plan.config.workers, queue.qsize()) or 1
            await asyncio.gather(*(_worker(playwright, queue, plan, listener, results) for _ in range(workers)))
            audited: set[str] = set()
            for journey in alone:
                results[(journey.id, 1)] = await _journey_with_lighthouse(playwright, journey, plan, listener,
                                                                          audited)
    return [results[(j.id, repeat)] for repeat in range(1, plan.config.runs + 1) for j in plan.journeys
            if (j.id, repeat) in results]


async def _worker(playwright: Playwright, queue: asyncio.Queue[tuple[Journey, int]], plan: RunPlan,
                  listener: RunListener, results: dict[tuple[str, int], JourneyRecord]) -> None:
    browser: Browser | None = None
    try:
        while not queue.empty():
            journey, repeat = queue.get_nowait()
            if browser is None or not browser.is_connected():
                browser = await launch(playwright, plan)
            listener.journey_started(journey)
            results[(journey.id, repeat)] = await run_journey(browser, journey, plan, playwright.devices, listener,
                                                              repeat)
    finally:
        if browser is not None and browser.is_connected():
            await browser.close()


async def launch(playwright: Playwright, plan: RunPlan) -> Browser:
    """Start one Chromium for a worker; failure to start is 'could not run' (exit 3)."""
    try:
        browser = await playwright.chromium.launch(executable_path=plan.chromium.executable,
                                                   headless=not plan.config.headed, args=launch_args(),
                                                   slow_mo=plan.config.slow_mo_ms or None)
    except Error as error:
        raise CannotRunError(launch_failure(plan.chromium.executable, error)) from None
    await _warm_up(browser)
    return browser


async def _warm_up(browser: Browser) -> None:
    """Render one page before measuring: a cold browser's first paint (process and font start-up)
    would otherwise be charged to the first page of the first journey."""
    context = await browser.new_context()
    try:
        await _render_once(context)
    finally:
        await close_quietly(context)


async def _render_once(context: BrowserContext) -> None:
    page = await context.new_page()
    await page.set_content("<!doctype html><title>warm-up</title><p>uxaudit</p>")
    await page.close()


async def _journey_with_lighthouse(playwright: Playwright, journey: Journey, plan: RunPlan,
                                   listener: RunListener, audited: set[str]) -> JourneyRecord:
    """The journey in its own Chromium, listening on a debugging port so that Lighthouse can audit
    its pages in the same session (cookies, storage): a persistent context is the browser's own,
    which Lighthouse sees; a context from `new_context` would be invisible to it."""
    assert plan.lighthouse is not None
    options = {**context_options(journey.device, playwright.devices), **_credentials(journey)}
    recording = Recording.plan(plan.config, plan.folder, journey, 1)
    listener.journey_started(journey)
    with tempfile.TemporaryDirectory(prefix="uxaudit-profile-", ignore_cleanup_errors=True) as profile:
        context: BrowserContext | None = None
        try:
            context = await playwright.chromium.launch_persistent_context(
                profile, executable_path=plan.chromium.executable, headless=not plan.config.headed,
                args=launch_args(("--remote-debugging-port=0",)), slow_mo=plan.config.slow_mo_ms or None,
                **options, **recording.context_options(options))
            port = await debugging_port(Path(profile))
            await _render_once(context)
        except (Error, OSError) as error:  # this journey cannot run; the others' results stand
            if context is not None:
                await close_quietly(context)
            return _journey_not_run(journey, plan, launch_failure(plan.chromium.executable, error), listener)
        session = LighthouseSession(plan.lighthouse, port, max(journey.lighthouse_runs, plan.config.lighthouse_runs),
                                    bool(options.get("is_mobile")), audited, plan.links, private=bool(journey.secrets))
        return await _run_journey_in(context, journey, plan, options, listener, session, recording=recording)


def _journey_not_run(journey: Journey, plan: RunPlan, why: str, listener: RunListener) -> JourneyRecord:
    record = JourneyRecord(id=journey.id, name=journey.name, file=journey.file, device=journey.device,
                           base_url=journey.base_url or "", error=why, tags=journey.tags,
                           tasks=tuple(skipped_task(t, "skipped: the journey's browser did not start")
                                       for t in journey.tasks), thresholds=journey.thresholds,
                           importance=journey.importance, order=journey.order)
    plan.folder.write_journey(record)
    listener.journey_finished(record)
    return record


async def run_journey(browser: Browser, journey: Journey, plan: RunPlan, devices: dict[str, Any],
                      listener: RunListener | None = None, repeat: int = 1) -> JourneyRecord:
    """One journey in a fresh context; an unexpected failure ends this journey only."""
    options = {**context_options(journey.device, devices), **_credentials(journey)}
    recording = Recording.plan(plan.config, plan.folder, journey, repeat)
    context = await browser.new_context(**options, **recording.context_options(options))
    return await _run_journey_in(context, journey, plan, options, listener or SilentListener(), None, repeat,
                                 recording)


async def _run_journey_in(context: BrowserContext, journey: Journey, plan: RunPlan, options: dict[str, Any],
                          listener: RunListener, lighthouse: LighthouseSession | None,
                          repeat: int = 1, recording: Recording | None = None) -> JourneyRecord:
    """The journey's tasks in `context` (closed after, its trace and video kept or dropped); its
    record is saved at once."""
    started = time.monotonic()
    journey = with_repeat(journey, repeat)  # `${REPEAT}` is this run's number from here on
    base_url = journey.base_url or ""  # resolved by LOAD (load/stage.py)
    hooks = JourneyHooks(journey, base_url, plan.folder, repeat)  # its setup and teardown steps
    tasks: list[TaskRecord] = []
    error: str | None = None
    observer: PageObserver | None = None  # where the journey was when it stopped (a crash names the step)
    recording = recording or Recording.off(plan.folder, journey.id)
    try:
        hooks.trace = await recording.start(context)
        await context.add_init_script(VITALS_SCRIPT)
        observer = PageObserver(await context.new_page())
        error = await hooks.around(observer, tasks, _run_tasks(observer, journey, plan, base_url, tasks, listener,
                                                               lighthouse, repeat, recording.groups))
    except Exception as exc:  # noqa: BLE001 - an internal fault must not end the other journeys
        log.debug("journey %s failed: %s", journey.id, traceback.format_exc())
        error = _journey_error(exc, journey, len(tasks), observer.step if observer else None)
    finally:
        files = await recording.finish(context, observer.page if observer else None,
                                       failed=error is not None or any(t.status == "failed" for t in tasks))
    tasks.extend(skipped_task(t, "skipped: the journey stopped early") for t in journey.tasks[len(tasks):])
    record = JourneyRecord(id=journey.id, name=journey.name, file=journey.file, device=journey.device,
                           base_url=base_url, tasks=tuple(tasks), error=error, tags=journey.tags,
                           mobile=bool(options.get("is_mobile")), thresholds=journey.thresholds,
                           importance=journey.importance, order=journey.order, repeat=repeat,
                           duration_ms=round((time.monotonic() - started) * 1000, 1),
                           trace=files.trace, video=files.video, setup=tuple(hooks.setup),
                           teardown=tuple(hooks.teardown), warnings=(*hooks.warnings, *recording.warnings))
    record = _redacted(record, journey.secrets)
    plan.folder.write_journey(record)
    listener.journey_finished(record)
    return record


async def _run_tasks(observer: PageObserver, journey: Journey, plan: RunPlan, base_url: str,
                     tasks: list[TaskRecord], listener: RunListener,
                     lighthouse: LighthouseSession | None, repeat: int = 1,
                     trace: TraceGroups | None = None) -> str | None:
    env = TaskEnv(journey, observer.page, observer, base_url, plan.folder, plan.accessibility,
                  plan.links, lighthouse, repeat, screen_quiet_ms=plan.config.screen_quiet_ms,
                  pause=plan.config.debug and plan.config.headed, trace=trace or TraceGroups())
    failed: Task | None = None
    for task in journey.tasks:
        if failed is not None:
            tasks.append(skipped_task(task, f"skipped: the earlier task “{failed.name}” failed"))
            continue
        record = _redacted(await run_task(task, env), journey.secrets)
        tasks.append(record)
        listener.task_finished(journey, record, repeat)
        if gone := observer.gone():  # a crash, a browser that died: the journey cannot go on
            return stopped(gone[0], task, gone[1])
        if not record.completed:
            failed = task
    return None


def stopped(why: str, task: Task | None, step: str | None) -> str:
    """Why a journey stopped (its page crashed, its browser died), with the task and step it was on:
    `the browser crashed or was closed at step 3 (Click “Pay”) of the task “Pay”; …`."""
    return f"{why}{_where(task, step)}; {NOT_RUN}"


def _journey_error(exc: Exception, journey: Journey, finished: int, step: str | None = None) -> str:
    """Why a journey stopped, in words: a browser that died is not an internal fault. `step` says
    where the task it was on had got to (`at step 3 (Click “Pay”)`)."""
    text = str(exc)
    if isinstance(exc, Error) and ("has been closed" in text or "crashed" in text.lower()):
        return stopped(BROWSER_GONE, journey.tasks[finished] if finished < len(journey.tasks) else None, step)
    return f"uxaudit could not finish this journey: {exc}"


def _where(task: Task | None, step: str | None) -> str:
    """` at step 3 (Click “Pay”) of the task “Pay”`, ` during the task “Pay”`, or "" when neither is known."""
    if task is None:
        return ""
    return f" {step} of the task “{task.name}”" if step else f" during the task “{task.name}”"


def _credentials(journey: Journey) -> dict[str, Any]:
    """HTTP authentication for the journey's site, from its base URL's `user:password@`."""
    if journey.http_credentials is None:
        return {}
    username, password = journey.http_credentials
    return {"http_credentials": {"username": username, "password": password}}


def _redacted(record: R, secrets: frozenset[str]) -> R:
    """The record with secret values masked, before anyone (the terminal included) sees it."""
    return from_dict(type(record), redact(to_dict(record), secrets)) if secrets else record
