"""`${RUN_ID}` and `${REPEAT}`: the values uxaudit gives each run, so that a journey that creates a record
(a user, an order) can name it anew every time instead of failing on "that name is taken".

Both are placeholders while a file is read (LOAD reads once, and `${REPEAT}` differs per repeat):
`${RUN_ID}` is filled in once the journey is built, `${REPEAT}` just before each repeat runs
(`with_repeat`, called by GATHER). Until then they are private markers no one types, so a value
written `$${REPEAT}` (a literal `${REPEAT}`) is never mistaken for one.
"""

from __future__ import annotations

import dataclasses
import secrets
from collections.abc import Iterable, Mapping
from typing import Any, TypeVar

from .scenario import Journey

RUN_ID = "RUN_ID"
REPEAT = "REPEAT"
RESERVED = (RUN_ID, REPEAT)
MARKERS = {name: f"\ue000{name}\ue001" for name in RESERVED}  # private-use characters: never typed
RESERVED_HINT = ("uxaudit sets ${RUN_ID} (new every run) and ${REPEAT} (1 to N with --runs N) itself; "
                 "choose another name")
T = TypeVar("T")


def new_run_token() -> str:
    """A short value unique to one run (8 lowercase hex digits): safe in names, e-mail addresses and URLs."""
    return secrets.token_hex(4)


def reserved_in(names: Iterable[object]) -> str | None:
    """The first of `names` uxaudit reserves, or None."""
    return next((str(name) for name in names if name in RESERVED), None)


def markers_in(text: str) -> list[str]:
    """The reserved variables `text` uses (as markers), in the order of RESERVED."""
    return [name for name, marker in MARKERS.items() if marker in text]


def shown(text: str) -> str:
    """`text` with its markers written back as `${NAME}`, for messages."""
    for name, marker in MARKERS.items():
        text = text.replace(marker, f"${{{name}}}")
    return text


def misplaced(path: tuple[str | int, ...]) -> bool:
    """Whether a value at `path` (a key path in a journey file) may not use the reserved variables:
    only steps and success criteria may. A journey's or task's name is its id in the history, so
    it must not change from run to run."""
    if path[:1] in (("steps",), ("success",), ("setup",), ("teardown",)):
        return False
    return not (path[:1] == ("tasks",) and len(path) > 2 and path[2] in ("steps", "success"))


def with_run_id(journey: Journey, run_id: str) -> Journey:
    """The journey with `${RUN_ID}` filled in everywhere (LOAD, once per run)."""
    return _filled(journey, {MARKERS[RUN_ID]: run_id})


def with_repeat(journey: Journey, repeat: int) -> Journey:
    """The journey as its `repeat`-th run does it (from 1): `${REPEAT}` filled in everywhere."""
    return _filled(journey, {MARKERS[REPEAT]: str(repeat)})


def _filled(value: T, values: Mapping[str, str]) -> T:
    """`value` with each marker replaced in every string it holds (dataclasses, tuples, sets, dicts)."""
    result: Any
    if isinstance(value, str):
        result = value
        for marker, text in values.items():
            result = result.replace(marker, text)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {f.name: _filled(getattr(value, f.name), values) for f in dataclasses.fields(value)}
        result = dataclasses.replace(value, **changes)
    elif isinstance(value, tuple | list | frozenset | set):
        result = type(value)(_filled(item, values) for item in value)
    elif isinstance(value, dict):
        result = {key: _filled(item, values) for key, item in value.items()}
    else:
        result = value
    return result  # type: ignore[no-any-return]
