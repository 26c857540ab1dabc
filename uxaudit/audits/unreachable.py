"""Other sites the test machine could not connect to. A request to another host that got no answer
at all (its name did not resolve, the connection was refused or timed out, the browser blocked it)
says more about the test machine than about the site: it is a note, one per host, not a finding.
An error answer (4xx/5xx) from any host, and any failure on the site's own host, stay findings."""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import urlsplit

# Chromium's network errors (net_error_list.h) for "no connection": by name, or by family prefix.
NO_CONNECTION = ("NAME_NOT_RESOLVED", "NAME_RESOLUTION_FAILED", "DNS_", "INTERNET_DISCONNECTED", "NETWORK_",
                 "CONNECTION_", "TIMED_OUT", "ADDRESS_UNREACHABLE", "BLOCKED_BY_CLIENT", "BLOCKED_BY_ADMINISTRATOR",
                 "PROXY_", "TUNNEL_CONNECTION_FAILED", "SOCKS_CONNECTION_", "ICANN_NAME_COLLISION")
MAX_URL_SHOWN = 120


def could_not_connect(error: str | None) -> bool:
    """The browser got no answer because it could not reach the host (`net::ERR_NAME_NOT_RESOLVED`…)."""
    code = (error or "").removeprefix("net::").removeprefix("ERR_")
    return bool(error) and code.startswith(NO_CONNECTION)


def elsewhere(url: str, base_url: str) -> bool:
    """The address is on another host than the journey's site (the base URL's host and port)."""
    return urlsplit(url).netloc.lower() != urlsplit(base_url).netloc.lower()


def unreachable(url: str, status: int | None, error: str | None, base_url: str) -> bool:
    """A request to another host that got no answer because the test machine could not connect."""
    return status is None and could_not_connect(error) and elsewhere(url, base_url)


def host_notes(failures: Iterable[tuple[str, str]], what: str) -> list[str]:
    """One note per host from (address, error) pairs, in the order met; `what` names the requests
    ("request", "page")."""
    hosts: dict[str, dict[str, str]] = {}
    for url, error in failures:
        hosts.setdefault(urlsplit(url).netloc, {}).setdefault(url, error)
    return [_note(host, addresses, what) for host, addresses in hosts.items()]


def _note(host: str, addresses: dict[str, str], what: str) -> str:
    count = len(addresses)
    errors = ", ".join(dict.fromkeys(addresses.values()))
    first = next(iter(addresses))
    example = first if len(first) <= MAX_URL_SHOWN else first[:MAX_URL_SHOWN - 1] + "…"
    return (f"{count} {what}{'s' if count != 1 else ''} to {host} could not connect ({errors}; "
            f"{'for example ' if count > 1 else ''}{example}): the test machine may not reach that host, "
            f"so this was not counted against the site.")
