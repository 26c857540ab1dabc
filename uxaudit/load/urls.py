"""Which URLs a scenario may name: absolute ones are http(s) and well formed."""

from __future__ import annotations

from urllib.parse import urlsplit

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
