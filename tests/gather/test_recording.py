"""What a journey run records and keeps (traces, videos), what --debug implies, and how a kept trace of
a journey with secrets is masked: without a browser (tests/e2e/test_recording.py drives one)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from uxaudit.gather.ffmpeg import lent_to_playwright, playwright_ffmpeg, registry_folder
from uxaudit.gather.recording import Recording, _keeps, _location, mask_trace, timing_caveat
from uxaudit.load.config import RunConfig, stepping_through
from uxaudit.load.redact import MASK
from uxaudit.load.scenario import Journey
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


def test_a_kept_trace_of_a_journey_with_secrets_holds_none_of_them(tmp_path: Path) -> None:
    path = tmp_path / "trace.zip"
    picture = b"\xff\xd8\xff\xe0 hunter22 \x00\xff"  # not text: left as it is (no screenshots are taken)
    with zipfile.ZipFile(path, "w") as trace:
        trace.writestr("trace.trace", '{"method":"fill","params":{"value":"hunter22"}}\n')
        trace.writestr("trace.network", '{"postData":"card=hunter22&x=1"}\n')
        trace.writestr("resources/page.jpeg", picture)
    mask_trace(path, frozenset({"hunter22"}))
    with zipfile.ZipFile(path) as trace:
        assert trace.read("trace.trace").decode() == f'{{"method":"fill","params":{{"value":"{MASK}"}}}}\n'
        assert "hunter22" not in trace.read("trace.network").decode()
        assert trace.read("resources/page.jpeg") == picture
    assert [p.name for p in tmp_path.iterdir()] == ["trace.zip"]


def test_a_group_s_location_is_the_step_s_line() -> None:
    assert _location("scenarios/checkout.yaml:23") == {"file": "scenarios/checkout.yaml", "line": 23, "column": None}
    assert _location(None) is None and _location("checkout.yaml") is None


def test_timings_under_slow_motion_or_debug_are_said_not_to_be_a_visitor_s() -> None:
    assert timing_caveat(RunConfig()) is None
    assert timing_caveat(RunConfig(slow_mo_ms=500)) == (
        "timings are slowed by --slow-mo 500 and are not comparable with other runs")
    assert "--debug" in (timing_caveat(RunConfig(debug=True)) or "")


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
