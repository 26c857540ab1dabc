"""Stage 1 as one call: a run's journeys, read, validated, filtered by tag, resolved once, and the
part of the suite the selection flags choose (`selection.py`).

Everything later stages would otherwise work out again is settled here: each journey's base URL
(`--base-url` or uxaudit.yaml, else the journey's own) and every step's and task's timeout
(step → task → journey → run). GATHER reads `journey.base_url` and `step.timeout_ms` as they are.
"""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path
from urllib.parse import unquote, urlsplit, urlunsplit

from ..errors import UsageError
from .config import RunConfig
from .loader import DeviceCheck, discover, load_journeys
from .redact import MASK, redact
from .scenario import Journey, Step, Task, slugify
from .selection import LastOutcomes, Selection, select
from .urls import base_url_problem, masked_url, url_password
from .verbs import VerbTable


def load_run(paths: list[Path], config: RunConfig, verbs: VerbTable, check_device: DeviceCheck | None = None,
             require_base_url: bool = True, last_outcomes: LastOutcomes | None = None) -> list[Journey]:
    """Every file parsed and validated (errors for all files at once), filtered by `--tag` and the
    selection flags, resolved. `require_base_url=False` (validate) accepts journeys that will get
    theirs from --base-url."""
    return load_selection(paths, config, verbs, check_device, require_base_url, last_outcomes).journeys


def load_selection(paths: list[Path], config: RunConfig, verbs: VerbTable, check_device: DeviceCheck | None = None,
                   require_base_url: bool = True, last_outcomes: LastOutcomes | None = None) -> Selection:
    """`load_run`, with what chose the journeys (`--journey`, `--task`, `-k`, `--last-failed`) in
    words, and the lines the user should see about it. `last_outcomes` reads the run history."""
    files = discover(paths)
    if not files:
        raise UsageError(f"no journey files (*.yaml) in {', '.join(map(str, paths))}")
    if config.base_url and (problem := base_url_problem(config.base_url)):
        raise UsageError(f"base URL '{masked_url(config.base_url)}' {_without_password(problem, config.base_url)}")
    journeys = _tagged(load_journeys(files, config.variables, dict(os.environ), verbs, check_device), config.tags)
    resolved = [resolve(journey, config.base_url, config.timeout_ms) for journey in journeys]
    if require_base_url:
        _require_base_urls(resolved)
    # After resolve: --last-failed reads each journey's outcome on the site it runs against, and
    # names with a secret are matched as the user sees them (masked).
    return select(resolved, config, last_outcomes, paths)


def _without_password(text: str, url: str) -> str:
    """`text` (about `url`) with the URL's password masked, should it quote it (Python's URL parser
    quotes the whole `user:password@host` of some malformed addresses)."""
    password = url_password(url)
    return text.replace(password, MASK) if password else text


def _tagged(journeys: list[Journey], tags: tuple[str, ...]) -> list[Journey]:
    if not tags:
        return journeys
    chosen = [j for j in journeys if set(j.tags) & set(tags)]
    if not chosen:
        known = sorted({tag for j in journeys for tag in j.tags})
        raise UsageError(f"no journey has the tag(s) {', '.join(tags)}; "
                         f"the tags in use are: {', '.join(known) or 'none'}")
    return chosen


def resolve(journey: Journey, base_url: str | None, run_timeout_ms: int) -> Journey:
    """The journey as it will run: the run's base URL (as given) over its own, and every timeout
    decided, the journey's own included."""
    tasks = tuple(_task_timeouts(task, journey.timeout_ms, run_timeout_ms) for task in journey.tasks)
    site, credentials = without_credentials(base_url or journey.base_url)
    secrets = journey.secrets | ({credentials[1]} if credentials and credentials[1] else set())
    setup, teardown = (tuple(replace(step, timeout_ms=effective_timeout(step.timeout_ms, journey.timeout_ms,
                                                                        run_timeout_ms)) for step in steps)
                       for steps in (journey.setup, journey.teardown))
    return masked_names(replace(journey, base_url=site, tasks=tasks, http_credentials=credentials,
                                secrets=frozenset(secrets), setup=setup, teardown=teardown,
                                timeout_ms=effective_timeout(journey.timeout_ms, run_timeout_ms)))


def masked_names(journey: Journey) -> Journey:
    """Names that hold a secret (`Pay with ${secret:CARD}`) masked before they become ids, file names,
    terminal lines or history entries (the values a step types are kept: the browser needs them)."""
    if not journey.secrets:
        return journey

    def mask(text: str) -> str:
        return str(redact(text, journey.secrets))

    def step_masked(step: Step) -> Step:
        shot = step.action == "screenshot" and step.text
        return replace(step, name=mask(step.name), text=mask(step.text) if shot and step.text else step.text)

    tasks = tuple(replace(task, name=mask(task.name), steps=tuple(step_masked(step) for step in task.steps),
                          id=task.id if mask(task.name) == task.name else slugify(mask(task.name)))
                  for task in journey.tasks)
    return replace(journey, name=mask(journey.name), tasks=tasks,
                   setup=tuple(map(step_masked, journey.setup)), teardown=tuple(map(step_masked, journey.teardown)))


def without_credentials(url: str | None) -> tuple[str | None, tuple[str, str] | None]:
    """A base URL without its `user:password@`, and those credentials (HTTP authentication)."""
    if not url:
        return url, None
    parts = urlsplit(url)
    if parts.username is None and parts.password is None:
        return url, None
    host = parts.hostname or ""
    netloc = (f"[{host}]" if ":" in host else host) + (f":{parts.port}" if parts.port else "")
    return (urlunsplit(parts._replace(netloc=netloc)),
            (unquote(parts.username or ""), unquote(parts.password or "")))


def effective_timeout(*levels: int | None) -> int:
    """The first timeout set, from the most specific level to the run's (which is always set). A
    step's own level is what it was written with, or for a step from a `use:` sub-flow the `use:`
    step's `timeout:` when it had none (the loader applies that when it expands the sub-flow)."""
    return next(level for level in levels if level is not None)


def _task_timeouts(task: Task, journey_ms: int | None, run_ms: int) -> Task:
    """A step waits its own timeout, else its task's, journey's or run's; the task's success
    criteria wait the task's, else the journey's or run's."""
    steps = tuple(replace(step, timeout_ms=effective_timeout(step.timeout_ms, task.timeout_ms, journey_ms, run_ms))
                  for step in task.steps)
    return replace(task, steps=steps, timeout_ms=effective_timeout(task.timeout_ms, journey_ms, run_ms))


def _require_base_urls(journeys: list[Journey]) -> None:
    missing = [j.file for j in journeys if not j.base_url]
    if missing:
        raise UsageError(f"{missing[0]}: no base URL: add `base_url:` to the journey or pass --base-url URL")
