"""Keep secret values (passwords, tokens) out of every file uxaudit writes."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

MASK = "••••••"


def redact(data: Any, secrets: Iterable[str]) -> Any:
    """A copy of a JSON-like tree with every occurrence of each secret replaced by a mask."""
    values = sorted({s for s in secrets if s}, key=len, reverse=True)
    return _walk(data, values) if values else data


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
