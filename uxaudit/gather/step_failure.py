"""Why a step failed, as one plain sentence (a measurement of the site, never a tool error)."""

from __future__ import annotations

import re

from playwright.async_api import Error

_NET_REASONS = {
    "ERR_CONNECTION_REFUSED": "the site refused the connection",
    "ERR_NAME_NOT_RESOLVED": "the host name does not exist",
    "ERR_TOO_MANY_REDIRECTS": "the page redirects in a loop and never loads",
    "ERR_CONNECTION_RESET": "the connection was reset",
    "ERR_EMPTY_RESPONSE": "the server closed the connection without answering",
    "ERR_INTERNET_DISCONNECTED": "there is no network",
    "ERR_ABORTED": "the page load was interrupted",
}


class StepFailure(Exception):
    """A step did not do what the journey asked; the message says why in plain words."""


def describe_network_error(text: str) -> str:
    """`net::ERR_TOO_MANY_REDIRECTS` → `the page redirects in a loop and never loads`."""
    return next((reason for code, reason in _NET_REASONS.items() if code in text),
                f"the page could not be loaded ({text})")


def describe_playwright_error(error: Error, timeout_ms: float) -> str:
    """Playwright's multi-line error → one sentence a QA engineer can act on."""
    text = str(error.message or error)
    if "net::ERR_" in text:
        return describe_network_error(text)
    if "Timeout" in text and "exceeded" in text:
        return f"timed out after {timeout_ms / 1000:g} s" + _waiting_for(text)
    if "Target page, context or browser has been closed" in text or "Target crashed" in text:
        return "the page crashed or was closed"
    first = text.strip().splitlines()[0] if text.strip() else "the browser reported an error"
    return re.sub(r"^(Error|TimeoutError): ", "", first)[:300]


def _waiting_for(text: str) -> str:
    for line in text.splitlines():
        line = line.strip()
        if line.startswith(("- waiting for ", "- element is ")):
            return f" ({line.removeprefix('- ')})"
    return ""
