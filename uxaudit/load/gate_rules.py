"""Gate rules from uxaudit.yaml (`gate:`), in the spirit of Lighthouse CI's assertions: a level
(`error` fails the gate, `warn` only reports), a target and a threshold.

    gate:
      - {target: site, min_score: 80}
      - {target: category, id: accessibility, min_score: 90}
      - {target: journey, id: checkout, min_score: 70, level: warn}
      - {target: task, id: checkout/check-out, max_value: 20000}   # the task's time, ms
      - {target: audit, id: broken-link, max_count: 0}             # findings at warning or worse
      - {target: audit, id: load-time, max_value: 3000}            # the largest value it measured
      - {target: site, min_score: 80, aggregate: pessimistic}       # with --runs N: the worst run
      - {target: slower-tasks, max_count: 0}  # with --baseline: tasks slower than there (docs/ci.md)

With `--runs N` each rule is measured in every run and the values are combined by `aggregate`:
`median` (the default; with an even number of runs, the worse of the two middle runs), `optimistic`
(the best run) or `pessimistic` (the worst run). Lighthouse CI defaults to optimistic; a release gate
here defaults to the median, which one lucky or unlucky run out of three or more cannot move.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, NonNegativeFloat, NonNegativeInt, model_validator

# Which thresholds each target understands.
THRESHOLDS = {"site": ("min_score",), "category": ("min_score",), "journey": ("min_score",),
              "task": ("min_score", "max_value"), "audit": ("max_count", "max_value"),
              "slower-tasks": ("max_count",)}
WITHOUT_ID = ("site", "slower-tasks")  # about the whole run: no `id`


class GateRule(BaseModel):
    """One rule, as written under `gate:`."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    target: Literal["site", "category", "journey", "task", "audit", "slower-tasks"]
    id: str | None = Field(None, description="Which category, journey, task (journey/task) or audit")
    level: Literal["error", "warn"] = "error"
    min_score: float | None = Field(None, ge=0, le=100)
    max_value: NonNegativeFloat | None = None
    max_count: NonNegativeInt | None = None
    aggregate: Literal["median", "optimistic", "pessimistic"] = "median"

    @model_validator(mode="after")
    def _one_threshold_the_target_understands(self) -> GateRule:
        given = [name for name in ("min_score", "max_value", "max_count") if getattr(self, name) is not None]
        allowed = THRESHOLDS[self.target]
        if len(given) != 1 or given[0] not in allowed:
            raise ValueError(f"a `{self.target}` rule needs exactly one of: {', '.join(allowed)}")
        if self.target == "slower-tasks" and "aggregate" in self.model_fields_set:
            raise ValueError("a `slower-tasks` rule compares with the baseline, not across runs: it takes no "
                             "`aggregate`")
        if (self.target in WITHOUT_ID) != (self.id is None):
            raise ValueError(f"`id` names the category, journey, task or audit; a `{self.target}` rule has none"
                             if self.id is not None else f"a `{self.target}` rule needs an `id`")
        return self

    @property
    def threshold(self) -> tuple[str, float]:
        """(kind, number) of the one threshold given."""
        for name in ("min_score", "max_value", "max_count"):
            value = getattr(self, name)
            if value is not None:
                return name, float(value)
        raise AssertionError("validated to have one threshold")
