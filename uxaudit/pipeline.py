"""The five stages end to end: load → gather → audit → score → report (see ARCHITECTURE.md)."""

from __future__ import annotations

import asyncio
import os
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TypeVar

from . import __version__
from .artifacts import AuditNote, JourneyRecord, RunArtifacts
from .audits import applicable_audits, run_audits
from .audits.base import Audit, AuditInput, Finding
from .errors import UsageError
from .gather.accessibility import AccessibilityChecker
from .gather.browser import ChromiumInfo, chromium_version, find_chromium
from .gather.devices import unknown_device_hint
from .gather.lighthouse import LighthouseTool
from .gather.links import LinkChecker
from .gather.node_tools import INSTALL_HINT, axe_script
from .gather.reachability import check_reachable
from .gather.runner import RunListener, RunPlan, gather
from .load.config import RunConfig
from .load.loader import discover, load_journeys
from .load.scenario import Journey
from .report import REPORTERS
from .run_folder import RunFolder, new_run_folder, new_run_id, point_latest
from .score.baseline import compare
from .score.gate import MeasuredRun, evaluate_gate
from .score.history import HISTORY_ENV, earlier_runs, find_run, history_path, record_run
from .score.run_stats import later_runs, task_runs
from .score.scorecard import Scorecard, build_scorecard, with_baseline, with_trend
from .score.scoring import score_run

REPORTS_DIR = Path("reports")
T = TypeVar("T")
FIRST_RUN_ONLY = ("lighthouse",)  # audits of data gathered in a journey's first run only (runner.py)


@dataclass(frozen=True)
class RunResult:
    """What a finished (or interrupted) run produced."""

    scorecard: Scorecard
    folder: RunFolder
    reports: dict[str, Path]
    warnings: tuple[str, ...] = ()  # problems after the run that did not change its result (the history)


def load(paths: list[Path], config: RunConfig) -> list[Journey]:
    """Stage 1: every file parsed and validated (errors for all files at once), filtered by tag."""
    files = discover(paths)
    if not files:
        raise UsageError(f"no journey files (*.yaml) in {', '.join(map(str, paths))}")
    journeys = load_journeys(files, config.variables, dict(os.environ), unknown_device_hint)
    if config.tags:
        known = sorted({tag for j in journeys for tag in j.tags})
        journeys = [j for j in journeys if set(j.tags) & set(config.tags)]
        if not journeys:
            raise UsageError(f"no journey has the tag(s) {', '.join(config.tags)}; "
                             f"the tags in use are: {', '.join(known) or 'none'}")
    _require_base_urls(journeys, config)
    return journeys


def _require_base_urls(journeys: list[Journey], config: RunConfig) -> None:
    if config.base_url and not config.base_url.startswith(("http://", "https://")):
        raise UsageError(f"base URL '{config.base_url}' must start with http:// or https://")
    missing = [j.file for j in journeys if not (config.base_url or j.base_url)]
    if missing:
        raise UsageError(f"{missing[0]}: no base URL: add `base_url:` to the journey or pass --base-url URL")


def prepare(journeys: list[Journey], config: RunConfig) -> tuple[ChromiumInfo, RunFolder]:
    """Before the browser: the site answers, a Chromium exists, the output folder is chosen."""
    check_reachable(config.base_url or j.base_url or "" for j in journeys)
    chromium = find_chromium(config.chromium)
    folder = RunFolder(config.out_dir or new_run_folder(REPORTS_DIR))
    try:
        folder.start_fresh()
    except OSError as exc:
        raise UsageError(f"cannot write the run's outputs to {folder.root} ({exc.strerror}); "
                         "choose another folder with --out DIR") from None
    return chromium, folder


@dataclass(frozen=True)
class RunClock:
    """When a run started, as a timestamp for people and a monotonic time for durations."""

    started_at: str
    started: float

    @classmethod
    def start(cls) -> RunClock:
        """Now."""
        return cls(datetime.now(UTC).isoformat(timespec="seconds"), time.monotonic())


def gather_run(journeys: list[Journey], config: RunConfig, chromium: ChromiumInfo, folder: RunFolder,
               listener: RunListener, clock: RunClock | None = None) -> RunArtifacts:
    """Stage 2: drive Chromium; artifacts.json is written when it ends."""
    clock = clock or RunClock.start()
    links = _link_checker(journeys, config, folder)
    lighthouse = lighthouse_status(journeys, config, chromium)
    try:
        plan = RunPlan(tuple(journeys), config, chromium, folder, AccessibilityChecker.installed(), links,
                       lighthouse if isinstance(lighthouse, LighthouseTool) else None)
        records = asyncio.run(gather(plan, listener))
        if links is not None:
            links.finish()
    finally:
        if links is not None:
            links.stop()
    return _artifacts(folder, records, config, chromium, clock, tool_notes(lighthouse))


def _link_checker(journeys: list[Journey], config: RunConfig, folder: RunFolder) -> LinkChecker | None:
    """The run's link checker, started, saving its results as they come (None when turned off)."""
    if not config.check_links:
        return None
    secrets = frozenset().union(*(journey.secrets for journey in journeys))
    return LinkChecker(config.external_links, config.link_concurrency, secrets, folder.write_links).start()


def partial_artifacts(folder: RunFolder, journeys: list[Journey], config: RunConfig, chromium: ChromiumInfo,
                      clock: RunClock) -> RunArtifacts:
    """After an interruption: the journeys that finished, marked as a partial run."""
    return _artifacts(folder, folder.finished_journeys(), config, chromium, clock,
                      tool_notes(lighthouse_status(journeys, config, chromium)), interrupted=True)


def _artifacts(folder: RunFolder, records: list[JourneyRecord], config: RunConfig, chromium: ChromiumInfo,
               clock: RunClock, notes: tuple[AuditNote, ...], interrupted: bool = False) -> RunArtifacts:
    base_urls = {r.base_url for r in records}
    links, link_check = folder.checked_links()
    firsts = [r for r in records if r.repeat == 1]
    run = RunArtifacts(run_id=_run_id(folder, clock), started_at=clock.started_at,
                       baseline=config.baseline, only_new=config.only_new,
                       base_url=config.base_url or (base_urls.pop() if len(base_urls) == 1 else None),
                       browser=chromium_version(chromium.executable) or chromium.source,
                       journeys=tuple(firsts), repeats=tuple(r for r in records if r.repeat > 1),
                       duration_ms=round((time.monotonic() - clock.started) * 1000),
                       interrupted=interrupted, uxaudit_version=__version__, notes=notes,
                       links=tuple(links), link_check=link_check)
    folder.write_artifacts(run)
    return run


def lighthouse_status(journeys: list[Journey], config: RunConfig,
                      chromium: ChromiumInfo) -> LighthouseTool | str | None:
    """None when nothing asks for Lighthouse; the tool when it can run; else why it will not (a note)."""
    if not (config.lighthouse_runs > 0 or any(journey.asks_for_lighthouse for journey in journeys)):
        return None
    if not config.lighthouse_enabled:
        return "Lighthouse was not run: it was turned off (--no-lighthouse)."
    return LighthouseTool.find(chromium.executable)


def _run_id(folder: RunFolder, clock: RunClock) -> str:
    """The folder's name when uxaudit named it (reports/<run-id>); with `--out DIR` (the same folder
    run after run, as in CI) an id from the start time, so that the history keeps every run."""
    if folder.root.parent.resolve() == REPORTS_DIR.resolve():
        return folder.root.name
    return f"{new_run_id(datetime.fromisoformat(clock.started_at))}-{secrets.token_hex(2)}"  # two in a second


def tool_notes(lighthouse: LighthouseTool | str | None) -> tuple[AuditNote, ...]:
    """The audits that could not run in this run (a tool missing, Lighthouse turned off), said plainly."""
    notes = []
    if axe_script() is None:
        notes.append(AuditNote("accessibility",
                               f"Accessibility was not checked: axe-core is not installed ({INSTALL_HINT})."))
    if isinstance(lighthouse, str):
        notes.append(AuditNote("lighthouse", lighthouse))
    return tuple(notes)


def _later_runs_measured(run: RunArtifacts, first: list[Finding], audits: tuple[Audit, ...], config: RunConfig,
                         folder: RunFolder) -> list[MeasuredRun]:
    """With `--runs N`: runs 2 to N audited and scored like the first, for the gate's rules to
    combine (none when no rule and no --fail-under would read them). Lighthouse measures the first
    run only, so its findings stand for every run."""
    if not (any(rule.target != "slower-tasks" for rule in config.gate_rules) or config.fail_under is not None):
        return []
    measured_once = [f for f in first if f.audit in FIRST_RUN_ONLY]
    measured = []
    for later in later_runs(run):
        findings = run_audits(AuditInput(later, config.thresholds, folder.root),
                              tuple(a for a in audits if a.id not in FIRST_RUN_ONLY)) + measured_once
        measured.append(MeasuredRun(later, score_run(later, findings, audits, config.weights), findings))
    return measured


def audit_and_report(run: RunArtifacts, folder: RunFolder, config: RunConfig, newest: bool = True) -> RunResult:
    """Stages 3-5: audits → scores and gate → scorecard.json and every report; `newest` points
    reports/latest at this run and records it in the history (not when an older run is re-rendered).
    The history is a convenience after the fact: when it cannot be read or written the reports are
    still written and the run's result stands, with a warning."""
    audits = applicable_audits(run)
    findings = run_audits(AuditInput(run, config.thresholds, folder.root), audits)
    scores = score_run(run, findings, audits, config.weights)
    history = history_path(config.history)
    warnings: list[str] = []
    # The baseline was found before the run; should the history break meanwhile, the run is judged
    # without it (the stricter default gate) rather than lost.
    baseline = _history_step(warnings, "read", lambda: find_run(history, config.baseline or "", before=run.run_id)) \
        if config.baseline else None
    comparison = compare(run, findings, scores.site, baseline) if baseline else None
    gate = evaluate_gate(run, scores, config.fail_under, config.gate_rules, findings, comparison, config.only_new,
                         _later_runs_measured(run, findings, audits, config, folder))
    earlier = _history_step(warnings, "read", lambda: earlier_runs(history, run.base_url, run.started_at)) or []
    scorecard = with_trend(with_baseline(build_scorecard(run, findings, scores, gate), comparison), earlier)
    reports = {name: write(scorecard, folder.root) for name, write in REPORTERS.items()}
    if newest:
        times = {path: list(r.durations_ms) for path, r in task_runs(run).items()}
        _history_step(warnings, "updated", lambda: record_run(history, scorecard, folder.root, times))
        if folder.root.parent.resolve() == REPORTS_DIR.resolve():
            point_latest(REPORTS_DIR, folder.root)
    return RunResult(scorecard, folder, reports, tuple(warnings))


def _history_step(warnings: list[str], undone: str, step: Callable[[], T]) -> T | None:
    """Run one history step (`undone`: "read" or "updated", what it failed to do); a failure becomes
    a warning, since the run's own reports do not depend on it."""
    try:
        return step()
    except UsageError as exc:
        warnings.append(f"the run history was not {undone}: {exc}")
    except OSError as exc:
        warnings.append(f"the run history was not {undone}: {exc.strerror or exc} ({exc.filename or 'history'}); "
                        f"set {HISTORY_ENV} to a writable path")
    return None
