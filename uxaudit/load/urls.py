"""Which URLs a scenario may name: absolute ones are http(s) and well formed."""

from __future__ import annotations

from urllib.parse import urlsplit

from .redact import MASK

WEB_SCHEMES = ("http", "https")


def base_url_problem(url: str) -> str | None:
    """Why `url` cannot be a base URL, or None."""
    if not url.startswith(("http://", "https://")):
        return "must start with http:// or https://"
    return _malformed(url) or (None if urlsplit(url).hostname else "has no host name")


def step_url_problem(url: str) -> str | None:
    """Why a step cannot go to `url` (a path, or an http(s) URL), or None."""
    problem = _malformed(url)
    if problem:
        return problem
    scheme = urlsplit(url).scheme.lower()
    if scheme and scheme not in WEB_SCHEMES:
        return f"is not an http(s) URL or a path ({scheme}: URLs are refused)"
    return None


def _malformed(url: str) -> str | None:
    try:
        _ = urlsplit(url).port  # reading the port also checks it (and an IPv6 host's brackets)
    except ValueError as exc:
        return f"is not a valid URL ({exc})"
    return None



def url_password(url: str) -> str | None:
    """The password of a URL's `user:password@` as written (percent-escapes and all), or None."""
    span = _password_span(url)
    return url[span[0]:span[1]] if span else None


def masked_url(url: str) -> str:
    """`url` as a message may print it: the password of its `user:password@` as `••••••`
    (`http://ci:••••••@staging.example`), the rest as written so that the reader knows the address."""
    span = _password_span(url)
    return f"{url[:span[0]]}{MASK}{url[span[1]:]}" if span else url


def _password_span(url: str) -> tuple[int, int] | None:
    """Where the password of `user:password@` is in `url`, read as urlsplit reads it (the authority
    runs from `//` to the first `/`, `?` or `#`, and its last `@` ends the credentials), but without
    urlsplit, which refuses some malformed addresses: the ones an error message quotes. Without
    `//` the text is read from its start (`ci:pw@host`, a scheme forgotten)."""
    start = url.find("//")
    start = 0 if start < 0 else start + 2
    end = min((found for found in (url.find(c, start) for c in "/?#") if found >= 0), default=len(url))
    at = url.rfind("@", start, end)
    colon = url.find(":", start, at) if at >= 0 else -1
    return (colon + 1, at) if colon >= 0 and at > colon + 1 else None
