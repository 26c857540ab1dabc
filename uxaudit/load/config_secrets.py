"""Secrets in uxaudit.yaml kept out of its error messages: the value of a variable whose name says it
is one (`API_TOKEN`, as interpolate.SECRET_NAME tells), and the password of a URL's `user:password@`
(base_url). A message never quotes one: it names the variable (`${secret:API_TOKEN}`) or masks the
password. (Journey files track their secrets as they are interpolated: loader._masked.)"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import unquote

from pydantic import BaseModel, ValidationError

from ..errors import ScenarioError
from .interpolate import SECRET_NAME
from .messages import Described, describe_validation_error
from .redact import MASK, MIN_VARIANT
from .urls import masked_url, url_password


def described_masked(exc: ValidationError, data: Any, model: type[BaseModel]) -> list[Described]:
    """Pydantic's errors in words, quoting what was written with its secrets masked: the masked
    copy is validated again, so its errors (the same ones: masking keeps every value's type) quote it."""
    shown = _secrets_shown(data)
    try:
        model.model_validate(shown or {})
    except ValidationError as masked_exc:
        return describe_validation_error(masked_exc, shown, model)
    return describe_validation_error(exc, data, model)  # not expected; masked_error still masks its values


def _secrets_shown(data: Any, secret: str | None = None) -> Any:
    """`data` as an error may quote it: the texts and numbers under a secret-named key as
    `${secret:NAME}` (keys too), and URLs with their password masked."""
    if isinstance(data, dict):
        return {_secrets_shown(key, secret): _secrets_shown(value, secret or _secret_name(key))
                for key, value in data.items()}
    if isinstance(data, list):
        return [_secrets_shown(item, secret) for item in data]
    if secret and isinstance(data, str | int | float) and not isinstance(data, bool):
        return f"${{secret:{secret}}}"
    return masked_url(data) if isinstance(data, str) else data


def _secret_name(key: object) -> str | None:
    return key if isinstance(key, str) and SECRET_NAME.search(key) else None


def _secret_values(data: Any, secret: str | None = None) -> dict[str, str]:
    """Each secret of the file (as text) → how a message shows it instead."""
    found: dict[str, str] = {}
    if isinstance(data, dict):
        for key, value in data.items():
            found |= _secret_values(key, secret) | _secret_values(value, secret or _secret_name(key))
    elif isinstance(data, list):
        for item in data:
            found |= _secret_values(item, secret)
    elif secret and isinstance(data, str | int | float) and not isinstance(data, bool) and str(data):
        found[str(data)] = f"${{secret:{secret}}}"
    elif isinstance(data, str) and (password := url_password(data)):
        found |= {password: MASK, unquote(password): MASK}
    return found


def masked_error(error: ScenarioError, data: Any) -> ScenarioError:
    """The error with every secret of the file masked, wherever it came to be quoted (the last
    safeguard: messages are made from the masked copy already, so a value too short to be told from
    ordinary words, such as a key `a` inside a secret's mapping, is left to that copy)."""
    secrets = {value: shown for value, shown in _secret_values(data).items() if len(value) >= MIN_VARIANT}
    if not secrets:
        return error
    pattern = re.compile("|".join(re.escape(value) for value in sorted(secrets, key=len, reverse=True)))

    def mask(text: str) -> str:
        return pattern.sub(lambda match: secrets[match.group(0)], text)

    return type(error)(error.file, error.line, mask(error.path), mask(error.message), mask(error.hint))


def yaml_error_masked(error: ScenarioError) -> ScenarioError:
    """A value YAML itself refused (`API_TOKEN: !!int abc…`) is quoted by the error: not a secret
    variable's, nor a URL's password (the file is not read, so the error's key path tells)."""
    names = [part for part in re.split(r"[.\[\]]", error.path) if SECRET_NAME.search(part)]
    message = _QUOTED.sub(lambda m: f"'${{secret:{names[-1]}}}'" if names else f"'{masked_url(m.group(1))}'",
                          error.message)
    if names or url_password(error.message):
        message = _SURROGATE.sub("text with a lone surrogate", message)
    return type(error)(error.file, error.line, error.path, message, error.hint)


_QUOTED = re.compile(r"^'(.*)'(?= is not a valid )")
_SURROGATE = re.compile(r"text with a lone surrogate \(.*\)")
