"""Before starting a browser: does each base URL answer at all? (Any HTTP status counts as yes.)"""

from __future__ import annotations

import socket
import urllib.error
import urllib.request
from collections.abc import Iterable

from ..errors import SiteUnreachableError

TIMEOUT_S = 10


def check_reachable(urls: Iterable[str]) -> None:
    """Raise SiteUnreachableError for the first base URL that does not answer."""
    for url in sorted(set(urls)):
        problem = _problem(url)
        if problem:
            raise SiteUnreachableError(f"cannot reach {url} ({problem}). Is the site running? "
                                       "Check the address, or pass --base-url")


def _problem(url: str) -> str | None:
    request = urllib.request.Request(url, method="GET", headers={"User-Agent": "uxaudit-preflight"})
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_S):
            return None
    except urllib.error.HTTPError:
        return None  # it answered; an error status is for the audits to report
    except urllib.error.URLError as exc:
        return _reason(exc.reason)
    except TimeoutError:
        return f"no answer within {TIMEOUT_S} s"
    except (OSError, ValueError) as exc:
        return str(exc)


def _reason(reason: object) -> str:
    if isinstance(reason, ConnectionRefusedError):
        return "connection refused"
    if isinstance(reason, socket.gaierror):
        return "unknown host"
    if isinstance(reason, TimeoutError | socket.timeout):
        return f"no answer within {TIMEOUT_S} s"
    return str(reason)
