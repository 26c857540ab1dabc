"""RunConfig: uxaudit.yaml < environment < command-line flags, validated before anything runs."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, NonNegativeInt, PositiveInt, ValidationError

from ..audits import AUDITS_BY_ID
from ..audits.thresholds import Thresholds, overridden
from ..audits.weights import CATEGORIES, Weights
from ..errors import ScenarioError, ScenarioErrors
from .config_secrets import described_masked, masked_error, yaml_error_masked
from .gate_rules import GateRule
from .messages import unknown_key_message
from .schema import LighthouseSpec, Milliseconds, lighthouse_runs
from .threshold_overrides import checked_overrides
from .yaml_lines import LinedDocument, load_lined

CONFIG_FILE = "uxaudit.yaml"
DEFAULT_TIMEOUT_MS = 10_000
DEFAULT_LINK_CONCURRENCY = 4  # links checked at once, beside the journeys
DEFAULT_SCREEN_QUIET_MS = 200  # a new in-app screen has stopped changing for this long: it is drawn
RECORDING_MODES = ("on", "off", "retain-on-failure")  # --trace / --video, as Playwright Test names them
RecordingMode = Literal["on", "off", "retain-on-failure"]


def _yaml_switch(value: Any) -> Any:
    """YAML reads a bare `on` / `off` as true / false: `trace: off` means the word."""
    if isinstance(value, bool):
        return "on" if value else "off"
    return value


# `trace:` and `video:` in uxaudit.yaml: the mode's word, written bare or quoted.
RecordingSetting = Annotated[RecordingMode, BeforeValidator(_yaml_switch)]


def default_workers() -> int:
    """Half the cores, at least one: each worker drives a whole browser."""
    return max(1, (os.cpu_count() or 2) // 2)


class LinksSpec(BaseModel):
    """`links:` in uxaudit.yaml: the link checker."""

    model_config = ConfigDict(extra="forbid")

    check: bool = Field(True, description="Check every link on the visited pages")
    external: bool = Field(False, description="Also check links to other sites")
    concurrency: int = Field(DEFAULT_LINK_CONCURRENCY, ge=1, le=32, description="Links checked at once")


class ScoringSpec(BaseModel):
    """`scoring:` in uxaudit.yaml: category and audit weights over the defaults (docs/scoring.md)."""

    model_config = ConfigDict(extra="forbid")

    categories: dict[str, NonNegativeInt] = Field({}, description="Category weights, e.g. {speed: 30}")
    audits: dict[str, NonNegativeInt] = Field({}, description="Audit weights inside their category")


class ConfigSpec(BaseModel):
    """uxaudit.yaml as written."""

    model_config = ConfigDict(extra="forbid")

    base_url: str | None = None
    out: str | None = Field(None, description="Folder for this run's outputs (default reports/<run-id>)")
    workers: PositiveInt | None = None
    runs: PositiveInt | None = Field(None, description="Run each journey this many times")
    timeout: Milliseconds | None = Field(None, description="Default step timeout in ms (10000)")
    chromium: str | None = Field(None, description="Chromium/Chrome executable to use")
    fail_under: float | None = Field(None, ge=0, le=100)
    variables: dict[str, str | int | float | bool] = {}
    thresholds: dict[str, Any] = Field({}, description="Audit thresholds (docs/audits.md#thresholds)")
    links: LinksSpec | None = None
    lighthouse: bool | LighthouseSpec = Field(False, description="Lighthouse on every page of every journey")
    scoring: ScoringSpec | None = None
    gate: list[GateRule] = Field([], description="Gate rules (docs/ci.md#gate-rules)")
    history: str | None = Field(None, description="SQLite file of past runs (default reports/history.sqlite)")
    screen_quiet_ms: PositiveInt | None = Field(
        None, le=2_000, description="After an in-app route change, the new screen counts as drawn once the "
                                    "page has not changed for this many ms (200)")
    trace: RecordingSetting | None = Field(
        None, description="Playwright trace per journey: on, off or retain-on-failure (the default: kept only "
                          "for journeys with a failed task)")
    video: RecordingSetting | None = Field(None, description="Video per journey: on, off (the default) or "
                                                          "retain-on-failure")
    slow_mo: NonNegativeInt | None = Field(None, le=10_000, description="Slow every browser action down by "
                                                                         "this many ms (to watch a run)")


@dataclass(frozen=True)
class RunConfig:
    """Everything a run needs besides the journeys."""

    base_url: str | None = None
    out_dir: Path | None = None
    workers: int = field(default_factory=default_workers)
    runs: int = 1  # each journey this many times (`--runs N`): success rates, medians, flaky tasks
    timeout_ms: int = DEFAULT_TIMEOUT_MS
    chromium: str | None = None
    headed: bool = False
    tags: tuple[str, ...] = ()
    variables: dict[str, str] = field(default_factory=dict)
    fail_under: float | None = None
    thresholds: Thresholds = field(default_factory=Thresholds)
    weights: Weights = field(default_factory=Weights)
    gate_rules: tuple[GateRule, ...] = ()
    history: str | None = None  # the SQLite file of past runs (default reports/history.sqlite)
    baseline: str | None = None  # a run id, `latest` or `latest-on-branch` to compare with
    only_new: bool = False  # the gate judges only what is new since the baseline
    check_links: bool = True
    external_links: bool = False
    link_concurrency: int = DEFAULT_LINK_CONCURRENCY
    lighthouse_runs: int = 0  # Lighthouse on every page of every journey, this many runs each (0: where asked)
    lighthouse_enabled: bool = True  # False: not even where journeys ask (quick local runs)
    screen_quiet_ms: int = DEFAULT_SCREEN_QUIET_MS  # an in-app route's screen is drawn once quiet this long
    trace: RecordingMode = "retain-on-failure"  # a Playwright trace.zip per journey run: on | off | retain-on-failure
    video: RecordingMode = "off"  # a video per journey run: on | off | retain-on-failure
    slow_mo_ms: int = 0  # every browser action slowed by this much (--slow-mo), to watch a run
    debug: bool = False  # --debug: headed, the Playwright Inspector paused before each step, one journey at a time
    # Selections (a partial run, see RunArtifacts.selection): glob patterns of journey ids/names and
    # of task names, a pytest-style -k expression over journey names and tags, the last failed journeys.
    journey_patterns: tuple[str, ...] = ()
    task_patterns: tuple[str, ...] = ()
    keyword: str | None = None
    last_failed: bool = False
    selection: tuple[str, ...] = ()  # what those chose, in words (LOAD's `Selection.words`; empty: a whole run)


def load_config(path: Path | None) -> RunConfig:
    """RunConfig from `path` (or ./uxaudit.yaml when present); defaults otherwise."""
    if path is None:
        path = Path(CONFIG_FILE)
        if not path.exists():
            return RunConfig()
    try:
        doc = load_lined(path)
    except ScenarioError as exc:
        raise yaml_error_masked(exc) from None
    try:
        return _config(doc, path)
    except ScenarioErrors as exc:
        raise ScenarioErrors([masked_error(error, doc.data) for error in exc.errors]) from None
    except ScenarioError as exc:
        raise masked_error(exc, doc.data) from None


def _config(doc: LinedDocument, path: Path) -> RunConfig:
    try:
        spec = ConfigSpec.model_validate(doc.data or {})
    except ValidationError as exc:
        raise ScenarioErrors([doc.error(loc, msg, hint)
                              for loc, msg, hint in described_masked(exc, doc.data, ConfigSpec)]) from None
    overrides = checked_overrides(doc, ("thresholds",), spec.thresholds)
    _check_gate_ids(doc, spec.gate)
    return replace(_from_spec(spec, path.parent), thresholds=overridden(Thresholds(), overrides),
                   weights=_weights(doc, spec.scoring))




def _check_gate_ids(doc: LinedDocument, rules: list[GateRule]) -> None:
    """Category and audit names are known before the run: a typo gets its line now. (Journeys and
    tasks are checked against the run: a rule about one the run does not have fails the gate.)"""
    known = {"category": list(CATEGORIES), "audit": list(AUDITS_BY_ID)}
    for index, rule in enumerate(rules):
        if rule.target in known and rule.id not in known[rule.target]:
            message, hint = unknown_key_message(str(rule.id), known[rule.target], noun=rule.target)
            raise ScenarioErrors([doc.error(("gate", index, "id"), message, hint)])


def _weights(doc: LinedDocument, spec: ScoringSpec | None) -> Weights:
    """The default weights with the file's `scoring:` over them; unknown names get their line."""
    defaults = Weights()
    if spec is None:
        return defaults
    for table, given, known in (("categories", spec.categories, defaults.categories),
                                ("audits", spec.audits, defaults.audits)):
        for name in given:
            if name not in known:
                message, hint = unknown_key_message(name, list(known))
                raise ScenarioErrors([doc.error(("scoring", table, name), message, hint)])
    weights = defaults.overridden(spec.categories, spec.audits)
    if not any(weights.categories.values()):
        raise ScenarioErrors([doc.error(("scoring", "categories"), "every category weight is 0",
                                        "Give at least one category a weight above 0")])
    return weights


def _from_spec(spec: ConfigSpec, folder: Path) -> RunConfig:
    values: dict[str, Any] = {
        "gate_rules": tuple(spec.gate), "history": str(folder / spec.history) if spec.history else None,
        "base_url": spec.base_url, "chromium": spec.chromium, "fail_under": spec.fail_under,
        "out_dir": (folder / spec.out) if spec.out else None,
        "variables": {k: str(v) for k, v in spec.variables.items()},
    }
    if spec.links is not None:
        values.update(check_links=spec.links.check, external_links=spec.links.external,
                      link_concurrency=spec.links.concurrency)
    if spec.lighthouse:
        values["lighthouse_runs"] = lighthouse_runs(spec.lighthouse)
    if spec.workers:
        values["workers"] = spec.workers
    if spec.runs:
        values["runs"] = spec.runs
    if spec.timeout:
        values["timeout_ms"] = spec.timeout
    if spec.screen_quiet_ms:
        values["screen_quiet_ms"] = spec.screen_quiet_ms
    if spec.trace:
        values["trace"] = spec.trace
    if spec.video:
        values["video"] = spec.video
    if spec.slow_mo is not None:
        values["slow_mo_ms"] = spec.slow_mo
    return RunConfig(**values)


def with_overrides(config: RunConfig, **flags: Any) -> RunConfig:
    """Command-line flags (None = not given) over the file's values."""
    given = {key: value for key, value in flags.items() if value is not None}
    if "variables" in given:
        given["variables"] = {**config.variables, **given["variables"]}
    return replace(config, **given)


def stepping_through(config: RunConfig) -> RunConfig:
    """`--debug` as the settings it implies: a visible browser, one journey at a time (the Inspector
    follows one page), no Lighthouse (it would audit behind the user's back), a trace of every journey."""
    if not config.debug:
        return config
    return replace(config, headed=True, workers=1, lighthouse_enabled=False, trace="on")


@dataclass(frozen=True)
class TimingDistortion:
    """Why a run's timings are not a visitor's: the caveat shown beside them, and why the run is not
    kept in the history (it would skew the score trend and any baseline)."""

    caveat: str
    not_kept_because: str


def timing_distortion(config: RunConfig) -> TimingDistortion | None:
    """--debug pauses the run, --slow-mo slows each action, --video films the page (a screencast that
    delays what each click presents: on the single-page demo clicks answered in a median 48 ms instead
    of 24-32); None when the timings are a visitor's."""
    if config.debug:
        return TimingDistortion("timings include the pauses of --debug (stepping through in the Playwright "
                                "Inspector) and are not comparable with other runs",
                                "--debug paused it before each step")
    if config.slow_mo_ms:
        return TimingDistortion(f"timings are slowed by --slow-mo {config.slow_mo_ms} and are not comparable "
                                "with other runs", f"--slow-mo {config.slow_mo_ms} slowed every browser action")
    if config.video != "off":
        return TimingDistortion(f"timings include the cost of filming the page (--video {config.video}) and are "
                                "not comparable with other runs",
                                f"--video {config.video} filmed the page, which delays what each click shows")
    return None
