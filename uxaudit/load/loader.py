"""Read scenario files into Journeys: YAML with lines → variables → pydantic → Steps (+ `use:`)."""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from ..errors import ScenarioError, ScenarioErrors, UsageError
from . import schema
from .interpolate import Interpolator, UndefinedVariable, resolve_variables
from .messages import describe_validation_error
from .run_values import MARKERS, RESERVED_HINT, markers_in, misplaced, new_run_token, reserved_in, shown, with_run_id
from .scenario import Journey, Step, Task, slugify
from .steps import condition, default_name
from .threshold_overrides import checked_overrides
from .urls import base_url_problem, masked_url, step_url_problem
from .verbs import USE, VerbTable, action_names
from .yaml_lines import KeyPath, LinedDocument, format_path, load_lined

M = TypeVar("M", bound=BaseModel)
MAX_USE_DEPTH = 8  # sub-flows within sub-flows
MAX_STEPS = 1000  # steps in one journey once every `use:` is expanded
DeviceCheck = Callable[[str], str | None]  # returns an error hint when the device is unknown


@dataclass
class LoadContext:
    """What loading one journey needs: variable layers, the secrets found, the `use:` stack."""

    environ: Mapping[str, str]
    cli_vars: Mapping[str, str]
    verbs: VerbTable
    journey_vars: dict[str, str] = field(default_factory=dict)
    secrets: set[str] = field(default_factory=set)
    stack: tuple[Path, ...] = ()
    steps_built: list[int] = field(default_factory=lambda: [0])  # shared with sub-flows' contexts


class UseLimitError(ScenarioError):
    """`use:` expands too far: stops the whole expansion at once, not once per step."""


def discover(paths: Iterable[Path]) -> list[Path]:
    """Journey files named by PATHS: files as given; in folders, every *.yaml/*.yml at any depth,
    except names that start with `_` (`_login.yaml` is a sub-flow, `_spa/` a folder run on its own).
    A file named twice (a folder and a file in it) is read once."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(_journeys_under(path))
        elif path.exists():
            found.append(path)
        else:
            raise ScenarioErrors([ScenarioError(str(path), None, "", "no such file or folder",
                                                "Give a scenario file or a folder of them")])
    unique: dict[Path, Path] = {}
    for file in found:
        unique.setdefault(file.resolve(), file)
    return list(unique.values())


def _journeys_under(folder: Path, seen: frozenset[Path] = frozenset()) -> list[Path]:
    """The folder's journey files, then its sub-folders' (each sorted by name), skipping `_` (and
    hidden) names; a link back to a folder already being read is not followed again."""
    seen = seen | {folder.resolve()}
    entries = sorted(entry for entry in folder.iterdir() if not entry.name.startswith(("_", ".")))
    files = [entry for entry in entries if entry.suffix in (".yaml", ".yml") and entry.is_file()]
    folders = [entry for entry in entries if entry.is_dir() and entry.resolve() not in seen]
    return files + [file for sub in folders for file in _journeys_under(sub, seen)]


def load_journeys(files: list[Path], cli_vars: Mapping[str, str], environ: Mapping[str, str], verbs: VerbTable,
                  check_device: DeviceCheck | None = None) -> list[Journey]:
    """Load every file; report every file's errors together (ScenarioErrors) before anything runs.
    `${RUN_ID}` is one new value for all of them."""
    if name := reserved_in(cli_vars):
        raise UsageError(f"the variable {name} is set by uxaudit, not by --var or uxaudit.yaml's `variables:`: "
                         f"{RESERVED_HINT}")
    journeys, errors = [], []
    run_id = new_run_token()
    for path in files:
        try:
            journeys.append(load_journey(path, cli_vars, environ, verbs, check_device, run_id))
        except ScenarioErrors as exc:
            errors.extend(exc.errors)
        except ScenarioError as exc:
            errors.append(exc)
    if not errors:
        errors.extend(_duplicate_ids(journeys))
    if errors:
        raise ScenarioErrors(errors)
    return journeys


def load_journey(path: Path, cli_vars: Mapping[str, str], environ: Mapping[str, str], verbs: VerbTable,
                 check_device: DeviceCheck | None = None, run_id: str | None = None) -> Journey:
    """Load one journey file; raises ScenarioErrors listing each problem with its line. `${RUN_ID}`
    becomes `run_id` (a new value when None); `${REPEAT}` stays for GATHER (run_values.with_repeat)."""
    ctx = LoadContext(environ, cli_vars, verbs, stack=(path.resolve(),))
    try:
        return with_run_id(_load_journey(path, ctx, check_device), run_id or new_run_token())
    except ScenarioErrors as exc:
        raise ScenarioErrors([_masked(e, ctx) for e in exc.errors]) from None
    except ScenarioError as exc:
        raise _masked(exc, ctx) from None


def _load_journey(path: Path, ctx: LoadContext, check_device: DeviceCheck | None) -> Journey:
    doc = load_lined(path)
    raw = _expect_mapping(doc)
    ctx.journey_vars = _declared_variables(doc, {**ctx.environ, **ctx.cli_vars}, ctx)
    undefined: list[ScenarioError] = []
    data = _interpolate(doc, raw, _layered(ctx), ctx.secrets, undefined)
    undefined += _misplaced_run_values(doc, data)
    try:
        spec = _validate(doc, schema.JourneySpec, data, ())
    except ScenarioErrors as exc:
        raise ScenarioErrors(sorted(undefined + exc.errors + _step_errors(doc, data, ctx), key=_by_line)) from None
    if undefined:
        raise ScenarioErrors(sorted(undefined + _step_errors(doc, data, ctx), key=_by_line))
    journey = _build_journey(doc, spec, path, ctx)
    if check_device and (hint := check_device(journey.device)):
        raise doc.error(("device",), f"unknown device '{journey.device}'", hint)
    return replace(journey, secrets=frozenset(ctx.secrets))


def _step_errors(doc: LinedDocument, data: dict[str, Any], ctx: LoadContext) -> list[ScenarioError]:
    """Step problems too, when the journey's own keys are wrong, so one run shows them all."""
    places: list[tuple[KeyPath, Any]] = [((), data)]
    if isinstance(data.get("tasks"), list):
        places = [(("tasks", i), t) for i, t in enumerate(data["tasks"])]
    lists = [((*path, "steps"), holder.get("steps")) for path, holder in places if isinstance(holder, dict)]
    lists += [((hook,), data.get(hook)) for hook in HOOKS]
    errors: list[ScenarioError] = []
    ctx = replace(ctx, steps_built=[0])
    for path, steps in lists:
        if isinstance(steps, list):
            try:
                _build_steps(doc, steps, path, ctx)
            except ScenarioErrors as exc:
                errors.extend(exc.errors)
    return errors


def _misplaced_run_values(doc: LinedDocument, data: Any, path: KeyPath = ()) -> list[ScenarioError]:
    """`${RUN_ID}`/`${REPEAT}` used outside steps and success criteria (directly or through a variable)."""
    if isinstance(data, dict):
        return [e for k, v in data.items() if (path, k) != ((), "variables")
                for e in _misplaced_run_values(doc, v, (*path, str(k)))]
    if isinstance(data, list):
        return [e for i, item in enumerate(data) for e in _misplaced_run_values(doc, item, (*path, i))]
    if not isinstance(data, str) or not (names := markers_in(data)) or not misplaced(path):
        return []
    return [doc.error(path, f"${{{names[0]}}} changes from run to run: it can be used only in steps and "
                            "success criteria", "Use it in a step's value or name: a journey's and a task's "
                                                "names are their ids in the run history")]


def _by_line(error: ScenarioError) -> int:
    return error.line or 0


def _expect_mapping(doc: LinedDocument) -> dict[str, Any]:
    if not isinstance(doc.data, dict):
        raise doc.error((), "a journey file is a mapping with `name:` and `tasks:` (or `steps:`)",
                        "See scenarios/buy-trail-shoes.yaml for an example")
    return doc.data


def _declared_variables(doc: LinedDocument, values: Mapping[str, str], ctx: LoadContext) -> dict[str, str]:
    """A file's own `variables:`, their `${...}` filled from `values`; secrets are remembered."""
    variables = doc.data.get("variables") or {}
    if not isinstance(variables, dict):
        raise doc.error(("variables",), "`variables:` must be a mapping of NAME: value")
    for name in variables:
        if not isinstance(name, str):
            raise doc.error(("variables", name), f"the variable name {name!r} is not text",
                            "Name variables with letters, digits and _ (API_URL), as ${API_URL} uses them")
    if reserved := reserved_in(variables):
        raise doc.error(("variables", reserved), f"the variable {reserved} is set by uxaudit", RESERVED_HINT)
    try:
        merged, secrets = resolve_variables(variables, {}, {**values, **MARKERS})
    except UndefinedVariable as exc:
        raise doc.error(("variables",), f"undefined variable ${{{exc.name}}}", _UNDEFINED_HINT) from None
    ctx.secrets |= secrets
    return {name: merged[name] for name in variables}


def _layered(ctx: LoadContext, defaults: Mapping[str, str] | None = None) -> dict[str, str]:
    """--var beats the journey's variables, which beat a sub-flow's defaults, which beat the environment;
    uxaudit's own (`${RUN_ID}`, `${REPEAT}`: placeholders here) beat them all."""
    return {**ctx.environ, **(defaults or {}), **ctx.journey_vars, **ctx.cli_vars, **MARKERS}


_UNDEFINED_HINT = "Set it with --var NAME=VALUE, in the journey's `variables:`, or give a default: ${NAME:-value}"


def _interpolate(doc: LinedDocument, data: Any, values: Mapping[str, str], secrets: set[str],
                 undefined: list[ScenarioError], path: KeyPath = ()) -> Any:
    """Every string with its variables filled in; an undefined one is noted in `undefined` and
    its text kept as written, so the file's other mistakes can still be found."""
    if isinstance(data, dict):
        return {k: v if (path, k) == ((), "variables") else
                _interpolate(doc, v, values, secrets, undefined, (*path, str(k))) for k, v in data.items()}
    if isinstance(data, list):
        return [_interpolate(doc, item, values, secrets, undefined, (*path, i)) for i, item in enumerate(data)]
    if not isinstance(data, str):
        return data
    try:
        return Interpolator(values, secrets).text(data)
    except UndefinedVariable as exc:
        undefined.append(doc.error(path, f"undefined variable ${{{exc.name}}}", _UNDEFINED_HINT))
        return data


def _validate(doc: LinedDocument, model: type[M], data: Any, path: KeyPath) -> M:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        errors = [doc.error((*path, *loc), message, hint)
                  for loc, message, hint in describe_validation_error(exc, data, model)]
        raise ScenarioErrors(errors) from None


def _masked(error: ScenarioError, ctx: LoadContext) -> ScenarioError:
    """The error with each secret value replaced by the variable it came from: errors never quote one."""
    names: dict[str, str] = {}
    for name, value in _layered(ctx).items():
        if value in ctx.secrets:
            names.setdefault(value, name)
    pattern = "|".join(re.escape(s) for s in sorted(ctx.secrets, key=len, reverse=True))

    def mask(text: str) -> str:
        masked = re.sub(pattern, lambda m: f"${{secret:{names.get(m.group(0), '…')}}}", text) if pattern else text
        return shown(masked)
    return type(error)(error.file, error.line, mask(error.path), mask(error.message), mask(error.hint))


def _build_journey(doc: LinedDocument, spec: schema.JourneySpec, path: Path, ctx: LoadContext) -> Journey:
    if spec.tasks is not None:
        tasks = tuple(_build_task(doc, t, ("tasks", i), ctx) for i, t in enumerate(spec.tasks))
    else:
        short = schema.TaskSpec(name=spec.name, steps=spec.steps or [], success=spec.success,
                                max_duration_ms=spec.max_duration_ms, timeout=None, thresholds={},
                                optimal_steps=spec.optimal_steps)
        tasks = (_build_task(doc, short, (), ctx),)
    _check_unique_task_ids(doc, tasks)
    setup, teardown = (_hook_steps(doc, getattr(spec, hook), hook, ctx) for hook in HOOKS)
    return Journey(id=path.stem, name=spec.name, file=str(path), base_url=_base_url(doc, spec.base_url),
                   device=spec.device, tags=tuple(spec.tags), tasks=tasks, timeout_ms=spec.timeout,
                   lighthouse_runs=schema.lighthouse_runs(spec.lighthouse), importance=spec.importance,
                   order=spec.order, thresholds=checked_overrides(doc, ("thresholds",), spec.thresholds),
                   setup=setup, teardown=teardown)


HOOKS = ("setup", "teardown")


def _hook_steps(doc: LinedDocument, raws: list[Any], hook: str, ctx: LoadContext) -> tuple[Step, ...]:
    """`setup:` or `teardown:` steps: test data made or removed, never audited (so no Lighthouse)."""
    for index, raw in enumerate(raws):
        if isinstance(raw, dict) and raw.get("lighthouse"):
            raise doc.error((hook, index, "lighthouse"), f"`{hook}:` steps are not audited, so Lighthouse "
                            "cannot run on them", "Move the step into a task, or remove `lighthouse:`")
    return _build_steps(doc, raws, (hook,), ctx)


def _base_url(doc: LinedDocument, url: str | None) -> str | None:
    if url and (problem := base_url_problem(url)):
        raise doc.error(("base_url",), f"'{masked_url(url)}' {problem}")
    return url.rstrip("/") if url else None


def _check_unique_task_ids(doc: LinedDocument, tasks: tuple[Task, ...]) -> None:
    seen: set[str] = set()
    for index, task in enumerate(tasks):
        if task.id in seen:
            raise doc.error(("tasks", index, "name"), f"two tasks are named '{task.name}'",
                            "Give each task of a journey its own name")
        seen.add(task.id)


def _build_task(doc: LinedDocument, spec: schema.TaskSpec, path: KeyPath, ctx: LoadContext) -> Task:
    steps = _build_steps(doc, spec.steps, (*path, "steps"), ctx)
    success = tuple(replace(condition(c), location=f"{doc.file}:{doc.line_of((*path, 'success', i))}")
                    for i, c in enumerate(spec.success))
    return Task(id=slugify(spec.name), name=spec.name, steps=steps, success=success,
                max_duration_ms=spec.max_duration_ms, timeout_ms=spec.timeout, optimal_steps=spec.optimal_steps,
                thresholds=checked_overrides(doc, (*path, "thresholds"), spec.thresholds))


def _build_steps(doc: LinedDocument, raws: list[Any], path: KeyPath, ctx: LoadContext) -> tuple[Step, ...]:
    steps: list[Step] = []
    errors: list[ScenarioError] = []
    for index, raw in enumerate(raws):
        try:
            steps.extend(_build_step(doc, raw, (*path, index), ctx))
        except ScenarioErrors as exc:
            errors.extend(exc.errors)
        except UseLimitError:
            raise
        except ScenarioError as exc:
            errors.append(exc)
    if errors:
        raise ScenarioErrors(errors)
    return tuple(steps)


def _build_step(doc: LinedDocument, raw: Any, path: KeyPath, ctx: LoadContext) -> list[Step]:
    verb = _step_verb(doc, raw, path, action_names(ctx.verbs))
    spec = _validate(doc, schema.step_models(ctx.verbs)[verb], raw, path)
    location = f"{doc.file}:{doc.line_of(path)}"
    if verb == USE:
        return _expand_use(doc, spec, path, ctx)
    if verb == "goto":
        _check_goto(doc, getattr(spec, verb), path)
    _count_step(doc, path, ctx)
    step = ctx.verbs[verb].build(getattr(spec, verb))
    name = spec.name or default_name(ctx.verbs[verb].describe, step)
    return [replace(step, name=name, location=location, timeout_ms=spec.timeout, optional=spec.optional,
                    lighthouse_runs=schema.lighthouse_runs(spec.lighthouse))]


def _check_goto(doc: LinedDocument, url: str, path: KeyPath) -> None:
    """Only web pages: `file:`, `data:`, `javascript:` and the like are refused before anything runs."""
    if problem := step_url_problem(url):
        raise doc.error((*path, "goto"), f"'{url}' {problem}",
                        "Write an http(s) URL, or a path on the base URL such as /cart")


def _count_step(doc: LinedDocument, path: KeyPath, ctx: LoadContext) -> None:
    """`use:` can multiply steps (a sub-flow using a sub-flow, each several times): bound the total."""
    ctx.steps_built[0] += 1
    if ctx.steps_built[0] > MAX_STEPS:
        raise UseLimitError(doc.file, doc.line_of(path), format_path(path),
                            f"the journey has more than {MAX_STEPS} steps once its `use:` sub-flows are expanded",
                            "Split it into several journeys")


def _step_verb(doc: LinedDocument, raw: Any, path: KeyPath, actions: list[str]) -> str:
    verbs_list = ", ".join(actions)
    if not isinstance(raw, dict):
        raise doc.error(path, f"a step is a mapping such as `- click: Buy`, not {raw!r}",
                        f"Valid actions: {verbs_list}")
    verbs = [k for k in raw if k not in schema.STEP_OPTIONS]
    if len(verbs) > 1:
        known = [v for v in verbs if v in actions]
        if len(known) > 1:
            raise doc.error(path, f"one action per step, found {' and '.join(known)}", "Split it into steps")
    for verb in verbs:
        if verb not in actions:
            option = _did_you_mean(str(verb), schema.STEP_OPTIONS)
            if option and not _did_you_mean(str(verb), actions):
                raise doc.error((*path, str(verb)), f"unknown key '{verb}'",
                                f"{option}Step options: {', '.join(schema.STEP_OPTIONS)}")
            raise doc.error((*path, str(verb)), f"unknown action '{verb}'",
                            _did_you_mean(str(verb), actions) + f"Valid actions: {verbs_list}")
    if not verbs:
        raise doc.error(path, "this step has no action", f"Add one of: {verbs_list}")
    return str(verbs[0])


def _did_you_mean(word: str, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"Did you mean '{close[0]}'? " if close else ""


def _expand_use(doc: LinedDocument, spec: Any, path: KeyPath, ctx: LoadContext) -> list[Step]:
    target = (Path(doc.file).parent / spec.use).resolve()
    if len(ctx.stack) > MAX_USE_DEPTH:
        raise UseLimitError(doc.file, doc.line_of((*path, "use")), format_path((*path, "use")),
                            f"sub-flows are nested more than {MAX_USE_DEPTH} deep", "Flatten the `use:` chain")
    if target in ctx.stack:
        raise doc.error((*path, "use"), f"'{spec.use}' includes itself (through {len(ctx.stack)} files)",
                        "Remove the circular `use:`")
    if not os.path.lexists(target):
        raise doc.error((*path, "use"), f"no such sub-flow file '{spec.use}'",
                        f"The path is relative to {doc.file}")
    subflow_name, steps = _load_subflow(target, spec.use, doc, ctx)
    prefix = spec.name or subflow_name or Path(spec.use).stem.lstrip("_")
    expanded = [replace(s, name=f"{prefix} › {s.name}", timeout_ms=s.timeout_ms or spec.timeout,
                        optional=s.optional or spec.optional) for s in steps]
    if spec.lighthouse:  # on a `use:` step: the page the sub-flow ends on
        expanded[-1] = replace(expanded[-1], lighthouse_runs=schema.lighthouse_runs(spec.lighthouse))
    return expanded


def _load_subflow(target: Path, written: str, parent: LinedDocument,
                  ctx: LoadContext) -> tuple[str | None, tuple[Step, ...]]:
    shown = os.path.normpath(Path(parent.file).parent / written)
    sub = load_lined(target, shown)
    if not isinstance(sub.data, dict):
        raise sub.error((), "a sub-flow file is a mapping with `steps:`")
    defaults = _declared_variables(sub, _layered(ctx), ctx)
    undefined: list[ScenarioError] = []
    data = _interpolate(sub, sub.data, _layered(ctx, defaults), ctx.secrets, undefined)
    if undefined:
        raise ScenarioErrors(undefined)
    spec = _validate(sub, schema.SubflowSpec, data, ())
    inner = LoadContext(ctx.environ, ctx.cli_vars, ctx.verbs, ctx.journey_vars, ctx.secrets, (*ctx.stack, target),
                        ctx.steps_built)
    return spec.name, _build_steps(sub, spec.steps, ("steps",), inner)


def _duplicate_ids(journeys: list[Journey]) -> list[ScenarioError]:
    seen: dict[str, str] = {}
    errors = []
    for journey in journeys:
        if journey.id in seen:
            errors.append(ScenarioError(journey.file, None, "", f"journey id '{journey.id}' is also "
                                        f"used by {seen[journey.id]}", "Rename one of the files"))
        seen[journey.id] = journey.file
    return errors
