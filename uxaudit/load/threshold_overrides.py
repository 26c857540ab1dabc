"""`thresholds:` overrides as written in uxaudit.yaml, a journey or a task: validated against the
Thresholds table (each mistake names its line) and kept as a plain mapping of what was changed."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from pydantic import BaseModel, TypeAdapter, ValidationError

from ..audits.thresholds import Thresholds
from ..errors import ScenarioErrors
from .messages import describe_validation_error, unknown_key_message
from .yaml_lines import KeyPath, LinedDocument


def checked_overrides(doc: LinedDocument, path: KeyPath, raw: dict[str, Any]) -> dict[str, Any]:
    """The overrides at `path` in `doc` (e.g. ("tasks", 0, "thresholds")), normalised: only the
    keys written, each with its validated value (a curve needs both p10 and median)."""
    defaults = asdict(Thresholds())
    for key in raw:
        if key not in defaults:
            message, hint = unknown_key_message(key, list(defaults))
            raise ScenarioErrors([doc.error((*path, key), message, hint)])
    try:
        merged = TypeAdapter(Thresholds).validate_python({**defaults, **raw})
    except ValidationError as exc:
        raise ScenarioErrors([doc.error((*path, *loc), msg, hint)
                              for loc, msg, hint in describe_validation_error(exc, raw, BaseModel)]) from None
    validated = asdict(merged)
    return {key: validated[key] for key in raw}

