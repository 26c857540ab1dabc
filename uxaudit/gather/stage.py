"""Stage 2 as one call: check the site and the browser, drive the journeys, write artifacts.json.

What a run needs besides the browser is set up here too: the link checker beside the journeys,
whether Lighthouse can run, and a note for each audit whose tool is missing.
"""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime

from .. import __version__
from ..artifacts import AXE_CORE, LIGHTHOUSE, AuditNote, JourneyRecord, RunArtifacts
from ..errors import UsageError
from ..load.config import RunConfig
from ..load.scenario import Journey
from ..run_folder import RunFolder
from .accessibility import AccessibilityChecker
from .browser import ChromiumInfo, chromium_version, find_chromium
from .ffmpeg import check_video_tool
from .lighthouse import LighthouseTool
from .links import LinkChecker
from .node_tools import INSTALL_HINT, axe_script
from .reachability import check_reachable
from .recording import timing_notes
from .runner import RunListener, RunPlan, gather


def prepare(journeys: list[Journey], config: RunConfig) -> tuple[ChromiumInfo, RunFolder]:
    """Before the browser: the output folder is one uxaudit may write to, the site answers, a
    Chromium exists."""
    folder = RunFolder.for_run(config.out_dir)
    folder.check_usable()
    check_reachable(journey.base_url or "" for journey in journeys)
    chromium = find_chromium(config.chromium)
    if config.video != "off":
        check_video_tool()
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
               listener: RunListener, clock: RunClock | None = None,
               paths: tuple[str, ...] = ()) -> RunArtifacts:
    """Drive Chromium through every journey; artifacts.json is written when it ends. `paths`: the
    PATHS given to `uxaudit run`, kept for the rerun commands."""
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
    return _artifacts(folder, records, journeys, config, chromium, clock, tool_notes(lighthouse), paths=paths)


def _link_checker(journeys: list[Journey], config: RunConfig, folder: RunFolder) -> LinkChecker | None:
    """The run's link checker, started, saving its results as they come (None when turned off)."""
    if not config.check_links:
        return None
    masked = frozenset().union(*(journey.secrets for journey in journeys))
    return LinkChecker(config.external_links, config.link_concurrency, masked, folder.write_links).start()


def partial_artifacts(folder: RunFolder, journeys: list[Journey], config: RunConfig, chromium: ChromiumInfo,
                      clock: RunClock, paths: tuple[str, ...] = ()) -> RunArtifacts:
    """After an interruption: the journeys that finished, marked as a partial run that says which did not."""
    records = folder.finished_journeys()
    return _artifacts(folder, records, journeys, config, chromium, clock,
                      tool_notes(lighthouse_status(journeys, config, chromium)), interrupted=True,
                      missing=unfinished(journeys, records, config.runs), paths=paths)


def unfinished(journeys: list[Journey], records: list[JourneyRecord], runs: int) -> tuple[str, ...]:
    """The journeys an interruption left unfinished, in words (with `--runs N`, how many runs each lacks)."""
    done = Counter(record.id for record in records)
    lines = []
    for journey in journeys:
        if done[journey.id] < runs:
            lacking = f" ({runs - done[journey.id]} of its {runs} runs)" if runs > 1 and done[journey.id] else ""
            lines.append(f"the journey “{journey.name}” did not finish{lacking}")
    return tuple(lines)


def _artifacts(folder: RunFolder, records: list[JourneyRecord], journeys: list[Journey], config: RunConfig,
               chromium: ChromiumInfo, clock: RunClock, notes: tuple[AuditNote, ...],
               interrupted: bool = False, missing: tuple[str, ...] = (),
               paths: tuple[str, ...] = ()) -> RunArtifacts:
    sites = {journey.base_url for journey in journeys}
    links, link_check = folder.checked_links()
    firsts = [r for r in records if r.repeat == 1]
    run = RunArtifacts(run_id=folder.run_id, started_at=clock.started_at,
                       baseline=config.baseline, only_new=config.only_new,
                       base_url=sites.pop() if len(sites) == 1 else None,
                       browser=chromium_version(chromium.executable) or chromium.source,
                       journeys=tuple(firsts), repeats=tuple(r for r in records if r.repeat > 1),
                       duration_ms=round((time.monotonic() - clock.started) * 1000),
                       interrupted=interrupted, missing=missing, uxaudit_version=__version__,
                       notes=(*notes, *timing_notes(config)),
                       links=tuple(links), link_check=link_check, selection=config.selection, paths=paths)
    folder.write_artifacts(run)
    return run


def lighthouse_status(journeys: list[Journey], config: RunConfig,
                      chromium: ChromiumInfo) -> LighthouseTool | str | None:
    """None when nothing asks for Lighthouse; the tool when it can run; else why it will not (a note)."""
    if not (config.lighthouse_runs > 0 or any(journey.asks_for_lighthouse for journey in journeys)):
        return None
    if not config.lighthouse_enabled:
        flag = "--debug: stepping through, the browser is the user's" if config.debug else "--no-lighthouse"
        return f"Lighthouse was not run: it was turned off ({flag})."
    return LighthouseTool.find(chromium.executable)


def tool_notes(lighthouse: LighthouseTool | str | None) -> tuple[AuditNote, ...]:
    """The tools this run could not use (axe-core missing, Lighthouse missing or turned off), said
    plainly; the audits that need them are left out of the scores (audits.applicable_audits)."""
    notes = []
    if axe_script() is None:
        notes.append(AuditNote(AXE_CORE,
                               f"Accessibility was not checked: axe-core is not installed ({INSTALL_HINT})."))
    if isinstance(lighthouse, str):
        notes.append(AuditNote(LIGHTHOUSE, lighthouse))
    return tuple(notes)
