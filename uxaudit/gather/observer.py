"""Listen to one page's events: main-frame navigations (with redirect hops), console errors,
failed requests and requests in flight. The runner drains it after every step."""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field

from playwright.async_api import ConsoleMessage, Dialog, Error, Page, Request, Response

from ..artifacts import ConsoleEntry, DialogShown, FailedRequest, RedirectHop
from .step_failure import BROWSER_GONE, PAGE_CRASHED


@dataclass
class Interaction:
    """A click or key press: the requests it started, and when the last of them ended."""

    step: int
    started: float
    pending: set[Request] = field(default_factory=set)
    ended: float | None = None
    open: bool = True  # still collecting the requests it starts

    def settled_at(self) -> float:
        """When the interaction's work ended (now, if something is still pending)."""
        if self.pending or self.ended is None:
            return time.monotonic() if self.pending else self.started
        return self.ended


@dataclass
class Navigation:
    """A main-frame navigation that ended in a page (final response) or in an error."""

    final: Request
    status: int | None
    error: str | None
    hops: list[RedirectHop] = field(default_factory=list)


class PageObserver:
    """Collects what happens on a page between two drains (`drain_navigations`, `drain_console`…)."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.navigations_started = 0
        self.navigations_ended = 0
        self.last_status: int | None = None
        self.last_navigation_error: str | None = None  # the last navigation produced no page: why
        self.last_activity = 0.0  # time.monotonic() of the last request or navigation that ended
        self.crashed = False
        # Where the journey is, in words (`at step 3 (Click “Pay”)`), kept by the task runner: a crash names it.
        self.step: str | None = None
        self.crashed_at: str | None = None  # `step` when the renderer crashed
        self.closed = False  # the page is gone: the browser died (or was closed) under the journey
        self.closed_at: str | None = None  # `step` then
        self.stuck = False  # the page stopped answering uxaudit's questions (its main thread is busy)
        self.requests_started = 0
        self.dialogs = 0
        self.interaction: Interaction | None = None
        self._ended: list[tuple[Request, int | None, str | None]] = []
        self._console: list[ConsoleEntry] = []
        self._failed: list[FailedRequest] = []
        self._inflight: set[Request] = set()
        self._dialogs_shown: list[DialogShown] = []
        self._subscribe(page)

    def _subscribe(self, page: Page) -> None:
        page.on("request", self._on_request)
        page.on("response", self._on_response)
        page.on("requestfinished", self._on_request_finished)
        page.on("requestfailed", self._on_request_failed)
        page.on("console", self._on_console)
        page.on("pageerror", self._on_page_error)
        page.on("crash", self._on_crash)
        page.on("close", self._on_close)
        page.on("dialog", self._on_dialog)

    def _is_main_navigation(self, request: Request) -> bool:
        try:
            return request.is_navigation_request() and request.frame == self.page.main_frame
        except Error:  # the frame is gone already
            return False

    def _on_request(self, request: Request) -> None:
        if not self._is_main_navigation(request):
            self._inflight.add(request)
            self.requests_started += 1
            if self.interaction is not None and self.interaction.open:
                self.interaction.pending.add(request)
        elif request.redirected_from is None:
            self.navigations_started += 1

    def _on_response(self, response: Response) -> None:
        request = response.request
        if self._is_main_navigation(request):
            if not _is_followed_redirect(response):
                self.last_status = response.status
                self._navigation_ended(request, response.status, None)
        else:
            # For a click's timing, a request is answered when its response arrives: a page that never
            # reads the body (`await fetch(url)` alone) gets no "finished" event for it at all.
            self._interaction_request_done(request)
            if response.status >= 400:
                self._failed.append(FailedRequest(request.url, request.resource_type, status=response.status,
                                                  page_url=self.page.url))

    def _navigation_ended(self, request: Request, status: int | None, error: str | None) -> None:
        self.navigations_ended += 1
        self.stuck = False  # a new document: ask again
        self.last_activity = time.monotonic()
        if error is None or "ERR_ABORTED" not in error:  # aborted = replaced by another navigation
            self.last_navigation_error = error
            self._ended.append((request, status, error))

    def _on_request_finished(self, request: Request) -> None:
        if request in self._inflight:
            self._inflight.discard(request)
            self.last_activity = time.monotonic()
        self._interaction_request_done(request)

    def _interaction_request_done(self, request: Request) -> None:
        interaction = self.interaction
        if interaction is not None and request in interaction.pending:
            interaction.pending.discard(request)
            if not interaction.pending:
                interaction.ended = time.monotonic()

    def _on_request_failed(self, request: Request) -> None:
        reason = request.failure or "failed"
        if self._is_main_navigation(request):
            self.last_status = None
            self._navigation_ended(request, None, reason)
            return
        self._inflight.discard(request)
        self.last_activity = time.monotonic()
        self._interaction_request_done(request)
        self._failed.append(FailedRequest(request.url, request.resource_type, error=reason,
                                          page_url=self.page.url))

    def _on_console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            where = message.location
            source = f"{where.get('url', '')}:{where.get('lineNumber', 0) + 1}" if where.get("url") else None
            self._console.append(ConsoleEntry("console-error", message.text, source, self.page.url))

    def _on_page_error(self, error: Error) -> None:
        text = f"{error.name}: {error.message}" if error.name else error.message
        self._console.append(ConsoleEntry("uncaught-exception", text, _first_frame(error.stack), self.page.url))

    def _on_crash(self, _page: Page) -> None:
        self.crashed = True
        self.crashed_at = self.step

    def _on_close(self, _page: Page) -> None:
        self.closed = True
        self.closed_at = self.step

    def gone(self) -> tuple[str, str | None] | None:
        """Why the page is gone and where the journey was then (`at step 3 (…)`), or None."""
        if self.crashed:
            return PAGE_CRASHED, self.crashed_at
        if self.closed:
            return BROWSER_GONE, self.closed_at
        return None

    def _on_dialog(self, dialog: Dialog) -> None:
        # Listening means Playwright no longer dismisses dialogs itself; dismiss as it would.
        self.dialogs += 1
        self._dialogs_shown.append(DialogShown(dialog.type, dialog.message.strip()[:300]))
        asyncio.ensure_future(_dismiss(dialog))

    def begin_interaction(self, step: int) -> Interaction:
        """Start following what a click or key press sets off."""
        self.interaction = Interaction(step, time.monotonic())
        return self.interaction

    def busy(self) -> bool:
        """Subresource requests or a main-frame navigation still in flight."""
        return bool(self._inflight) or self.navigations_ended < self.navigations_started

    async def drain_navigations(self) -> list[Navigation]:
        """Navigations that ended since the last call, each with its redirect hops."""
        ended, self._ended = self._ended, []
        return [await self._navigation(request, status, error) for request, status, error in ended]

    def drain_console(self) -> list[ConsoleEntry]:
        """Console errors and uncaught exceptions since the last call."""
        entries, self._console = self._console, []
        return entries

    def drain_dialogs(self) -> list[DialogShown]:
        """The dialogs the page opened since the last call."""
        shown, self._dialogs_shown = self._dialogs_shown, []
        return shown

    def drain_failed_requests(self) -> list[FailedRequest]:
        """Failed subresource requests since the last call."""
        failed, self._failed = self._failed, []
        return failed

    async def _navigation(self, final: Request, status: int | None, error: str | None) -> Navigation:
        """The navigation with the redirect answers (3xx) that led to its final request."""
        chain = _redirect_chain(final)
        return Navigation(final, status, error, [await _hop(request) for request in chain[:-1]])


async def _dismiss(dialog: Dialog) -> None:
    try:
        await dialog.dismiss()
    except Error:
        pass  # the page went away first


def _is_followed_redirect(response: Response) -> bool:
    """A 3xx with a Location the browser follows; a 3xx without one is itself the page."""
    return 300 <= response.status < 400 and "location" in response.headers


def _redirect_chain(final: Request) -> list[Request]:
    chain = [final]
    while chain[0].redirected_from is not None:
        chain.insert(0, chain[0].redirected_from)
    return chain


async def _hop(request: Request) -> RedirectHop:
    try:
        response = await asyncio.wait_for(request.response(), timeout=2)
    except (Error, TimeoutError):
        response = None
    return RedirectHop(request.url, response.status if response else 0, _duration(request))


def _duration(request: Request) -> float | None:
    timing = request.timing
    end = timing.get("responseEnd", -1)
    return round(end, 1) if end and end > 0 else None


def _first_frame(stack: str | None) -> str | None:
    for line in (stack or "").splitlines()[1:]:
        line = line.strip()
        if line.startswith("at "):
            return line.removeprefix("at ").strip("()").split(" (")[-1].rstrip(")")
    return None
