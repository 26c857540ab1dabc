"""Keep secret values (passwords, tokens) out of every file uxaudit writes, in every form a value
takes on its way through a browser and a site: as typed, URL-encoded (as Python, as a form post and
as Chromium encode it), HTML-escaped (as a page or its snapshot shows it), JSON-escaped (inline
data), lower-cased, and as the slug of an id or file name made from it (docs/security.md)."""

from __future__ import annotations

import html
import json
from collections.abc import Iterable
from typing import Any
from urllib.parse import quote, quote_plus

from .scenario import slugify

MASK = "••••••"
MIN_VARIANT = 4  # shorter forms than this (a slug "ab") would mask ordinary words: only the value itself


def redact(data: Any, secrets: Iterable[str]) -> Any:
    """A copy of a JSON-like tree with every occurrence of each secret, in each of its forms,
    replaced by a mask (longest forms first, so a form never leaves part of a longer one)."""
    values = secret_forms(secrets)
    return _walk(data, values) if values else data


def secret_forms(secrets: Iterable[str]) -> list[str]:
    """Every form of every secret, longest first."""
    return sorted({form for s in secrets if s for form in _forms(s)}, key=len, reverse=True)


def _forms(secret: str) -> set[str]:
    forms = {secret, quote(secret), quote_plus(secret), quote(secret, safe=""), chromium_form_encoded(secret),
             *(url_encoded(secret, part) for part in _URL_ESCAPED),
             html.escape(secret, quote=False), html.escape(secret), html.escape(secret).replace("&#x27;", "&#39;"),
             json.dumps(secret)[1:-1], json.dumps(secret, ensure_ascii=False)[1:-1],
             json.dumps(secret)[1:-1].replace("/", "\\/"), secret.lower(), secret.casefold(), slugify(secret)}
    forms |= {form.lower() for form in list(forms) if "%" in form}  # percent-escapes in lower case too
    return {form for form in forms if form == secret or len(form) >= MIN_VARIANT} - {"task"}


# What a browser's URL parser escapes in each part of an address it is given (the WHATWG URL
# standard's percent-encode sets, for http and https); every other printable ASCII character stays.
_URL_ESCAPED = {"query": ' "#<>\'', "path": ' "#<>?`{}', "fragment": ' "<>`'}


def url_encoded(value: str, part: str) -> str:
    """`value` as the browser writes it into the `part` (query, path, fragment) of an address."""
    escaped = _URL_ESCAPED[part]
    return "".join(char if char.isascii() and char.isprintable() and char not in escaped
                   else "".join(f"%{byte:02X}" for byte in char.encode("utf-8")) for char in value)


def chromium_form_encoded(value: str) -> str:
    """How Chromium encodes a form field for a GET form's query: letters, digits and `*-._` as they
    are, a space as `+`, every other byte as `%XX` (so `~` and `'` are escaped, unlike Python's)."""
    out = []
    for char in value:
        if char == " ":
            out.append("+")
        elif (char.isascii() and char.isalnum()) or char in "*-._":
            out.append(char)
        else:
            out.append("".join(f"%{byte:02X}" for byte in char.encode("utf-8")))
    return "".join(out)


def _walk(data: Any, secrets: list[str]) -> Any:
    if isinstance(data, str):
        for secret in secrets:
            data = data.replace(secret, MASK)
        return data
    if isinstance(data, list | tuple):
        return [_walk(item, secrets) for item in data]
    if isinstance(data, dict):
        return {_walk(key, secrets): _walk(value, secrets) for key, value in data.items()}
    return data
