"""The step verbs' test bench: a small site served by the tests on loopback, and one real headless Chromium."""

from __future__ import annotations

import asyncio
import socket
import threading
import time
from collections.abc import Coroutine, Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlsplit

import pytest
from playwright.async_api import Browser, BrowserContext, Page, Playwright, async_playwright
from pydantic import TypeAdapter

from uxaudit.gather.browser import find_chromium, launch_args
from uxaudit.gather.locate import resolve
from uxaudit.gather.observer import PageObserver
from uxaudit.gather.step_failure import StepFailure
from uxaudit.gather.verbs import VERBS, StepContext
from uxaudit.load.scenario import Step, Target

T = TypeVar("T")


def refused_url() -> str:
    """An address on loopback where nobody listens: the connection is refused."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{sock.getsockname()[1]}/"


def step_of(verb: str, argument: Any) -> Step:
    """A step as a journey file writes it (`click: {role: link, name: Next}`), validated against the
    verb's argument and built by its record, as the loader does."""
    record = VERBS[verb]
    return record.build(TypeAdapter(record.args).validate_python(argument))

# Every element a test acts on has an id; a click on anything with an id is recorded in `clicks`,
# every key press (with where it landed) in `keys`.
LAB = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Lab page</title>
<script>
window.clicks = [];
window.keys = [];
document.addEventListener('click', e => { const el = e.target.closest('[id]'); if (el) clicks.push(el.id); });
document.addEventListener('keydown', e => keys.push((e.target.id || e.target.tagName.toLowerCase()) + ':' + e.key));
</script></head><body>
<h1 id="heading">Step   verbs lab</h1>
<p id="save-text">Save</p> <button id="save-button">Save</button>
<button id="add">Add</button> <button id="add-to-cart">Add to cart</button>
<button id="dup-1">Duplicate</button> <button id="dup-2">Duplicate</button>
<button id="dup-hidden" hidden>Duplicate</button>
<button id="once-hidden" style="display:none">Once</button> <button id="once">Once</button>
<button id="help-centre">Help centre</button> <p id="help-text">Help</p>
<button id="archive-hidden" hidden>Archive</button> <p id="archive-text">Archive</p>
<button id="close" aria-label="Close dialog">×</button>
<button id="spaced">Sign
      in</button>
<button id="slash">Yes/No</button> <button id="parens">Pay (now)</button>
<a id="next-link" href="/second">Next page</a> <button id="next-button">Next page</button>
<button id="alpha" data-testid="tid-a">Alpha</button> <button id="beta" data-test="tid-b">Beta</button>
<button id="gamma" class="primary">Gamma</button>
<p id="nested">Free <b>shipping</b> today</p>
<p id="only-paragraph">Only paragraph</p>
<p id="secret" hidden>Secret words</p>
<form onsubmit="return false">
  <label for="email">Email</label> <input id="email" type="email">
  <label for="email-again">Email again</label> <input id="email-again" type="email">
  <label>Full name <input id="full-name"></label>
  <input id="city" placeholder="Your city"> <input id="date" placeholder="dd/mm/yyyy">
  <label for="postcode-labelled">Postcode</label> <input id="postcode-labelled">
  <input id="postcode-placeholder" placeholder="Postcode">
  <p id="search-text">Search</p> <input id="search" placeholder="Search">
  <input id="keys-field" placeholder="Keys">
  <label for="colour">Colour</label>
  <select id="colour">
    <option value="r">Red</option><option value="g">Green</option><option value="b">Blue</option>
  </select>
  <input type="checkbox" id="subscribe"> <label for="subscribe">Subscribe</label>
  <input type="checkbox" id="terms" checked> <label for="terms">Accept terms</label>
</form>
<div id="hover-zone" onmouseenter="document.getElementById('tip').hidden = false">Hover here</div>
<div id="tip" hidden>Tooltip text</div>
</body></html>"""

LONG = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Long page</title></head>
<body style="margin:0"><p id="top">Top of the long page</p><div style="height:4000px"></div>
<p id="far">Far away paragraph</p><div style="height:2000px"></div><p id="bottom">The end</p></body></html>"""

# At 300 ms: a paragraph and a button appear, another paragraph goes, the title and the address change.
LATE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Waiting</title></head><body>
<p id="vanishing">Going away</p>
<script>
setTimeout(() => {
  const p = document.createElement('p'); p.id = 'arrived'; p.textContent = 'Arrived late'; document.body.append(p);
  const b = document.createElement('button'); b.id = 'late-button'; b.textContent = 'Late button';
  b.onclick = () => { b.textContent = 'Late button pressed'; }; document.body.append(b);
  document.getElementById('vanishing').remove();
  document.title = 'Ready now';
  history.pushState({}, '', '/late/moved');
}, 300);
</script></body></html>"""

SECOND = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Second page</title></head>
<body><h1>Welcome to the second page</h1></body></html>"""

INNER = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Inner page</title></head>
<body><h1>Inside the app</h1></body></html>"""

MISSING = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Not found</title></head>
<body><h1>Nothing here</h1></body></html>"""

PAGES = {"/": LAB, "/long": LONG, "/late": LATE, "/second": SECOND, "/app/inner": INNER}


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        path = urlsplit(self.path).path
        status, body = (200, PAGES[path]) if path in PAGES else (404, MISSING)
        data = body.encode()
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="session")
def site() -> Iterator[str]:
    """The lab site's base URL (http://127.0.0.1:PORT); any path it does not know answers 404."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()
    thread.join(5)


class Chromium:
    """One headless Chromium for the whole session, launched as uxaudit launches it, with one page
    (a new page costs a renderer start, ~0.5 s) driven on its own event loop (no pytest-asyncio)."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self.playwright: Playwright = self.run(async_playwright().start())
        self.browser: Browser = self.run(self.playwright.chromium.launch(
            executable_path=find_chromium().executable, args=launch_args()))
        self.context: BrowserContext = self.run(self.browser.new_context(viewport={"width": 1280, "height": 800}))
        self.page: Page = self.run(self.context.new_page())
        self.observer = PageObserver(self.page)

    def run(self, coro: Coroutine[Any, Any, T]) -> T:
        """Run a coroutine to its end on the browser's loop, made the thread's current loop first:
        tests that ran before (asyncio.run) leave the thread with none, and Playwright asks for it."""
        asyncio.set_event_loop(self.loop)
        return self.loop.run_until_complete(coro)

    def close(self) -> None:
        self.run(self.context.close())
        self.run(self.browser.close())
        self.run(self.playwright.stop())
        asyncio.set_event_loop(None)
        self.loop.close()


@pytest.fixture(scope="session")
def chromium() -> Iterator[Chromium]:
    """Real headless Chromium and its page, for the session."""
    browser = Chromium()
    yield browser
    browser.close()


@dataclass
class Tab:
    """The session's page for one test, and the means to perform steps in it."""

    chromium: Chromium
    base_url: str
    shots: Path

    @property
    def page(self) -> Page:
        return self.chromium.page

    @property
    def observer(self) -> PageObserver:
        return self.chromium.observer

    def run(self, coro: Coroutine[Any, Any, T]) -> T:
        return self.chromium.run(coro)

    def open(self, path: str = "/") -> None:
        """Load a page of the lab site (not through a step)."""
        self.run(self.page.goto(self.base_url + path, wait_until="load"))

    def context_for(self, timeout_ms: int, base_url: str | None = None,
                    secrets: frozenset[str] = frozenset()) -> StepContext:
        return StepContext(self.page, self.observer, base_url or self.base_url, timeout_ms,
                           time.monotonic() + timeout_ms / 1000, lambda name: self.shots / f"{name}.png", secrets)

    def do(self, step: Step, timeout_ms: int = 3000, base_url: str | None = None,
           secrets: frozenset[str] = frozenset()) -> StepContext:
        """Perform a step with the verb table, as the task runner does; its context afterwards."""
        ctx = self.context_for(timeout_ms, base_url, secrets)
        self.run(VERBS[step.action].perform(ctx, step))
        return ctx

    def fails(self, step: Step, timeout_ms: int = 300) -> str:
        """Perform a step that must fail; the failure's message."""
        with pytest.raises(StepFailure) as failure:
            self.do(step, timeout_ms)
        return str(failure.value)

    def await_error_page(self) -> None:
        """Wait until Chromium's own error page, shown after a failed load, has loaded (else its late
        navigation interrupts the next test's). Start the failing load from a page of the site."""
        self.run(self.page.wait_for_url(lambda url: url.startswith("chrome-error:"), timeout=3000))

    def js(self, expression: str) -> Any:
        """The value of a JavaScript expression in the page."""
        return self.run(self.page.evaluate(f"() => {expression}"))

    def resolved(self, target: Target, timeout_ms: int = 1000) -> str:
        """The id of the one element a target resolves to."""
        async def find() -> str:
            element = await resolve(self.page, target, time.monotonic() + timeout_ms / 1000)
            return str(await element.get_attribute("id"))
        return self.run(find())

    def unresolved(self, target: Target, timeout_ms: int = 300) -> str:
        """The message of a target that does not resolve to one element."""
        with pytest.raises(StepFailure) as failure:
            self.resolved(target, timeout_ms)
        return str(failure.value)


@pytest.fixture
def tab(chromium: Chromium, site: str, tmp_path: Path) -> Tab:
    """The session's page, the mouse back in its corner; it shows the last test's page until `open`."""
    chromium.run(chromium.page.mouse.move(0, 0))
    return Tab(chromium, site, tmp_path)
