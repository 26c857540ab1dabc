"""Why a step failed, as one plain sentence: a measurement of the site, or uxaudit's own fault, marked
as such (ToolFault, is_tool_fault) so that it is never taken for the site's."""

from __future__ import annotations

import re

from playwright.async_api import Error

# Chromium's network errors (net_error_list.h) in plain words. Chromium follows at most 20 redirects
# and then gives up with ERR_TOO_MANY_REDIRECTS, whether the addresses repeat (a loop) or not (a long
# chain): the words say only what is known (redirect-loop and redirect-chain tell the two apart).
_NET_REASONS = {
    "ERR_CONNECTION_REFUSED": "the site refused the connection",
    "ERR_NAME_NOT_RESOLVED": "the host name does not exist",
    "ERR_TOO_MANY_REDIRECTS": "the page redirects more than 20 times (the browser gives up) and never loads",
    "ERR_CONNECTION_RESET": "the connection was reset",
    "ERR_EMPTY_RESPONSE": "the server closed the connection without answering",
    "ERR_CONNECTION_CLOSED": "the server closed the connection before the page was complete",
    "ERR_INCOMPLETE_CHUNKED_ENCODING": "the server closed the connection in the middle of the page",
    "ERR_CONTENT_LENGTH_MISMATCH": "the server closed the connection before sending the whole page "
                                   "(shorter than it announced)",
    "ERR_CONTENT_DECODING_FAILED": "the page arrived damaged (its compression could not be decoded)",
    "ERR_RESPONSE_HEADERS_TRUNCATED": "the server closed the connection in the middle of its headers",
    "ERR_INVALID_HTTP_RESPONSE": "the server's answer was not valid HTTP",
    "ERR_HTTP2_PROTOCOL_ERROR": "the connection broke off (HTTP/2 protocol error)",
    "ERR_CONNECTION_TIMED_OUT": "connecting to the site timed out",
    "ERR_TIMED_OUT": "the server stopped answering (network time-out)",
    "ERR_INTERNET_DISCONNECTED": "there is no network",
    "ERR_ABORTED": "the page load was interrupted",
}
_NET_CODE = re.compile(r"\bERR_[A-Z0-9_]+")


TOOL_FAULT = "uxaudit's own error, not the site's"
# A step the browser died under (the task's failure names the step: `Step 3 (Click “Pay”): …`).
PAGE_CRASHED = "the page crashed (the browser's renderer process died)"
BROWSER_GONE = "the browser crashed or was closed"
# What Playwright says of a selector it cannot parse; uxaudit builds every selector but `css:`.
_SELECTOR_ERROR = re.compile(r"InvalidSelectorError|while parsing (css )?selector|Unexpected token|SyntaxError|"
                             r"is not a valid selector")


class StepFailure(Exception):
    """A step did not do what the journey asked; the message says why in plain words."""


class ToolFault(StepFailure):
    """A step failed through uxaudit's own fault (a locator it built is invalid), not the site's:
    its message starts with TOOL_FAULT and says how to write the step differently."""


def tool_fault(what: str, detail: str) -> str:
    """The message of a ToolFault: what went wrong, the browser's words, the way round, a request."""
    return (f"{TOOL_FAULT}: {what} ({detail[:160]}). Write the target another way, e.g. {{test_id: …}} or "
            "{css: …}, and please report this to the uxaudit maintainers with this message")


def is_tool_fault(error: str | None) -> bool:
    """Whether a recorded step error is uxaudit's own fault (see ToolFault), not the site's."""
    return bool(error) and TOOL_FAULT in str(error)


def is_selector_error(text: str) -> bool:
    """Whether Playwright rejected a selector as malformed."""
    return _SELECTOR_ERROR.search(text) is not None


def browser_words(text: str) -> str:
    """Playwright's first line without its call prefix: `Locator.count: Unexpected token…` → `Unexpected token…`."""
    first = text.strip().splitlines()[0] if text.strip() else ""
    return re.sub(r"^(\w+\.\w+: )?((Error|TimeoutError|InvalidSelectorError): )?", "", first)


def describe_network_error(text: str) -> str:
    """`net::ERR_EMPTY_RESPONSE` → `the server closed the connection without answering`."""
    code = _NET_CODE.search(text)
    reason = _NET_REASONS.get(code.group()) if code else None
    return reason or f"the page could not be loaded ({text})"


def describe_playwright_error(error: Error, timeout_ms: float) -> str:
    """Playwright's multi-line error → one sentence a QA engineer can act on."""
    text = str(error.message or error)
    if "net::ERR_" in text:
        return describe_network_error(text)
    if "Timeout" in text and "exceeded" in text:
        return f"timed out after {timeout_ms / 1000:g} s" + _waiting_for(text)
    if "Target crashed" in text:
        return PAGE_CRASHED
    if "Target page, context or browser has been closed" in text:
        return BROWSER_GONE
    if is_selector_error(text):
        return tool_fault("the browser rejected a locator uxaudit built", browser_words(text))
    first = text.strip().splitlines()[0] if text.strip() else "the browser reported an error"
    return re.sub(r"^(Error|TimeoutError): ", "", first)[:300]


# What kept an action waiting, in the order a reader needs it: the call log says it on one line.
_STUCK = (("intercepts pointer events", "covered by {}: it would take the click"),
          ("element is not enabled", "the element is disabled"), ("element is not editable", "the field is read-only"),
          ("outside of the viewport", "the element is outside the page and cannot be scrolled to"))


def _waiting_for(text: str) -> str:
    lines = [line.strip().removeprefix("- ") for line in text.splitlines()]
    for clue, words in _STUCK:
        line = next((line for line in lines if clue in line), None)
        if line is not None:
            return f" ({words.format(line.split(' intercepts')[0][:80])})"
    return next((f" ({line})" for line in lines if line.startswith(("waiting for ", "element is "))), "")
