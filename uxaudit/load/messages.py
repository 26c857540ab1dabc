"""Turn pydantic's validation errors into short sentences with a key path and a hint."""

from __future__ import annotations

import difflib
from typing import Any, get_args

from pydantic import BaseModel, ValidationError

from .schema import CONDITION_KINDS, STEP_OPTIONS, TARGET_KINDS

# The keys of journey files and uxaudit.yaml, for "Did you mean" where the model cannot tell which
# keys are valid at a place (a misspelt verb is caught earlier, by the loader).
KNOWN_KEYS = sorted({
    "name", "base_url", "device", "tags", "variables", "timeout", "tasks", "steps", "success",
    "max_duration_ms", "value", "option", "key", "target", "for", "url", "contains", "matches",
    "nth", *TARGET_KINDS, *CONDITION_KINDS, *STEP_OPTIONS,
})
_TYPE_WORDS = {"str": "text", "int": "a whole number", "bool": "true or false", "dict": "a mapping",
               "list": "a list", "float": "a number", "NoneType": "nothing"}

Described = tuple[tuple[str | int, ...], str, str]


def describe_validation_error(exc: ValidationError, data: Any, model: type[BaseModel]) -> list[Described]:
    """One (key path, message, hint) per real problem; union noise is dropped."""
    seen: set[tuple[tuple[str | int, ...], str]] = set()
    result = []
    for error in _relevant(exc.errors(), data):
        loc = _clean_loc(error["loc"], data)
        message, hint = _sentence(error, loc, model)
        if (loc, message) not in seen:
            seen.add((loc, message))
            result.append((loc, message, hint))
    return _merge_alternatives(result)


def _merge_alternatives(described: list[Described]) -> list[Described]:
    """`expected a whole number` + `expected a mapping` at one place -> one line with `or`."""
    merged: list[Described] = []
    for loc, message, hint in described:
        last = merged[-1] if merged else None
        if last and last[0] == loc and message.startswith("expected ") and last[1].startswith("expected "):
            wanted, got = last[1].rsplit(", got ", 1)
            merged[-1] = (loc, f"{wanted} or {message.split(', got ')[0].removeprefix('expected ')}, got {got}",
                          last[2])
        else:
            merged.append((loc, message, hint))
    return merged


def _relevant(errors: list[Any], data: Any) -> list[Any]:
    """For `str | mapping` unions keep the errors of the branch matching what was written."""
    kept = []
    for error in errors:
        value = _value_at(data, _clean_loc(error["loc"], data)[: _branch_depth(error["loc"])])
        branch = _branch_name(error["loc"])
        if branch and not _branch_matches(branch, value):
            continue
        kept.append(error)
    return kept or errors


def _branch_name(loc: tuple[Any, ...]) -> str | None:
    for part in loc:
        if isinstance(part, str) and _is_branch(part):
            return part
    return None


def _branch_depth(loc: tuple[Any, ...]) -> int:
    return sum(1 for part in loc[: _index_of_branch(loc)] if not (isinstance(part, str) and _is_branch(part)))


def _index_of_branch(loc: tuple[Any, ...]) -> int:
    for index, part in enumerate(loc):
        if isinstance(part, str) and _is_branch(part):
            return index
    return len(loc)


def _is_branch(part: str) -> bool:
    # A model's name (GotoStep) is a branch; a key in capitals (API_TOKEN, a variable) is not.
    camel_case = part[:1].isupper() and not part.isupper() and "_" not in part
    return part in _TYPE_WORDS or camel_case or "[" in part or part.startswith("constrained")


def _branch_matches(branch: str, value: Any) -> bool:
    if isinstance(value, dict):
        return branch[:1].isupper() or branch.startswith("function")
    if isinstance(value, bool):
        return branch == "bool"
    if isinstance(value, int):
        return branch in ("int", "float") or branch.startswith(("constrained-int", "literal"))
    if isinstance(value, str):
        return branch == "str" or branch.startswith("literal")
    return True


def _clean_loc(loc: tuple[Any, ...], data: Any) -> tuple[str | int, ...]:
    return tuple(p for p in loc if not (isinstance(p, str) and _is_branch(p)))


def _value_at(data: Any, loc: tuple[str | int, ...]) -> Any:
    for part in loc:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _sentence(error: Any, loc: tuple[str | int, ...], model: type[BaseModel]) -> tuple[str, str]:
    kind, given = error["type"], error.get("input")
    if kind == "extra_forbidden":
        return _unknown_key(str(loc[-1]) if loc else "?", valid_keys(model, loc[:-1]))
    if kind == "missing":
        return f"missing required key '{loc[-1]}'", "Add it (see docs/scenarios.md)"
    if kind == "value_error":
        return str(error["msg"]).removeprefix("Value error, "), ""
    if given is None and kind.endswith(("_type", "_parsing")):
        return f"`{loc[-1] if loc else 'this'}` has no value", "Write the value after the colon"
    if kind.endswith(("_type", "_parsing")):
        return f"expected {_expected(kind)}, got {_shown(given)}", ""
    if kind == "too_short":
        return f"`{loc[-1] if loc else 'this'}` is empty", "Give at least one item (see docs/scenarios.md)"
    if kind in _BOUNDS:
        limit = next(iter(error.get("ctx", {}).values()), "?")
        return f"must be {_BOUNDS[kind].format(limit=limit)}, got {_shown(given)}", ""
    return f"{str(error['msg']).removeprefix('Value error, ')} (got {_shown(given)})", ""


def unknown_key_message(key: str, valid: list[str], noun: str = "key") -> tuple[str, str]:
    """(message, hint) for a key, or another name (`noun`: an audit, a category), that is not one of
    `valid`."""
    return _unknown_key(key, valid, noun)


def _unknown_key(key: str, valid: list[str], noun: str = "key") -> tuple[str, str]:
    close = difflib.get_close_matches(key, valid or KNOWN_KEYS, n=1, cutoff=0.6)
    hint = f"Did you mean '{close[0]}'? " if close and close[0] != key else ""
    listed = "Valid keys here" if noun == "key" else f"Valid {noun} ids"
    return f"unknown {noun} '{key}'", hint + (f"{listed}: {', '.join(valid)}" if valid else "")


def valid_keys(model: type[BaseModel], loc: tuple[str | int, ...]) -> list[str]:
    """The keys allowed at `loc` inside `model` (empty when it cannot tell)."""
    current: type[BaseModel] | None = model
    for part in loc:
        if isinstance(part, int) or current is None:
            continue
        field = current.model_fields.get(part) or next(
            (f for f in current.model_fields.values() if f.alias == part), None)
        current = _model_in(field.annotation) if field else None
    if current is None:
        return []
    return [field.alias or name for name, field in current.model_fields.items()]


def _model_in(annotation: Any) -> type[BaseModel] | None:
    """The first pydantic model inside an annotation such as `list[X] | None` or `str | X`."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in get_args(annotation):
        if found := _model_in(arg):
            return found
    return None


_BOUNDS = {"greater_than_equal": "{limit} or more", "greater_than": "more than {limit}",
           "less_than_equal": "{limit} or less", "less_than": "less than {limit}"}


def _expected(kind: str) -> str:
    base = kind.removesuffix("_type").removesuffix("_parsing")
    words = {"string": "text", "int": "a whole number", "bool": "true or false",
             "dict": "a mapping", "list": "a list", "model": "a mapping", "float": "a number"}
    return words.get(base, base)


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."
