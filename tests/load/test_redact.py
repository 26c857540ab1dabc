"""Secrets are masked in every form a value takes through a browser and a site."""

from __future__ import annotations

import html
import json
from urllib.parse import quote, quote_plus

import pytest

from uxaudit.load.redact import MASK, chromium_form_encoded, redact, url_encoded
from uxaudit.load.scenario import slugify

SECRET = "p&ss<w>\"rd*~ Zq'9/é"


@pytest.mark.parametrize(("form", "written"), [
    ("as typed", SECRET),
    ("URL path (Python quote)", quote(SECRET)),
    ("URL, nothing safe", quote(SECRET, safe="")),
    ("form post (quote_plus)", quote_plus(SECRET)),
    ("a GET form as Chromium encodes it", chromium_form_encoded(SECRET)),
    ("an address's query as the browser writes it", url_encoded(SECRET, "query")),
    ("an address's path", url_encoded(SECRET, "path")),
    ("an address's fragment", url_encoded(SECRET, "fragment")),
    ("percent-escapes in lower case", quote(SECRET, safe="").lower()),
    ("HTML text", html.escape(SECRET, quote=False)),
    ("HTML attribute", html.escape(SECRET)),
    ("HTML attribute, decimal apostrophe", html.escape(SECRET).replace("&#x27;", "&#39;")),
    ("inline JSON", json.dumps(SECRET)[1:-1]),
    ("inline JSON, UTF-8 kept", json.dumps(SECRET, ensure_ascii=False)[1:-1]),
    ("inline JSON, slashes escaped", json.dumps(SECRET)[1:-1].replace("/", "\\/")),
    ("lower case", SECRET.lower()),
    ("an id or file name made from it", slugify(SECRET)),
])
def test_every_form_of_a_secret_is_masked(form: str, written: str) -> None:
    masked = redact({"text": f"before {written} after", written: "as a key"}, [SECRET])
    assert masked == {"text": f"before {MASK} after", MASK: "as a key"}, form


def test_chromium_escapes_what_python_leaves() -> None:
    assert chromium_form_encoded("p&ss<w>\"rd*~ Zq'9") == "p%26ss%3Cw%3E%22rd*%7E+Zq%279"


def test_short_forms_do_not_mask_ordinary_words() -> None:
    assert redact("a b ab abc", ["AB"]) == "a b ab abc"  # "ab" (the lower-cased form) is too short to mask
    assert redact("x AB y", ["AB"]) == f"x {MASK} y"  # the value itself always is
