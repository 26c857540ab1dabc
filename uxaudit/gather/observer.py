"""Listen to one page's events: main-frame navigations (with redirect hops), console errors,
failed requests and requests in flight. The runner drains it after every step."""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field

from playwright.async_api import ConsoleMessage, Error, Frame, Page, Request, Response

from ..artifacts import ConsoleEntry, FailedRequest, RedirectHop


@dataclass
class Navigation:
    """A main-frame navigation that ended in a page (final response) or in an error."""

    final: Request
    status: int | None
    error: str | None
    started: float
    hops: list[RedirectHop] = field(default_factory=list)


class PageObserver:
    """Collects what happens on a page between two `drain()` calls."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.navigations_started = 0
        self.navigations_ended = 0
        self.commits = 0
        self.last_status: int | None = None
        self.crashed = False
        self._ended: list[tuple[Request, int | None, str | None]] = []
        self._starts: dict[str, float] = {}
        self._console: list[ConsoleEntry] = []
        self._failed: list[FailedRequest] = []
        self._inflight: set[Request] = set()
        self._subscribe(page)

    def _subscribe(self, page: Page) -> None:
        page.on("request", self._on_request)
        page.on("response", self._on_response)
        page.on("requestfinished", self._on_request_finished)
        page.on("requestfailed", self._on_request_failed)
        page.on("console", self._on_console)
        page.on("pageerror", self._on_page_error)
        page.on("crash", self._on_crash)
        page.on("framenavigated", self._on_frame_navigated)

    def _on_frame_navigated(self, frame: Frame) -> None:
        if frame == self.page.main_frame:
            self.commits += 1

    def _is_main_navigation(self, request: Request) -> bool:
        try:
            return request.is_navigation_request() and request.frame == self.page.main_frame
        except Error:  # the frame is gone already
            return False

    def _on_request(self, request: Request) -> None:
        if self._is_main_navigation(request):
            if request.redirected_from is None:
                self.navigations_started += 1
                self._starts[request.url] = time.monotonic()
            return
        self._inflight.add(request)

    def _on_response(self, response: Response) -> None:
        request = response.request
        if self._is_main_navigation(request) and not 300 <= response.status < 400:
            self.last_status = response.status
            self.navigations_ended += 1
            self._ended.append((request, response.status, None))
        elif not self._is_main_navigation(request) and response.status >= 400:
            self._failed.append(FailedRequest(request.url, request.resource_type, status=response.status,
                                              page_url=self.page.url))

    def _on_request_finished(self, request: Request) -> None:
        self._inflight.discard(request)

    def _on_request_failed(self, request: Request) -> None:
        self._inflight.discard(request)
        reason = request.failure or "failed"
        if self._is_main_navigation(request):
            self.navigations_ended += 1
            if "ERR_ABORTED" not in reason:  # aborted = replaced by another navigation, not a fault
                self._ended.append((request, None, reason))
            return
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

    def pending_requests(self) -> int:
        """Subresource requests still in flight."""
        return len(self._inflight)

    async def drain_navigations(self) -> list[Navigation]:
        """Navigations that ended since the last call, each with its redirect hops."""
        ended, self._ended = self._ended, []
        return [await self._navigation(request, status, error) for request, status, error in ended]

    def drain_console(self) -> list[ConsoleEntry]:
        """Console errors and uncaught exceptions since the last call."""
        entries, self._console = self._console, []
        return entries

    def drain_failed_requests(self) -> list[FailedRequest]:
        """Failed subresource requests since the last call."""
        failed, self._failed = self._failed, []
        return failed

    async def _navigation(self, final: Request, status: int | None, error: str | None) -> Navigation:
        chain = _redirect_chain(final)
        started = self._starts.pop(chain[0].url, time.monotonic())
        hops = [await _hop(request) for request in chain[:-1]]
        if hops and status is not None:
            hops.append(RedirectHop(final.url, status, _duration(final)))
        return Navigation(final, status, error, started, hops)


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
