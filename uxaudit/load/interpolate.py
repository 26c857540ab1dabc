"""`${NAME}`, `${NAME:-default}` and `${secret:NAME}` in scenario values; secrets are remembered."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

PATTERN = re.compile(r"\$\$|\$\{(?:(secret):)?([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}")
SECRET_NAME = re.compile(r"(PASSWORD|PASSWD|TOKEN|SECRET|API_?KEY|PRIVATE_KEY)$", re.IGNORECASE)


class UndefinedVariable(Exception):
    """A `${NAME}` with no value and no default."""

    def __init__(self, name: str) -> None:
        self.name = name
        super().__init__(name)


@dataclass
class Interpolator:
    """Substitutes variables; remembers which substituted values are secret."""

    values: Mapping[str, str]
    secrets: set[str] = field(default_factory=set)

    def text(self, raw: str) -> str:
        """Interpolate one string."""
        return PATTERN.sub(self._replace, raw)

    def _replace(self, match: re.Match[str]) -> str:
        if match.group(0) == "$$":
            return "$"
        marker, name, default = match.groups()
        value = self.values.get(name)
        if default is not None and not value:  # as in the shell, `:-` also covers "set but empty"
            value = default
        if value is None:
            raise UndefinedVariable(name)
        if (marker or SECRET_NAME.search(name)) and value:
            self.secrets.add(value)
        return value


def resolve_variables(journey_vars: Mapping[str, Any], cli_vars: Mapping[str, str],
                      environ: Mapping[str, str]) -> tuple[dict[str, str], set[str]]:
    """Merge the three sources: --var beats the journey's `variables:`, which beats the environment."""
    base = {**environ, **cli_vars}
    interpolator = Interpolator(base)
    merged = dict(environ)
    for name, raw in journey_vars.items():
        merged[name] = interpolator.text(_as_text(raw))
        if SECRET_NAME.search(name):
            interpolator.secrets.add(merged[name])
    merged.update(cli_vars)
    secrets = interpolator.secrets | {v for k, v in cli_vars.items() if SECRET_NAME.search(k) and v}
    return merged, secrets


def _as_text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
