"""Pydantic models of the scenario files as written (the YAML boundary); also the JSON Schema source."""

from __future__ import annotations

import difflib
import functools
import re
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    PositiveInt,
    Tag,
    model_validator,
)

from .keys import key_problem
from .verbs import USE, VerbGrammar, VerbTable

TARGET_KINDS = ("text", "role", "label", "placeholder", "test_id", "css")
# WAI-ARIA 1.2 roles Playwright's get_by_role accepts.
ARIA_ROLES = frozenset("""
alert alertdialog application article banner blockquote button caption cell checkbox code columnheader
combobox complementary contentinfo definition deletion dialog directory document emphasis feed figure form
generic grid gridcell group heading img insertion link list listbox listitem log main marquee math meter
menu menubar menuitem menuitemcheckbox menuitemradio navigation none note option paragraph presentation
progressbar radio radiogroup region row rowgroup rowheader scrollbar search searchbox separator slider
spinbutton status strong subscript superscript switch tab table tablist tabpanel term textbox time timer
toolbar tooltip tree treegrid treeitem""".split())
CONDITION_KINDS = ("visible", "hidden", "url", "title", "text", "status")
MAX_TIMER_MS = 2_147_483_647  # Node's (and so Playwright's) largest timer: 2^31 - 1 ms, ~24.8 days


def _not_bool(value: Any) -> Any:
    """YAML's `true` is not 1 ms: a duration is a whole number, never a boolean (nor 1e40)."""
    if isinstance(value, bool):
        raise ValueError(f"expected a whole number of milliseconds, got {str(value).lower()}")
    if isinstance(value, float) and not (value.is_integer() and abs(value) <= MAX_TIMER_MS):
        raise ValueError(f"expected a whole number of milliseconds up to {MAX_TIMER_MS}, got {value}")
    return value


Milliseconds = Annotated[int, BeforeValidator(_not_bool), Field(ge=1, le=MAX_TIMER_MS)]


MAX_OPTIMAL_STEPS = 10_000
OPTIMAL_STEPS_HELP = ("The fewest pages (documents or in-app screens) a visitor must see to do this task: "
                      "the shortest path, for the task's lostness (docs/scoring.md#effort)")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class TargetSpec(_Strict):
    """One precise way to find an element; `nth` picks among several visible matches (from 1)."""

    text: str | None = None
    role: str | None = None
    name: str | None = Field(None, description="Accessible name, with `role`")
    label: str | None = None
    placeholder: str | None = None
    test_id: str | None = Field(None, description="data-test or data-testid attribute")
    css: str | None = None
    nth: PositiveInt | None = None

    @model_validator(mode="after")
    def _one_kind(self) -> TargetSpec:
        kinds = [k for k in TARGET_KINDS if getattr(self, k) is not None]
        if len(kinds) != 1:
            found = ", ".join(kinds) or "none"
            raise ValueError(f"a target needs exactly one of {', '.join(TARGET_KINDS)} (found: {found})")
        if self.name is not None and self.role is None:
            raise ValueError("`name` goes with `role`, e.g. {role: button, name: Checkout}")
        if self.role is not None and self.role not in ARIA_ROLES:
            close = difflib.get_close_matches(self.role, sorted(ARIA_ROLES), n=1)
            hint = f"; did you mean '{close[0]}'?" if close else "; common roles: button, link, textbox, checkbox"
            raise ValueError(f"'{self.role}' is not an ARIA role{hint}")
        return self


Target = Annotated[str | TargetSpec, Field(description="Visible text, or a precise target mapping")]


class UrlSpec(_Strict):
    """A URL test other than path equality."""

    contains: str | None = None
    matches: str | None = None

    @model_validator(mode="after")
    def _one_kind(self) -> UrlSpec:
        if (self.contains is None) == (self.matches is None):
            raise ValueError("give exactly one of `contains` or `matches`")
        if self.matches is not None:
            try:
                re.compile(self.matches)
            except re.error as exc:
                raise ValueError(f"`matches` is not a valid regular expression: {exc}") from None
        return self


class ConditionSpec(_Strict):
    """A success criterion or `expect`: exactly one of its keys."""

    visible: Target | None = None
    hidden: Target | None = None
    url: str | UrlSpec | None = None
    title: str | None = None
    text: str | None = None
    status: Annotated[int, Field(ge=100, le=599)] | None = None

    @model_validator(mode="after")
    def _one_kind(self) -> ConditionSpec:
        kinds = [k for k in CONDITION_KINDS if getattr(self, k) is not None]
        if len(kinds) != 1:
            raise ValueError(f"give exactly one of {', '.join(CONDITION_KINDS)}")
        return self


class FillArgs(_Strict):
    target: Target
    value: str


class SelectArgs(_Strict):
    target: Target
    option: str


def _known_key(keys: str) -> str:
    """A `press` key Playwright knows: a misspelt one fails `validate`, not the run."""
    if problem := key_problem(keys):
        raise ValueError(problem)
    return keys


Key = Annotated[str, AfterValidator(_known_key),
                Field(description="A key or combination as Playwright names them: Enter, Tab, ArrowDown, Control+A")]
MAX_KEY_DELAY_MS = 10_000


class PressArgs(_Strict):
    target: Target
    key: Key


class TypeArgs(_Strict):
    target: Target | None = Field(None, description="Clicked first; without it, keys go where the focus is")
    value: str
    delay: Annotated[int, BeforeValidator(_not_bool), Field(ge=0, le=MAX_KEY_DELAY_MS)] = Field(
        0, description="Milliseconds between keys")


class WaitForArgs(_Strict):
    for_: Target | None = Field(None, alias="for")
    url: str | UrlSpec | None = None

    @model_validator(mode="after")
    def _one_kind(self) -> WaitForArgs:
        if (self.for_ is None) == (self.url is None):
            raise ValueError("give exactly one of `for` (a target) or `url`")
        return self


def _press_form(value: Any) -> str:
    # Only the form written is validated, so an unknown key gets one message, not one per form.
    return "PressArgs" if isinstance(value, dict) else "str"


# The arguments of verbs that take more than one form (the verb records in gather/verbs.py name them).
PressArg = Annotated[Annotated[Key, Tag("str")] | Annotated[PressArgs, Tag("PressArgs")],
                     Discriminator(_press_form)]
TypeArg = str | TypeArgs
ScrollArg = Literal["top", "bottom"] | int | Target
WaitArg = Annotated[int, BeforeValidator(_not_bool), Field(ge=0, le=MAX_TIMER_MS)] | WaitForArgs
STEP_OPTIONS = ("name", "timeout", "optional", "lighthouse")


class LighthouseSpec(_Strict):
    runs: int = Field(1, ge=1, le=9, description="Lighthouse runs on the page; the median run is kept")


def lighthouse_runs(option: bool | LighthouseSpec) -> int:
    """`lighthouse: true` is one run, `{runs: N}` is N, false or absent is none."""
    if isinstance(option, LighthouseSpec):
        return option.runs
    return 1 if option else 0


class StepOptions(_Strict):
    name: str | None = None
    timeout: Milliseconds | None = Field(None, description="Milliseconds for this step")
    optional: bool = False
    lighthouse: bool | LighthouseSpec = Field(False, description="Run Lighthouse on the page this step leaves")


def step_models(verbs: VerbTable) -> dict[str, type[StepOptions]]:
    """One model per action (each verb's argument, and `use`'s file name): a step is
    `{verb: argument}` plus the options every step takes. Built once per verb table (~9 ms)."""
    return _step_models(tuple(verbs.items()))


@functools.cache
def _step_models(verbs: tuple[tuple[str, VerbGrammar], ...]) -> dict[str, type[StepOptions]]:
    arguments = {**{verb: record.args for verb, record in verbs}, USE: str}
    return {verb: _step_model(verb, annotation) for verb, annotation in arguments.items()}


def _step_model(verb: str, annotation: Any) -> type[StepOptions]:
    return type(f"{verb.title()}Step", (StepOptions,), {"__annotations__": {verb: annotation}})


class TaskSpec(_Strict):
    name: str
    steps: list[dict[str, Any]] = Field(min_length=1)
    success: list[ConditionSpec] = []
    max_duration_ms: Milliseconds | None = None
    timeout: Milliseconds | None = Field(None, description="Default step timeout (ms) in this task")
    thresholds: dict[str, Any] = Field({}, description="Audit thresholds for this task (docs/audits.md#thresholds)")
    optimal_steps: int | None = Field(None, ge=1, le=MAX_OPTIMAL_STEPS, description=OPTIMAL_STEPS_HELP)


class JourneySpec(_Strict):
    """One file = one journey: `tasks:`, or the short form with top-level `steps:`."""

    name: str
    base_url: str | None = None
    device: str = "desktop"
    tags: list[str] = []
    variables: dict[str, str | int | float | bool] = {}
    timeout: Milliseconds | None = Field(None, description="Default step timeout (ms) in this journey")
    lighthouse: bool | LighthouseSpec = Field(False, description="Run Lighthouse on every page this journey shows")
    thresholds: dict[str, Any] = Field({}, description="Audit thresholds for this journey (docs/audits.md#thresholds)")
    tasks: list[TaskSpec] | None = Field(None, min_length=1)
    steps: list[dict[str, Any]] | None = Field(None, min_length=1)
    success: list[ConditionSpec] = []
    max_duration_ms: Milliseconds | None = None
    optimal_steps: int | None = Field(None, ge=1, le=MAX_OPTIMAL_STEPS, description=OPTIMAL_STEPS_HELP)
    importance: float = Field(1.0, gt=0, le=100, description="How much this journey weighs in the site score "
                              "(e.g. checkout 3, browsing 1; default 1)")
    order: int | None = Field(None, ge=0, le=1_000_000, description="Where the journey comes in the report's story "
                              "(lowest first; default: by importance, then file name)")
    setup: list[dict[str, Any]] = Field([], description="Steps before the first task, e.g. to create test data: "
                                        "not timed or audited; a failure skips the tasks")
    teardown: list[dict[str, Any]] = Field([], description="Steps after the last task, even after a failure, "
                                           "e.g. to delete test data; a failure is a warning")

    @model_validator(mode="after")
    def _tasks_or_steps(self) -> JourneySpec:
        if (self.tasks is None) == (self.steps is None):
            raise ValueError("a journey needs either `tasks:` or (short form) `steps:`, not both")
        if self.tasks is not None and (self.success or self.max_duration_ms or self.optimal_steps):
            raise ValueError("top-level `success:`/`max_duration_ms:`/`optimal_steps:` belong to the short form; "
                             "put them in a task")
        return self


class SubflowSpec(_Strict):
    """A `use:` file: steps (and default variables) shared by journeys, e.g. `_login.yaml`."""

    name: str | None = None
    variables: dict[str, str | int | float | bool] = {}
    steps: list[dict[str, Any]] = Field(min_length=1)
