"""Chromium's network errors in plain words: a connection closed mid-page is not a time-out, and more
than 20 redirects is not called a loop (the browser cannot tell)."""

from __future__ import annotations

import pytest

from uxaudit.gather.step_failure import describe_network_error


@pytest.mark.parametrize(("error", "words"), [
    ("net::ERR_EMPTY_RESPONSE", "the server closed the connection without answering"),
    ("net::ERR_CONNECTION_CLOSED", "the server closed the connection before the page was complete"),
    ("net::ERR_INCOMPLETE_CHUNKED_ENCODING", "the server closed the connection in the middle of the page"),
    ("net::ERR_CONTENT_LENGTH_MISMATCH", "the server closed the connection before sending the whole page "
                                         "(shorter than it announced)"),
    ("Page.goto: net::ERR_CONNECTION_TIMED_OUT at http://shop.test/", "connecting to the site timed out"),
    ("net::ERR_TOO_MANY_REDIRECTS", "the page redirects more than 20 times (the browser gives up) and never loads"),
    ("net::ERR_SOMETHING_NEW", "the page could not be loaded (net::ERR_SOMETHING_NEW)"),
])
def test_network_errors_are_worded_plainly(error: str, words: str) -> None:
    assert describe_network_error(error) == words


@pytest.mark.parametrize("closed", ["ERR_EMPTY_RESPONSE", "ERR_CONNECTION_CLOSED", "ERR_INCOMPLETE_CHUNKED_ENCODING",
                                    "ERR_CONTENT_LENGTH_MISMATCH"])
def test_a_connection_closed_mid_response_is_never_called_a_time_out(closed: str) -> None:
    words = describe_network_error(f"net::{closed}")
    assert "closed the connection" in words and "time" not in words
