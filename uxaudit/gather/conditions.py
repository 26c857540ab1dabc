"""Success criteria and `expect`: checked web-first (retried until the step's timeout)."""

from __future__ import annotations

import asyncio
import re
import time
from urllib.parse import SplitResult, urljoin, urlsplit

from playwright.async_api import Error, Page

from ..load.scenario import Condition, UrlMatch
from .bounded import within
from .locate import POLL_SECONDS, visible_matches
from .observer import PageObserver
from .snapshot import VISIBLE_TEXT_JS
from .step_failure import StepFailure


async def wait_for_condition(page: Page, observer: PageObserver, condition: Condition, base_url: str,
                             deadline: float) -> str | None:
    """None once the condition holds; otherwise, at the deadline, why it does not."""
    while True:
        failure = await check_once(page, observer, condition, base_url, deadline - time.monotonic())
        if failure is None or time.monotonic() >= deadline:
            return failure
        await asyncio.sleep(POLL_SECONDS)


async def check_once(page: Page, observer: PageObserver, condition: Condition, base_url: str,
                     seconds: float) -> str | None:
    """None when the condition holds now; otherwise a sentence saying what was found instead."""
    try:
        return await within(_CHECKS[condition.kind](page, observer, condition, base_url), seconds,
                            f"checking {condition.describe()}")
    except StepFailure as failure:
        return str(failure)
    except Error as error:
        return f"could not check {condition.describe()}: {error.message.splitlines()[0]}"


async def _visible(page: Page, _obs: PageObserver, condition: Condition, _base: str) -> str | None:
    assert condition.target is not None
    found = await visible_matches(page, condition.target)
    return None if found else f"nothing visible matches {condition.target.describe()}"


async def _hidden(page: Page, _obs: PageObserver, condition: Condition, _base: str) -> str | None:
    assert condition.target is not None
    found = await visible_matches(page, condition.target)
    return f"{found[2]} visible element(s) still match {found[0]}" if found else None


async def _url(page: Page, _obs: PageObserver, condition: Condition, base_url: str) -> str | None:
    assert condition.url is not None
    if url_matches(page.url, condition.url, base_url):
        return None
    if page.url.startswith("chrome-error://"):
        return "the browser shows an error page: the site could not be loaded"
    return f"the page is at {page.url}"


async def _title(page: Page, _obs: PageObserver, condition: Condition, _base: str) -> str | None:
    title = await page.title()
    return None if _contains(title, condition.text or "") else f"the title is '{title}'"


async def _text(page: Page, _obs: PageObserver, condition: Condition, _base: str) -> str | None:
    text = await page.evaluate(VISIBLE_TEXT_JS)
    return None if _contains(str(text), condition.text or "") else f"the page does not say '{condition.text}'"


async def _status(_page: Page, observer: PageObserver, condition: Condition, _base: str) -> str | None:
    if observer.last_status == condition.status:
        return None
    return f"the last page answered {observer.last_status or 'nothing'}, expected {condition.status}"


_CHECKS = {"visible": _visible, "hidden": _hidden, "url": _url, "title": _title, "text": _text,
           "status": _status}


def _contains(haystack: str, needle: str) -> bool:
    """Case-insensitive containment with white space folded."""
    return _fold(needle) in _fold(haystack)


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


def url_matches(current: str, match: UrlMatch, base_url: str) -> bool:
    """`/path` compares the path only; a full URL also scheme and host; query/fragment are ignored."""
    if match.contains is not None:
        return match.contains in current
    if match.matches is not None:
        return re.search(match.matches, current) is not None
    expected = urlsplit(urljoin(base_url + "/", match.equals or ""))
    actual = urlsplit(current)
    if actual.scheme not in ("http", "https"):
        return False  # the browser's own error page (chrome-error://) has a path too, and is no page of the site
    same_path = _path(actual.path) == _path(expected.path)
    if (match.equals or "").startswith(("http://", "https://")):
        return same_path and _origin(actual) == _origin(expected)
    return same_path


def _path(path: str) -> str:
    return path.rstrip("/") or "/"


def _origin(url: SplitResult) -> tuple[str, str, int | None]:
    """Scheme, host and port as the browser compares them: the host in any case, the default port
    written or not (`http://Shop.Test:80` is `http://shop.test`)."""
    default = {"http": 80, "https": 443}.get(url.scheme)
    return url.scheme, (url.hostname or ""), url.port or default
