"""The link checker: every link on every visited page, checked once per run, beside the journeys.

It runs in its own thread with its own event loop and HTTP client (httpx), so its work never
delays the browser's: at most `concurrency` requests at a time, HEAD first and GET when HEAD is
refused, redirects followed one hop at a time so each hop is recorded and loops are caught.
Checks are anonymous (no cookies): a link is judged as a newcomer following it would see it.
"""

from __future__ import annotations

import asyncio
import logging
import threading
import time
import traceback
from collections.abc import Callable
from concurrent import futures
from concurrent.futures import Future
from dataclasses import dataclass, replace
from urllib.parse import urldefrag, urljoin, urlsplit

import httpx
from playwright.async_api import Error, Page

from .. import __version__
from ..artifacts import LinkCheck, LinkCheckSummary, LinkSource, RedirectHop, from_dict, to_dict
from ..load.config import DEFAULT_LINK_CONCURRENCY
from ..load.redact import redact
from .bounded import within
from .step_failure import StepFailure

log = logging.getLogger(__name__)
LINK_TIMEOUT_S = 10.0  # one request; a link that takes longer is reported as not answering
DRAIN_LIMIT_S = 60.0  # after the journeys, how long the last checks may still take
MAX_HOPS = 10  # browsers give up after 20; a link needing 10 is broken for any purpose
MAX_SOURCES = 10  # pages listed per link
SAVE_EVERY_S = 1.0
USER_AGENT = f"uxaudit/{__version__} (link check; +https://github.com/uxaudit/uxaudit)"
_LINKS_JS = """() => Array.from(document.querySelectorAll('a[href], area[href]'), (a) => [
  a.href, (a.innerText || a.getAttribute('aria-label') || a.getAttribute('title') || '').trim().slice(0, 80)])"""


async def page_links(page: Page) -> list[tuple[str, str]]:
    """(absolute URL, text) of every link on the page; none when the page cannot be read."""
    try:
        links = await within(page.evaluate(_LINKS_JS), 5, "listing the page's links")
    except (Error, StepFailure):
        return []
    return [(str(url), str(text)) for url, text in links]


def checkable(url: str, base_url: str, external: bool) -> str | None:
    """The URL to check (without its #fragment), or None: not http(s), or another site's when
    external links are off."""
    target = urlsplit(url)
    if target.scheme not in ("http", "https"):
        return None  # mailto:, tel:, javascript:
    if not external and target.netloc != urlsplit(base_url).netloc:
        return None
    return urldefrag(url).url


@dataclass(frozen=True)
class _Answer:
    status: int | None
    error: str | None
    location: str | None


async def probe(client: httpx.AsyncClient, url: str) -> LinkCheck:
    """Follow a link as a browser would; HEAD, then GET if HEAD is refused or fails."""
    started = time.monotonic()
    check = await _follow(client, url, "HEAD")
    if check.broken and check.error != _LOOP:
        check = await _follow(client, url, "GET")  # many servers refuse or mishandle HEAD
    return replace(check, duration_ms=round((time.monotonic() - started) * 1000, 1))


_LOOP = "redirects in a loop"


async def _follow(client: httpx.AsyncClient, url: str, method: str) -> LinkCheck:
    hops: list[RedirectHop] = []
    current = url
    while True:
        hop_started = time.monotonic()
        answer = await _ask(client, method, current)
        if answer.location is None or answer.status is None:
            return LinkCheck(url, answer.status, answer.error, current, tuple(hops), method)
        hops.append(RedirectHop(current, answer.status, round((time.monotonic() - hop_started) * 1000, 1)))
        current = urldefrag(urljoin(current, answer.location)).url
        if current in {hop.url for hop in hops}:
            return LinkCheck(url, None, _LOOP, current, tuple(hops), method)
        if len(hops) >= MAX_HOPS:
            return LinkCheck(url, None, f"more than {MAX_HOPS} redirects", current, tuple(hops), method)


async def _ask(client: httpx.AsyncClient, method: str, url: str) -> _Answer:
    """One request, the body never read; a redirect's Location is returned for the caller to follow."""
    try:
        response = await client.send(client.build_request(method, url), stream=True)
        await response.aclose()
    except httpx.TimeoutException:
        return _Answer(None, f"no answer within {LINK_TIMEOUT_S:g} s", None)
    except httpx.HTTPError as exc:
        return _Answer(None, _network_error(exc), None)
    location = response.headers.get("location") if response.is_redirect else None
    return _Answer(response.status_code, None, location)


def _network_error(exc: httpx.HTTPError) -> str:
    text = str(exc) or type(exc).__name__
    if isinstance(exc, httpx.ConnectError):
        return f"could not connect ({text})"
    return text


class LinkChecker:
    """Checks links submitted from the journeys (any thread) in a background thread."""

    def __init__(self, external: bool = False, concurrency: int = DEFAULT_LINK_CONCURRENCY,
                 secrets: frozenset[str] = frozenset(),
                 on_progress: Callable[[list[LinkCheck], LinkCheckSummary], object] | None = None) -> None:
        self.external, self.concurrency, self._secrets = external, concurrency, secrets
        self._on_progress = on_progress
        self._lock = threading.Lock()
        self._results: dict[str, LinkCheck] = {}
        self._sources: dict[str, list[LinkSource]] = {}
        self._pages: dict[str, set[str]] = {}  # every page a link sits on (sources keeps the first few)
        self._pending: dict[str, Future[LinkCheck]] = {}
        self._waited_s = 0.0
        self._last_save = 0.0
        self._active = 0  # checks sending requests right now
        self._paused = threading.Event()  # set: no new request starts (Lighthouse is measuring)
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="uxaudit-links", daemon=True)
        self._client: httpx.AsyncClient | None = None
        self._pool: asyncio.Semaphore | None = None

    def start(self) -> LinkChecker:
        """Start the background thread and its HTTP client."""
        self._thread.start()
        asyncio.run_coroutine_threadsafe(self._open(), self._loop).result()
        return self

    async def _open(self) -> None:
        self._pool = asyncio.Semaphore(self.concurrency)
        self._client = httpx.AsyncClient(follow_redirects=False, timeout=LINK_TIMEOUT_S,
                                         headers={"User-Agent": USER_AGENT},
                                         limits=httpx.Limits(max_connections=self.concurrency))

    def submit(self, links: list[tuple[str, str]], source: LinkSource, base_url: str) -> None:
        """Queue the page's links that are not known yet; remember the page for every one."""
        with self._lock:
            for raw_url, text in links:
                url = checkable(raw_url, base_url, self.external)
                if url is None:
                    continue
                seen_on = self._pages.setdefault(url, set())
                if source.page_url not in seen_on and len(seen_on) < MAX_SOURCES:
                    self._sources.setdefault(url, []).append(replace(source, text=text))
                seen_on.add(source.page_url)
                if url not in self._pending and url not in self._results:
                    self._pending[url] = asyncio.run_coroutine_threadsafe(self._check(url), self._loop)

    async def _check(self, url: str) -> LinkCheck:
        assert self._pool is not None and self._client is not None
        try:
            async with self._pool:
                while self._paused.is_set():
                    await asyncio.sleep(0.05)
                self._active += 1
                try:
                    check = await probe(self._client, url)
                finally:
                    self._active -= 1
        except Exception:  # noqa: BLE001 - a fault of ours must not report the link as broken
            log.debug("checking %s failed: %s", url, traceback.format_exc())
            with self._lock:
                self._pending.pop(url, None)
            raise
        with self._lock:
            self._results[url] = check
            self._pending.pop(url, None)
        self._save(force=False)
        return check

    def finish(self, limit_s: float = DRAIN_LIMIT_S) -> tuple[list[LinkCheck], LinkCheckSummary]:
        """Wait (at most `limit_s`) for the checks still running, stop, and return every result."""
        started = time.monotonic()
        with self._lock:
            running = list(self._pending.values())
        futures.wait(running, timeout=limit_s)  # what is still running then is counted as unfinished
        self._waited_s = time.monotonic() - started
        self.stop()
        return self._save(force=True)  # even with no links at all: the check ran

    def pause(self, limit_s: float = LINK_TIMEOUT_S * 2) -> None:
        """Start no new request, and wait (at most `limit_s`) for those under way to end."""
        self._paused.set()
        deadline = time.monotonic() + limit_s
        while self._active and time.monotonic() < deadline:
            time.sleep(0.05)

    def resume(self) -> None:
        """Let waiting checks go on."""
        self._paused.clear()

    def stop(self) -> None:
        """Cancel what is left, save what is done, end the thread (safe to call twice, and on Ctrl-C)."""
        if not self._thread.is_alive():
            return
        with self._lock:
            left = list(self._pending.values())
        for future in left:
            future.cancel()
        try:
            if self._client is not None:
                asyncio.run_coroutine_threadsafe(self._client.aclose(), self._loop).result(timeout=5)
        except Exception:  # noqa: BLE001 - closing sockets must not hide why the run is stopping
            log.debug("closing the link checker's client failed: %s", traceback.format_exc())
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=5)
        if not self._thread.is_alive():
            self._loop.close()
        if self._results or self._pending:  # a run that never got to a page leaves no file behind
            self._save(force=True)

    def snapshot(self) -> tuple[list[LinkCheck], LinkCheckSummary]:
        """The results so far, with the pages each link sits on, secrets masked."""
        with self._lock:
            checks = [replace(check, sources=tuple(self._sources.get(url, ())), pages=len(self._pages.get(url, ())))
                      for url, check in self._results.items()]
            summary = LinkCheckSummary(checked=len(checks), concurrency=self.concurrency, external=self.external,
                                       request_seconds=round(sum(c.duration_ms for c in checks) / 1000, 2),
                                       waited_seconds=round(self._waited_s, 2), unfinished=len(self._pending))
        if self._secrets:
            checks = [from_dict(LinkCheck, redact(to_dict(c), self._secrets)) for c in checks]
        return checks, summary

    def _save(self, force: bool) -> tuple[list[LinkCheck], LinkCheckSummary]:
        """Hand the results to `on_progress` (the run folder), at most once a second unless forced."""
        checks, summary = self.snapshot()
        now = time.monotonic()
        if self._on_progress is not None and (force or now - self._last_save >= SAVE_EVERY_S):
            self._last_save = now
            self._on_progress(checks, summary)
        return checks, summary
