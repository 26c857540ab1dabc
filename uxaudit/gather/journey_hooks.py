"""A journey's `setup:` and `teardown:` steps: the test data its tasks need, made before the first
task and removed after the last (even after a failure), in the journey's own page.

They are not the visitor's experience: they run through the verbs' own behaviour but are not timed
as tasks are, not audited, and the pages they open are not page visits. What they leave in the page
observer (navigations, console errors, failed requests) is taken out before the first task begins,
so none of it is charged to that task.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Coroutine
from dataclasses import dataclass, field
from typing import Any

from playwright.async_api import Error, Locator

from ..artifacts import StepRecord, TaskRecord
from ..load.scenario import Journey, Step
from ..run_folder import RunFolder, journey_files
from .observer import PageObserver
from .page_words import page_messages, said
from .recording import TraceGroups
from .snapshot import save_screenshot
from .step_failure import StepFailure, describe_network_error, describe_playwright_error
from .task_runner import resolved_timeout, skipped_task
from .timeline import forget
from .untraced import untraced
from .verbs import VERBS, StepContext

SETUP, TEARDOWN = "setup", "teardown"
START_GRACE_S = 0.05  # a click's navigation or request begins a few ms after the click returns
QUIET_LIMIT_S = 2.0  # requests still running after this (polling) do not hold the next step back


@dataclass
class JourneyHooks:
    """Runs one journey run's setup and teardown, and keeps their step records and warnings."""

    journey: Journey
    base_url: str
    folder: RunFolder
    repeat: int = 1
    setup: list[StepRecord] = field(default_factory=list)
    teardown: list[StepRecord] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    masks: list[Locator] = field(default_factory=list)  # fields a secret was typed into: hidden in screenshots
    trace: TraceGroups = field(default_factory=TraceGroups)  # the trace's action list: a group per hook and step

    async def around(self, observer: PageObserver, tasks: list[TaskRecord],
                     run_tasks: Coroutine[Any, Any, str | None]) -> str | None:
        """Setup, the tasks (`run_tasks`, which fills `tasks`), then teardown, also after a task
        failed or raised. A failed setup skips every task and is the journey's error (returned)."""
        try:
            failure = await self.set_up(observer)
        except BaseException:
            run_tasks.close()  # never started: closed, so that Python does not warn it was never awaited
            raise
        if failure:
            run_tasks.close()
            tasks.extend(skipped_task(task, f"skipped: {failure}") for task in self.journey.tasks)
            await self.tear_down(observer)
            return failure
        try:
            error = await run_tasks
        except Exception:
            await self.tear_down(observer)
            raise
        await self.tear_down(observer)
        return error

    async def set_up(self, observer: PageObserver) -> str | None:
        """The setup steps; why they failed (`the journey's setup failed at step 2 (…): …`), or None."""
        failed = await self._run(SETUP, self.journey.setup, observer, self.setup)
        return f"the journey's setup failed {failed}" if failed else None

    async def tear_down(self, observer: PageObserver) -> None:
        """The teardown steps, in a new page of the journey's context when a task crashed its page;
        not when the browser is gone. A failure is a warning: the tasks' results stand."""
        if not self.journey.teardown:
            return
        page = await _page_for_teardown(observer)
        if page is None:
            self.warnings.append("the journey's teardown was not run: the browser was gone")
            return
        if failed := await self._run(TEARDOWN, self.journey.teardown, page, self.teardown):
            later = " (its later steps were not run)" if self.teardown[-1].status == "skipped" else ""
            self.warnings.append(f"the journey's teardown failed {failed}{later}")

    async def _run(self, hook: str, steps: tuple[Step, ...], observer: PageObserver,
                   records: list[StepRecord]) -> str | None:
        """Each step in order, stopping at the first failure (a later step builds on it): where and why."""
        if not steps:
            return None  # a journey without this hook runs exactly as before hooks existed
        failure: str | None = None
        hook_group = await self.trace.open(hook.capitalize())
        for index, step in enumerate(steps, start=1):
            if failure is not None:
                records.append(_skipped(index, step))
                continue
            observer.step = f"at {hook} step {index} ({step.name})"  # a crash meanwhile names it
            step_group = await self.trace.open(f"Step {index}: {step.name}", step.location)
            with untraced():  # only the step's action is recorded in the trace (gather/untraced.py)
                record = await self._step(hook, index, step, observer)
            if record.error:
                await self.trace.note(f"✗ {record.error}")
            await self.trace.close(step_group)
            records.append(record)
            if record.status == "failed":
                failure = f"at step {index} ({step.name}): {record.error}"
        await self.trace.close(hook_group)
        observer.step = None
        with untraced():
            await _forget_evidence(observer)
        return failure

    async def _step(self, hook: str, index: int, step: Step, observer: PageObserver) -> StepRecord:
        """One step through its verb, waiting for what it started; the page's words when it fails."""
        observer.stuck = False
        timeout_ms = resolved_timeout(step.timeout_ms)
        since = await _page_time(observer)
        started = time.monotonic()
        ctx = StepContext(observer.page, observer, self.base_url, timeout_ms, started + timeout_ms / 1000,
                          lambda name: self.folder.screenshot(self._files_as, f"_{hook}", name, ".png"),
                          self.journey.secrets, self.masks)
        navigations_before = observer.navigations_started
        error = await _performed(step, ctx, navigations_before)
        duration_ms = (time.monotonic() - started) * 1000
        navigated = observer.navigations_started != navigations_before
        page_said = await _page_said(observer, 0 if navigated else since) if error else ()
        shot = await self._failure_screenshot(hook, index, observer) if error else None
        status = "passed" if error is None else ("optional-failed" if step.optional else "failed")
        return StepRecord(index=index, action=step.action, name=step.name, status=status,
                          target=step.target.describe() if step.target else step.text,
                          error=error + said(page_said) if error else None, duration_ms=round(duration_ms, 1),
                          url=_url(observer), screenshot=shot, optional=step.optional, location=step.location,
                          console=tuple(observer.drain_console()),
                          failed_requests=tuple(observer.drain_failed_requests()),
                          dialogs=tuple(observer.drain_dialogs()), page_said=page_said)

    @property
    def _files_as(self) -> str:
        return journey_files(self.journey.id, self.repeat)

    async def _failure_screenshot(self, hook: str, index: int, observer: PageObserver) -> str | None:
        """The page as the failed step left it (`_setup-2-failure.png`: no task id starts with `_`)."""
        path = self.folder.screenshot(self._files_as, f"_{hook}", f"{index}-failure", ".png")
        if observer.gone() or not await save_screenshot(observer.page, path, True, self.masks, self.journey.secrets):
            return None
        return self.folder.relative(path)


async def _performed(step: Step, ctx: StepContext, navigations_before: int) -> str | None:
    """Why the step failed, or None once what it started is done."""
    verb = VERBS[step.action]
    try:
        await verb.perform(ctx, step)
        return await _settled(ctx, navigations_before) if verb.starts_work else None
    except StepFailure as failure:
        return str(failure)
    except Error as error:
        return describe_playwright_error(error, ctx.timeout_ms)


async def _settled(ctx: StepContext, navigations_before: int) -> str | None:
    """Wait for the page the step started loading (even one that begins a moment late), then for
    the network to go quiet (bounded): the next step must act on the page this one led to."""
    observer = ctx.observer
    await asyncio.sleep(START_GRACE_S)
    while observer.navigations_ended < observer.navigations_started and time.monotonic() < ctx.deadline:
        await asyncio.sleep(0.02)
    if observer.navigations_ended < observer.navigations_started:
        return f"the page did not answer within {ctx.timeout_ms / 1000:g} s"
    if observer.navigations_started != navigations_before:
        if observer.last_navigation_error:
            return describe_network_error(observer.last_navigation_error)
        await ctx.page.wait_for_load_state("load", timeout=ctx.remaining_ms())
    quiet_by = min(ctx.deadline, time.monotonic() + QUIET_LIMIT_S)
    while observer.busy() and time.monotonic() < quiet_by:
        await asyncio.sleep(0.025)
    return None


async def _page_time(observer: PageObserver) -> float:
    """The page's clock now (ms), its in-page buffers emptied: route changes and paints of a setup
    step must not reach the first task's first step."""
    if observer.gone():
        return 0.0
    try:
        return await forget(observer.page)
    except StepFailure:
        return 0.0


async def _page_said(observer: PageObserver, since_ms: float) -> tuple[str, ...]:
    if observer.gone():
        return ()
    try:
        return await page_messages(observer.page, since_ms)
    except (StepFailure, Error):
        return ()


async def _forget_evidence(observer: PageObserver) -> None:
    """What the hook's steps left in the observer, dropped: their pages are not page visits, and
    their console errors and failed requests are in their own step records already."""
    await observer.drain_navigations()
    observer.drain_console()
    observer.drain_failed_requests()
    observer.drain_dialogs()
    observer.interaction = None
    await _page_time(observer)


async def _page_for_teardown(observer: PageObserver) -> PageObserver | None:
    """The journey's page, or a new one in its context when a task crashed it; None when the
    browser is gone (nothing can run)."""
    if observer.closed:
        return None
    if not observer.crashed:
        return observer
    try:
        return PageObserver(await observer.page.context.new_page())
    except Error:
        return None


def _url(observer: PageObserver) -> str | None:
    try:
        return observer.page.url
    except Error:
        return None


def _skipped(index: int, step: Step) -> StepRecord:
    return StepRecord(index=index, action=step.action, name=step.name, status="skipped",
                      target=step.target.describe() if step.target else step.text,
                      optional=step.optional, location=step.location)
