"""Which in-app route changes show the visitor a new screen, and which only touch the address:
a replaceState that changes the query on the same screen (filters, tracking), the same screen
pushed again, or a jump to an anchor on the page is not a new page visit."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

from ..audits.url_template import is_hash_route


@dataclass(frozen=True)
class RouteChange:
    """An in-app navigation: how (pushState…), to where, and when (monotonic s; page ms)."""

    via: str
    url: str
    at: float = 0.0
    page_ms: float = 0.0


def new_screen(routes: Sequence[RouteChange], shown_url: str | None) -> list[RouteChange]:
    """The route changes that moved away from the screen shown (`shown_url`), in order."""
    moves, current = [], shown_url
    for route in routes:
        if current is None or not same_screen(current, route.url, route.via):
            moves.append(route)
        current = route.url
    return moves


def same_screen(before: str, after: str, via: str) -> bool:
    """`after` shows the screen `before` showed: only an anchor or (replaced) query differs."""
    old, new = urlsplit(before), urlsplit(after)
    if (old.scheme, old.netloc, old.path) != (new.scheme, new.netloc, new.path):
        return False
    if old.fragment != new.fragment:
        if is_hash_route(old.fragment) and is_hash_route(new.fragment):
            # Within a hash route, a query marks a place or a state of the screen (`#/guide?id=setup`)
            return old.fragment.split("?", 1)[0] == new.fragment.split("?", 1)[0]
        return not (is_hash_route(old.fragment) or is_hash_route(new.fragment))  # an anchor on the page
    return old.query == new.query or via == "replaceState"


