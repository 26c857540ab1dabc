"""Keep secret values (passwords, tokens) out of every file uxaudit writes."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any
from urllib.parse import quote, quote_plus

MASK = "••••••"


def redact(data: Any, secrets: Iterable[str]) -> Any:
    """A copy of a JSON-like tree with every occurrence of each secret (as typed, or URL-encoded
    as it appears in addresses and form posts) replaced by a mask."""
    values = sorted({form for s in secrets if s for form in _forms(s)}, key=len, reverse=True)
    return _walk(data, values) if values else data


def _forms(secret: str) -> set[str]:
    return {secret, quote(secret), quote_plus(secret), quote(secret, safe="")}


def _walk(data: Any, secrets: list[str]) -> Any:
    if isinstance(data, str):
        for secret in secrets:
            data = data.replace(secret, MASK)
        return data
    if isinstance(data, list | tuple):
        return [_walk(item, secrets) for item in data]
    if isinstance(data, dict):
        return {key: _walk(value, secrets) for key, value in data.items()}
    return data
