"""A journey run's Playwright trace and video: what is recorded, what is kept, and where (docs/debugging.md).

A trace is kept as `journeys/<journey>/trace.zip` (one per run with `--runs N`), a video as
`journeys/<journey>/video.webm`: always (`on`), never (`off`), or only for a run with a failed task or
a journey error (`retain-on-failure`, the traces' default). Playwright's trace viewer opens the zip.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import shutil
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from playwright.async_api import BrowserContext, Error, Page

from ..artifacts import AuditNote
from ..audits.task_time import SLOWED
from ..load.config import RecordingMode, RunConfig, timing_distortion
from ..load.redact import redact
from ..load.run_values import with_repeat
from ..load.scenario import Journey
from ..run_folder import RunFolder, journey_files
from .bounded import within
from .step_failure import StepFailure

if TYPE_CHECKING:
    from playwright._impl._api_structures import Location  # the type of Tracing.group's `location`

log = logging.getLogger(__name__)
SNAPSHOT_LIMIT_S = 2.0  # how long a failed step's page may take to be snapshotted for the trace
NO_VIDEO_WITH_SECRETS = ("no video was recorded: this journey types secret values, which a video would show "
                         "(its trace has no screenshots, and its text is masked)")
# Entries of a trace left as they are when it is masked: pictures (a journey with secrets is traced
# without screenshots, so these are the site's own images), which a replaced byte would only break.
PICTURES = (".jpeg", ".jpg", ".png", ".webp", ".gif", ".avif", ".ico")


@dataclass(frozen=True)
class RecordedFiles:
    """What a journey run kept, relative to the run folder (None: not recorded, or not kept)."""

    trace: str | None = None
    video: str | None = None


@dataclass
class TraceGroups:
    """Groups in the trace's action list, so that it reads like the journey: a task, its steps, and
    in each step the visitor's action between uxaudit's own reading of the page. Does nothing when
    the run is not traced."""

    context: BrowserContext | None = None
    depth: int = 0

    async def open(self, name: str, location: str | None = None) -> int:
        """Start a group (`location`: the step's `file:line`); returns the depth to `close` back to."""
        depth = self.depth
        if self.context is not None:
            try:
                await self.context.tracing.group(name, location=_location(location))
                self.depth += 1
            except Error:
                self.context = None  # the browser is gone: nothing more to group
        return depth

    async def note(self, text: str) -> None:
        """A line of its own in the action list (an empty group): why a step failed, which the trace
        would not show otherwise, since uxaudit's own checks are not recorded in it."""
        await self.open(text[:300])
        await self.close()

    async def snapshot(self, page: Page, stuck: bool = False) -> None:
        """The page as it is now, in the trace (a cheap call the trace snapshots): for a step that failed
        before any action of the visitor's was recorded (its target never appeared)."""
        if self.context is not None and not stuck and not page.is_closed():
            try:  # a frozen page answers nothing: the trace keeps what it had rather than wait on it
                await within(page.title(), SNAPSHOT_LIMIT_S, "snapshotting the page for the trace")
            except (Error, StepFailure):
                pass  # the page went away, or is too busy: the trace keeps what it had

    async def close(self, depth: int | None = None) -> None:
        """End the innermost group, or every group down to `depth`."""
        target = self.depth - 1 if depth is None else depth
        while self.context is not None and self.depth > max(target, 0):
            try:
                await self.context.tracing.group_end()
                self.depth -= 1
            except Error:
                self.context = None


def _location(location: str | None) -> Location | None:
    """`checkout.yaml:23` as the trace viewer's location of a group."""
    file, _, line = (location or "").rpartition(":")
    return {"file": file, "line": int(line), "column": None} if file and line.isdigit() else None


@dataclass
class Recording:
    """The trace and video of one journey run: started with its browser context, kept or dropped
    when it closes (a video is complete only once its context has closed)."""

    trace_mode: RecordingMode
    video_mode: RecordingMode
    folder: RunFolder
    files_as: str
    secrets: frozenset[str] = frozenset()
    title: str = ""
    warnings: list[str] = field(default_factory=list)
    _video_dir: Path | None = None
    groups: TraceGroups = field(default_factory=TraceGroups)
    video_withheld: RecordingMode = "off"  # the video mode asked for, when secrets ruled the video out

    @classmethod
    def plan(cls, config: RunConfig, folder: RunFolder, journey: Journey, repeat: int) -> Recording:
        """What to record for this run of the journey. A video cannot mask what is typed into a
        field, so a journey with secrets gets none (and a line that says so). The secrets masked are
        this run's (`${REPEAT}` filled in), as typed."""
        journey = with_repeat(journey, repeat)
        withheld = config.video if journey.secrets else "off"
        return cls(config.trace, "off" if journey.secrets else config.video, folder, journey_files(journey.id, repeat),
                   journey.secrets, journey.name, video_withheld=withheld)

    @classmethod
    def off(cls, folder: RunFolder, files_as: str) -> Recording:
        """Nothing recorded."""
        return cls("off", "off", folder, files_as)

    def context_options(self, options: dict[str, Any]) -> dict[str, Any]:
        """Keyword arguments for the context (new_context, launch_persistent_context) to record a video."""
        if self.video_mode == "off":
            return {}
        # Playwright names each page's video itself; the journey's page's is moved out once complete.
        self._video_dir = self.folder.video(self.files_as).parent / ".recording"
        size = options.get("viewport") or {"width": 1280, "height": 720}
        return {"record_video_dir": str(self._video_dir), "record_video_size": size}

    async def start(self, context: BrowserContext) -> TraceGroups:
        """Start the trace (before the journey's page opens); the groups its steps are shown in.

        The trace has a DOM snapshot before and after each of the visitor's actions, which the viewer
        renders as the page, but no film strip: the screencast behind it delays what each click
        presents, and so the timings uxaudit measures (on the single-page demo, clicks answered in a
        median 56 ms instead of 24, some over 200 ms: false "froze" findings). The run folder has a
        screenshot of every step instead."""
        if self.trace_mode == "off":
            return self.groups
        await context.tracing.start(screenshots=False, snapshots=True, sources=False, title=self.title or None)
        self.groups = TraceGroups(context)
        return self.groups

    async def finish(self, context: BrowserContext, page: Page | None, failed: bool) -> RecordedFiles:
        """Stop the trace (saved or dropped), close the context, then keep or drop its video. A file
        that cannot be kept (a full disk) is a warning of the journey: the context is closed whatever
        happens, and the other journeys go on."""
        trace: str | None = None
        video: Path | None = None
        try:
            trace = await self._stop_trace(context, _keeps(self.trace_mode, failed))
            video = await _video_of(page) if self._video_dir is not None else None
        finally:
            await close_quietly(context)
        kept = self._keep_video(video) if _keeps(self.video_mode, failed) else None
        if _keeps(self.video_withheld, failed):  # said only when a video would have been kept
            self.warnings.append(NO_VIDEO_WITH_SECRETS)
        if self._video_dir is not None:
            shutil.rmtree(self._video_dir, ignore_errors=True)
            with contextlib.suppress(OSError):  # the journey's folder, when nothing was kept in it
                self._video_dir.parent.rmdir()
        return RecordedFiles(trace, kept)

    async def _stop_trace(self, context: BrowserContext, keep: bool) -> str | None:
        """Stopping without a path drops the trace cheaply (nothing is archived). The trace of a
        journey with secrets is saved beside its final name and only its masked copy takes that name,
        so that an unmasked trace is never where a reader looks for it, even after a kill."""
        if self.trace_mode == "off":
            return None
        path = self.folder.trace(self.files_as)
        saved = path.with_name(path.name + ".unmasked") if self.secrets else path
        try:
            if keep:
                path.parent.mkdir(parents=True, exist_ok=True)
            await context.tracing.stop(path=saved if keep else None)
            if keep and self.secrets:
                await asyncio.to_thread(mask_trace, saved, path, self.secrets)
        except Error as error:  # the browser died under the journey: its trace went with it
            log.debug("no trace for %s: %s", self.files_as, error)
            return None
        except (OSError, zipfile.BadZipFile) as error:  # a full disk, a trace that could not be masked
            self.warnings.append(f"its trace was not kept: it could not be {'masked' if self.secrets else 'saved'} "
                                 f"({error})")
            return None
        finally:
            if saved != path:
                saved.unlink(missing_ok=True)
        return self.folder.relative(path) if keep else None

    def _keep_video(self, recorded: Path | None) -> str | None:
        if recorded is None or not recorded.is_file():
            return None
        path = self.folder.video(self.files_as)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(recorded, path)
        except OSError as error:
            self.warnings.append(f"its video was not kept: it could not be saved ({error})")
            return None
        return self.folder.relative(path)


def _keeps(mode: RecordingMode, failed: bool) -> bool:
    return mode == "on" or (mode == "retain-on-failure" and failed)


async def _video_of(page: Page | None) -> Path | None:
    """Where the journey's page is being filmed (asked before its context closes)."""
    if page is None or page.video is None:
        return None
    try:
        return Path(await page.video.path())
    except Error:
        return None


def mask_trace(unmasked: Path, path: Path, secrets: frozenset[str]) -> None:
    """Write `unmasked` to `path` with every secret masked in each of its files (the actions' values,
    logs, DOM snapshots, network bodies, whatever their encoding), in each form redact knows; pictures
    are left as they are. `path` appears whole or not at all."""
    masking = path.with_name(path.name + ".masking")
    try:
        with zipfile.ZipFile(unmasked) as source, zipfile.ZipFile(masking, "w", zipfile.ZIP_DEFLATED) as target:
            for entry in source.infolist():
                data = source.read(entry)
                target.writestr(entry, data if entry.filename.lower().endswith(PICTURES) else _masked(data, secrets))
        os.replace(masking, path)
    finally:
        masking.unlink(missing_ok=True)


def _masked(data: bytes, secrets: frozenset[str]) -> bytes:
    """Bytes that are not UTF-8 (a page in Latin-1) are masked too: surrogateescape keeps them as they
    were around the secrets it finds."""
    text = data.decode("utf-8", errors="surrogateescape")
    return str(redact(text, secrets)).encode("utf-8", errors="surrogateescape")


def timing_notes(config: RunConfig) -> tuple[AuditNote, ...]:
    """The run's note that its timings are not a visitor's, when they are not (said once for the run:
    the task-time audit shows it as a note about the test machine)."""
    return (AuditNote(SLOWED, caveat),) if (caveat := timing_caveat(config)) else ()


def timing_caveat(config: RunConfig) -> str | None:
    """Why this run's timings are not a visitor's, in words (load/config.timing_distortion decides)."""
    distortion = timing_distortion(config)
    return distortion.caveat if distortion else None


async def close_quietly(context: BrowserContext) -> None:
    """Close a context whose browser may already be gone (a crash: nothing left to close)."""
    try:
        await context.close()
    except Error:
        pass
