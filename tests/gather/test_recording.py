"""What a journey run records and keeps (traces, videos), what --debug implies, and how a kept trace of
a journey with secrets is masked: without a browser (tests/e2e/test_recording.py drives one)."""

from __future__ import annotations

import asyncio
import zipfile
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from tests.builders import run
from uxaudit import pipeline
from uxaudit.audits.task_time import SLOWED
from uxaudit.gather import untraced
from uxaudit.gather.ffmpeg import lent_to_playwright, playwright_ffmpeg, registry_folder
from uxaudit.gather.recording import Recording, _keeps, _location, mask_trace, timing_caveat, timing_notes
from uxaudit.load.config import RunConfig, stepping_through
from uxaudit.load.redact import MASK
from uxaudit.load.run_values import MARKERS, REPEAT
from uxaudit.load.scenario import Journey
from uxaudit.report.markdown import render
from uxaudit.run_folder import RunFolder


def journey(secrets: frozenset[str] = frozenset()) -> Journey:
    return Journey(id="checkout", name="Check out", file="checkout.yaml", base_url=None, device="desktop", tags=(),
                   tasks=(), secrets=secrets)


@pytest.mark.parametrize(("mode", "failed", "kept"), [
    ("on", False, True), ("on", True, True), ("off", True, False),
    ("retain-on-failure", True, True), ("retain-on-failure", False, False)])
def test_what_each_mode_keeps(mode: str, failed: bool, kept: bool) -> None:
    assert _keeps(mode, failed) is kept  # type: ignore[arg-type]


def test_each_run_of_a_journey_has_its_own_files(tmp_path: Path) -> None:
    folder = RunFolder(tmp_path)
    first = Recording.plan(RunConfig(), folder, journey(), 1)
    second = Recording.plan(RunConfig(), folder, journey(), 2)
    assert folder.relative(folder.trace(first.files_as)) == "journeys/checkout/trace.zip"
    assert folder.relative(folder.trace(second.files_as)) == "journeys/checkout.run2/trace.zip"
    assert folder.relative(folder.video(second.files_as)) == "journeys/checkout.run2/video.webm"


def test_a_journey_with_secrets_is_not_filmed_and_says_so(tmp_path: Path) -> None:
    config = RunConfig(video="on")
    plain = Recording.plan(config, RunFolder(tmp_path), journey(), 1)
    secret = Recording.plan(config, RunFolder(tmp_path), journey(frozenset({"hunter22"})), 1)
    assert plain.video_mode == "on" and plain.warnings == []
    assert secret.video_mode == "off" and secret.video_withheld == "on"  # said at the end, if one would be kept
    assert secret.context_options({"viewport": {"width": 800, "height": 600}}) == {}
    assert plain.context_options({"viewport": {"width": 800, "height": 600}})["record_video_size"] == {
        "width": 800, "height": 600}


def unmasked_trace(path: Path, secret: str = "hunter22") -> bytes:
    """A trace like Playwright's, holding `secret`; returns its picture's bytes."""
    picture = f"\xff\xd8\xff\xe0 {secret} \x00\xff".encode("latin-1")  # the site's image: left as it is
    with zipfile.ZipFile(path, "w") as trace:
        trace.writestr("trace.trace", f'{{"method":"fill","params":{{"value":"{secret}"}}}}\n')
        trace.writestr("trace.network", f'{{"postData":"card={secret}&x=1"}}\n')
        trace.writestr("resources/page.html", f"<p>Caf\xe9 {secret}</p>".encode("latin-1"))  # not UTF-8
        trace.writestr("resources/page.jpeg", picture)
    return picture


def test_a_kept_trace_of_a_journey_with_secrets_holds_none_of_them(tmp_path: Path) -> None:
    unmasked, path = tmp_path / "trace.zip.unmasked", tmp_path / "trace.zip"
    picture = unmasked_trace(unmasked)
    mask_trace(unmasked, path, frozenset({"hunter22"}))
    with zipfile.ZipFile(path) as trace:
        assert trace.read("trace.trace").decode() == f'{{"method":"fill","params":{{"value":"{MASK}"}}}}\n'
        assert "hunter22" not in trace.read("trace.network").decode()
        assert trace.read("resources/page.html") == b"<p>Caf\xe9 " + MASK.encode() + b"</p>"  # é kept as it was
        assert trace.read("resources/page.jpeg") == picture
    assert sorted(p.name for p in tmp_path.iterdir()) == ["trace.zip", "trace.zip.unmasked"]


class FakeTracing:
    """Playwright's tracing as `_stop_trace` uses it: `stop(path=...)` saves the trace there."""

    def __init__(self, write: bool = True) -> None:
        self.saved_to: list[Path | None] = []
        self.write = write

    async def stop(self, path: Path | None = None) -> None:
        self.saved_to.append(path)
        if path is not None:
            if self.write:
                unmasked_trace(path)
            else:
                path.write_bytes(b"not a zip")


class FakeContext:
    def __init__(self, tracing: FakeTracing | None = None) -> None:
        self.tracing = tracing or FakeTracing()
        self.closed = False

    async def close(self) -> None:
        self.closed = True


def finish(recording: Recording, context: FakeContext, failed: bool = True) -> Any:
    return asyncio.run(recording.finish(context, None, failed))  # type: ignore[arg-type]


def secret_recording(tmp_path: Path) -> Recording:
    return Recording.plan(RunConfig(trace="on"), RunFolder(tmp_path), journey(frozenset({"hunter22"})), 1)


def test_the_unmasked_trace_never_has_the_trace_s_name_and_is_deleted(tmp_path: Path) -> None:
    context = FakeContext()
    files = finish(secret_recording(tmp_path), context)
    assert context.tracing.saved_to == [tmp_path / "journeys/checkout/trace.zip.unmasked"]
    assert files.trace == "journeys/checkout/trace.zip" and context.closed
    assert [p.name for p in (tmp_path / "journeys/checkout").iterdir()] == ["trace.zip"]
    with zipfile.ZipFile(tmp_path / files.trace) as trace:
        assert not [name for name in trace.namelist() if not name.endswith(".jpeg")
                    and b"hunter22" in trace.read(name)]


def test_a_trace_that_cannot_be_masked_is_not_kept_nor_left_behind(tmp_path: Path) -> None:
    recording = secret_recording(tmp_path)
    context = FakeContext(FakeTracing(write=False))
    files = finish(recording, context)
    assert files.trace is None and context.closed
    assert list((tmp_path / "journeys/checkout").iterdir()) == []
    assert [w for w in recording.warnings if w.startswith("its trace was not kept: it could not be masked")]


def test_a_trace_or_video_that_cannot_be_saved_is_a_warning_and_the_context_is_closed(tmp_path: Path) -> None:
    (tmp_path / "journeys").write_text("a file where the journeys' folder goes", encoding="utf-8")
    recording = Recording.plan(RunConfig(trace="on"), RunFolder(tmp_path), journey(), 1)
    context = FakeContext()
    files = finish(recording, context)
    assert (files.trace, files.video, context.closed) == (None, None, True)
    assert [w for w in recording.warnings if w.startswith("its trace was not kept: it could not be saved")]
    video = tmp_path / "recorded.webm"
    video.write_bytes(b"webm")
    assert recording._keep_video(video) is None  # noqa: SLF001 - the journeys' folder cannot be made
    assert [w for w in recording.warnings if w.startswith("its video was not kept: it could not be saved")]


def test_a_secret_that_uses_the_run_number_is_masked_as_this_run_typed_it(tmp_path: Path) -> None:
    secret = f"pw-{MARKERS[REPEAT]}-x"
    recording = Recording.plan(RunConfig(), RunFolder(tmp_path), journey(frozenset({secret})), 2)
    assert recording.secrets == frozenset({"pw-2-x"})


def test_a_group_s_location_is_the_step_s_line() -> None:
    assert _location("scenarios/checkout.yaml:23") == {"file": "scenarios/checkout.yaml", "line": 23, "column": None}
    assert _location(None) is None and _location("checkout.yaml") is None


def test_timings_under_slow_motion_or_debug_are_said_not_to_be_a_visitor_s() -> None:
    assert timing_caveat(RunConfig()) is None
    assert timing_caveat(RunConfig(slow_mo_ms=500)) == (
        "timings are slowed by --slow-mo 500 and are not comparable with other runs")
    assert "--debug" in (timing_caveat(RunConfig(debug=True)) or "")


def test_slowed_timings_are_said_once_for_the_run_not_by_every_journey(tmp_path: Path) -> None:
    config = RunConfig(slow_mo_ms=500)
    assert Recording.plan(config, RunFolder(tmp_path), journey(), 1).warnings == []
    assert timing_notes(RunConfig()) == ()
    caveat = "timings are slowed by --slow-mo 500 and are not comparable with other runs"
    gathered = run()
    gathered = type(gathered)(**{**gathered.__dict__, "notes": timing_notes(config),
                                 "journeys": gathered.journeys * 3})
    assert [note.tool for note in gathered.notes] == [SLOWED]
    scorecard = pipeline.audit_and_report(gathered, RunFolder(tmp_path / "run"), config, newest=False).scorecard
    assert [n for n in scorecard["notes"] if n["text"] == caveat] == [
        {"audit": "task-time", "kind": "environment", "text": caveat}]
    assert not [w for j in scorecard["journeys"] for w in j["warnings"] if "slow-mo" in w]
    assert render(scorecard, "report.html").count("Test machine: timings are slowed by") == 1
    assert (tmp_path / "run" / "report.html").read_text(encoding="utf-8").count(caveat) == 1


def test_without_playwright_s_zones_as_this_module_knows_them_nothing_is_kept_out(
        monkeypatch: pytest.MonkeyPatch) -> None:
    assert untraced._zones() is not None  # noqa: SLF001 - this Playwright's zones are known
    changed = SimpleNamespace(ApiZone=lambda *args, **kwargs: (_ for _ in ()).throw(TypeError("a new signature")))
    monkeypatch.setattr("playwright._impl.channel_owner.ApiZone", changed.ApiZone)
    assert untraced._zones() is None  # noqa: SLF001
    monkeypatch.setattr(untraced, "_PROBED", None)

    async def action() -> str:
        return "clicked"

    with untraced.untraced():
        assert asyncio.run(untraced.traced(action())) == "clicked"


def test_debug_steps_through_one_visible_journey_at_a_time_with_a_trace() -> None:
    assert stepping_through(RunConfig(workers=4)) == RunConfig(workers=4)
    debugging = stepping_through(RunConfig(debug=True, workers=4, trace="off"))
    assert (debugging.headed, debugging.workers, debugging.lighthouse_enabled, debugging.trace) == (
        True, 1, False, "on")


def test_another_ffmpeg_is_lent_to_playwright_only_while_it_runs(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    own = tmp_path / "registry"
    (own / "chromium-1").mkdir(parents=True)
    ffmpeg = tmp_path / "ffmpeg"
    ffmpeg.write_text("#!/bin/sh\n", encoding="utf-8")
    monkeypatch.setenv("PLAYWRIGHT_BROWSERS_PATH", str(own))
    monkeypatch.setattr("uxaudit.gather.ffmpeg.other_ffmpeg", lambda: ffmpeg)
    with lent_to_playwright(True):
        lent = registry_folder()
        assert lent != own
        assert playwright_ffmpeg(lent).resolve() == ffmpeg.resolve()
        assert (lent / "chromium-1").resolve() == (own / "chromium-1").resolve()  # its browsers stay reachable
    assert registry_folder() == own and not lent.exists()
    with lent_to_playwright(False):
        assert registry_folder() == own
