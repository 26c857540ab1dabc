"""Hypothesis: whatever YAML a journey file holds, loading it ends in a journey or an InputError."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from uxaudit.errors import InputError
from uxaudit.gather.verbs import VERBS
from uxaudit.load.loader import load_journeys

WORDS = ["name", "base_url", "steps", "tasks", "goto", "click", "fill", "use", "timeout", "success", "target",
         "role", "value", "wait", "expect", "device", "variables", "lighthouse", "optional", "url", "${secret:X}",
         "http://x.test", "/cart", "button", "file:///etc/passwd", "_sub.yaml"]
scalars = st.one_of(st.sampled_from(WORDS), st.text(max_size=12), st.integers(), st.floats(), st.booleans(),
                    st.none())
values = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.one_of(st.sampled_from(WORDS), scalars), inner, max_size=4)),
    max_leaves=20)
journeys = st.fixed_dictionaries({"name": scalars, "base_url": st.sampled_from(["http://x.test", "http://[::1", 1]),
                                  "steps": values}, optional={"tasks": values, "timeout": scalars})
SNIPPETS = ["&a [*a]", "!!int abc", "*undefined", "&x {<<: *x}", "[" * 60, "\"\\ud800\"", "\x00", "{? [a]: b}",
            "!!python/object:os.system x", "- use: _sub.yaml", "&b [1, *b, {c: *b}]"]


def _text(data: Any, snippet: str | None, cut: int) -> str:
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    if snippet is not None:
        text = text[:cut] + snippet + text[cut:]
    return text


def _loads_or_input_error(text: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "j.yaml"
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        (Path(folder) / "_sub.yaml").write_text(text, encoding="utf-8", errors="surrogatepass")
        try:
            load_journeys([path], {}, {"X": "s3cret"}, VERBS, lambda _device: None)
        except InputError as exc:
            assert "s3cret" not in str(exc)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(journeys, values), st.one_of(st.none(), st.sampled_from(SNIPPETS), st.text(max_size=8)),
       st.integers(0, 400))
def test_any_scenario_loads_or_is_an_input_error(data: Any, snippet: str | None, cut: int) -> None:
    _loads_or_input_error(_text(data, snippet, cut))


@settings(max_examples=50, deadline=None)
@given(st.binary(max_size=200))
def test_any_bytes_load_or_are_an_input_error(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "j.yaml"
        path.write_bytes(data)
        try:
            load_journeys([path], {}, {}, VERBS)
        except InputError:
            pass
