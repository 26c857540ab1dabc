"""Part of the suite, chosen: `--journey` and `--task` globs, `-k EXPR`, `--last-failed` (a partial run).

A run that leaves out a journey or a task is partial: its score covers only part of the site, so
SCORE keeps it out of the score trend and of `latest` baselines. The selection in words (the flags
as typed, then how much of the suite ran) is what the run's record says about it. `--tag` is not a
selection: CI gates run tagged suites, and a tagged run is whole.
"""

from __future__ import annotations

import os
import shlex
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from fnmatch import fnmatchcase
from pathlib import Path

from ..errors import UsageError
from .config import RunConfig
from .keyword_expression import parse_keyword
from .scenario import Journey, Task

# For a site's base URL: each task's `journey/task` path → whether it did not pass in the newest
# stored run that ran it; None when the history holds no run of that site. SCORE keeps the
# history, so the pipeline hands this in (LOAD sits below SCORE).
LastOutcomes = Callable[[str | None], Mapping[str, bool] | None]
LISTED = 12  # names listed in a "nothing matches" message before "and N more"


@dataclass(frozen=True)
class Selection:
    """The journeys to run, what chose them, and what the user should be told about it."""

    journeys: list[Journey]
    words: tuple[str, ...] = ()  # empty: the whole suite runs (not a partial run)
    notes: tuple[str, ...] = ()  # one line each (`--last-failed` found nothing to narrow to)


def select(journeys: list[Journey], config: RunConfig, last_outcomes: LastOutcomes | None = None,
           paths: Sequence[Path] = ()) -> Selection:
    """The journeys (and tasks) the selection flags choose, in suite order; UsageError when none.
    `paths`: the run's PATHS, which `--journey` paths may be relative to."""
    chosen, flags, notes = journeys, list[str](), list[str]()
    if config.journey_patterns:
        flag = " ".join(f"--journey {shlex.quote(pattern)}" for pattern in config.journey_patterns)
        folders = (Path.cwd(), *(path for path in paths if path.is_dir()))
        chosen = _narrowed(chosen, lambda j: _journey_matches(j, config.journey_patterns, folders), flag, flags)
        flags += [f"--journey {shlex.quote(pattern)}" for pattern in config.journey_patterns]
    if config.keyword and config.keyword.strip():
        matches = parse_keyword(config.keyword)
        flag = f"-k {shlex.quote(config.keyword)}"
        chosen = _narrowed(chosen, lambda j: matches(_word_test(j)), flag, flags)
        flags.append(flag)
    if config.last_failed:
        failed, note = last_failed(chosen, last_outcomes)
        if note:
            notes.append(note)
        else:
            chosen, flags = failed, [*flags, "--last-failed"]
    if config.task_patterns:
        chosen = _cut_to_tasks(chosen, config.task_patterns)
        flags += [f"--task {shlex.quote(pattern)}" for pattern in config.task_patterns]
    return Selection(chosen, _words(flags, journeys, chosen), tuple(notes))


def _narrowed(journeys: list[Journey], keep: Callable[[Journey], bool], flag: str, before: list[str]) -> list[Journey]:
    """The journeys `flag` keeps; UsageError naming those there were to choose from."""
    kept = [journey for journey in journeys if keep(journey)]
    if not kept:
        among = f" among those {' '.join(before)} chose" if before else ""
        raise UsageError(f"no journey matches {flag}{among}; the journeys are: "
                         f"{_listed(_journey_label(j) for j in journeys)}")
    return kept


def _journey_matches(journey: Journey, patterns: tuple[str, ...], folders: Sequence[Path] = ()) -> bool:
    """A glob matches its id, its file's name, its file's path (as found, or relative to one of
    `folders`: the current folder and the folders in PATHS), or its name (case does not matter)."""
    names = (journey.id, Path(journey.file).name, *_file_paths(journey.file, folders), journey.name)
    return any(fnmatchcase(name.lower(), pattern.lower()) for pattern in patterns for name in names)


def _file_paths(file: str, folders: Sequence[Path]) -> list[str]:
    """`file` as found, and relative to each of `folders` that holds it: with PATHS `scenarios`,
    scenarios/account/me.yaml is also `account/me.yaml` (links are not followed: the path as seen)."""
    found = [Path(file).as_posix()]
    absolute = Path(os.path.abspath(file))
    for folder in folders:
        try:
            found.append(absolute.relative_to(os.path.abspath(folder)).as_posix())
        except ValueError:
            continue  # not under this folder
    return found


def _word_test(journey: Journey) -> Callable[[str], bool]:
    """pytest's -k rule for a journey: a word is part of its id, file name or name, or is one of its tags."""
    names = (journey.id.lower(), Path(journey.file).name.lower(), journey.name.lower())
    tags = {tag.lower() for tag in journey.tags}
    return lambda word: word.lower() in tags or any(word.lower() in name for name in names)


def last_failed(journeys: list[Journey], outcomes: LastOutcomes | None) -> tuple[list[Journey], str | None]:
    """The journeys with a task that did not pass when it last ran on their site (a task is judged by
    the newest run that ran it, so a rerun of part of a journey counts for the tasks it ran); when
    there are none (or no history), all of them and the line that says so (as pytest's --last-failed)."""
    sites = list(dict.fromkeys(journey.base_url for journey in journeys))
    known = {site: outcomes(site) if outcomes else None for site in sites}
    if all(found is None for found in known.values()):
        where = ", ".join(site or "this site" for site in sites)
        return journeys, (f"--last-failed: the run history holds no earlier run of {where}; "
                          f"running all {_journeys(len(journeys))}")
    failed = [journey for journey in journeys
              if any((known[journey.base_url] or {}).get(f"{journey.id}/{task.id}") for task in journey.tasks)]
    if not failed:
        return journeys, f"--last-failed: no journey failed when it last ran; running all {_journeys(len(journeys))}"
    return failed, None


def _cut_to_tasks(journeys: list[Journey], patterns: tuple[str, ...]) -> list[Journey]:
    """The journeys with a matching task, each up to its last matching task: the tasks before it set
    up the state it needs (signed in, a cart filled), the tasks after it are left out."""
    cut = []
    for journey in journeys:
        last = max((i for i, task in enumerate(journey.tasks) if _task_matches(journey, task, patterns)), default=None)
        if last is not None:
            cut.append(replace(journey, tasks=journey.tasks[:last + 1]))
    if not cut:
        tasks = (f"{task.name} ({journey.id})" for journey in journeys for task in journey.tasks)
        raise UsageError(f"no task matches {' '.join(f'--task {shlex.quote(p)}' for p in patterns)}; "
                         f"the tasks are: {_listed(tasks)}")
    return cut


def _task_matches(journey: Journey, task: Task, patterns: tuple[str, ...]) -> bool:
    """A glob matches its name, its id, or its path `journey/task` (as the reports show it)."""
    names = (task.name, task.id, f"{journey.id}/{task.id}")
    return any(fnmatchcase(name.lower(), pattern.lower()) for pattern in patterns for name in names)


def _words(flags: list[str], suite: list[Journey], chosen: list[Journey]) -> tuple[str, ...]:
    """The selection in words; none when it left nothing out (then the run is whole)."""
    tasks_in_suite = {j.id: len(j.tasks) for j in suite}
    tasks_run = sum(len(j.tasks) for j in chosen)
    tasks_cut = tasks_run < sum(tasks_in_suite[j.id] for j in chosen)
    if len(chosen) == len(suite) and not tasks_cut:
        return ()
    count = f"{len(chosen)} of {len(suite)} journeys"
    if tasks_cut:
        count += f" ({tasks_run} of their {sum(tasks_in_suite[j.id] for j in chosen)} tasks)"
    return (*flags, count)


def _journeys(count: int) -> str:
    return f"{count} journey" if count == 1 else f"{count} journeys"


def _journey_label(journey: Journey) -> str:
    tags = f" [{', '.join(journey.tags)}]" if journey.tags else ""
    name = "" if journey.name.lower() == journey.id.lower() else f" ({journey.name})"
    return f"{journey.id}{name}{tags}"


def _listed(names: Iterable[str]) -> str:
    every = list(names)
    more = f" and {len(every) - LISTED} more" if len(every) > LISTED else ""
    return ", ".join(every[:LISTED]) + more if every else "none"
