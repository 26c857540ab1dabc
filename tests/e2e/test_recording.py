"""Traces, videos, slow motion and step-through in real Chromium, on a small site served by the test:
a failing journey keeps a trace Playwright's trace viewer opens (its step's action, screenshots, DOM
snapshots, network, console) and a video; a passing one keeps neither by default; a journey with
secrets keeps a trace that holds none of them; --slow-mo slows the steps and says so."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.conftest import journey_file, run_pipeline, serve_pages, uxaudit_cli
from uxaudit.gather.browser import find_chromium, launch_args
from uxaudit.load.redact import chromium_form_encoded

CONSOLE_LINE = "shop-console: the pay button is not wired up"
SECRET = "s3cr3t-Card-9911"
HEAD = '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{0}</title></head><body><h1>{0}</h1>'
PAGES = {
    "/": HEAD.format("Shop") + '<label>Card number <input id="card" name="card"></label>'
         f'<button id="pay">Pay</button><script>console.log("{CONSOLE_LINE}")</script>',
    "/thanks": HEAD.format("Thank you") + "<p>Thank you for your order</p>",
}
FAILING = """
    name: Pay for the order
    tasks:
      - name: Pay
        timeout: 1500
        steps:
          - goto: /
          - fill: {target: Card number, value: "4242 4242"}
          - click: Pay
        success:
          - visible: Thank you for your order
"""
PASSING = """
    name: Read the thanks
    steps: [{goto: /thanks}]
    success: [{visible: Thank you for your order}]
"""
SECRETS = """
    name: Pay with a secret card
    variables: {CARD: "${secret:UXAUDIT_TEST_CARD}"}
    tasks:
      - name: Pay secretly
        timeout: 1500
        steps:
          - goto: /
          - fill: {target: Card number, value: "${CARD}"}
          - click: Pay
        success:
          - visible: Thank you for your order
"""


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    with serve_pages(PAGES) as address:
        yield address


@pytest.fixture(scope="module")
def run(site: str, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, dict[str, Any]]]:
    """A failing, a passing and a secret journey, with the default traces and --video retain-on-failure."""
    folder = tmp_path_factory.mktemp("journeys")
    for name, text in (("pay.yaml", FAILING), ("thanks.yaml", PASSING), ("secret.yaml", SECRETS)):
        journey_file(folder, name, text)
    out = tmp_path_factory.mktemp("out")
    with pytest.MonkeyPatch.context() as env:
        env.setenv("UXAUDIT_TEST_CARD", SECRET)
        run_pipeline([folder], out, base_url=site, workers=2, video="retain-on-failure", check_links=False)
    records = json.loads((out / "artifacts.json").read_text(encoding="utf-8"))["journeys"]
    return out, {record["name"]: record for record in records}


def trace_events(zip_path: Path) -> list[dict[str, Any]]:
    with zipfile.ZipFile(zip_path) as trace:
        lines = trace.read("trace.trace").decode().splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def test_a_failing_journey_keeps_a_trace_of_its_steps(run: tuple[Path, dict[str, dict[str, Any]]]) -> None:
    out, records = run
    record = records["Pay for the order"]
    assert record["trace"] == "journeys/pay/trace.zip"
    events = trace_events(out / record["trace"])
    groups = {e["title"]: e["callId"] for e in events if e.get("method") == "tracingGroup"}
    assert {"Task: Pay", "Step 2: Type into “Card number”", "Step 3: Click “Pay”"} <= set(groups)
    click = next(e for e in events if e.get("method") == "click" and e.get("type") == "before")
    assert click["parentId"] == groups["Step 3: Click “Pay”"]  # the visitor's click, inside its step
    # uxaudit's own reading of the page (timings, axe-core, the screen) is not in the action list:
    # the step holds the visitor's action alone, so it is found at a glance (and no snapshots are paid for).
    actions = [e for e in events if e.get("type") == "before" and e.get("method") != "tracingGroup"]
    assert [e["method"] for e in actions if e.get("parentId") in groups.values()] == ["goto", "fill", "click"]
    assert not [e for e in actions if e["method"] in ("evaluate", "evaluateExpression", "screenshot")]
    # Why the task failed is a line of its own in the task's group (uxaudit's checks are not traced).
    unmet = [title for title in groups if title.startswith("✗ Expected that “Thank you for your order” is visible")]
    assert len(unmet) == 1 and next(e for e in events if e.get("title") == unmet[0])["parentId"] == groups["Task: Pay"]
    step_group = next(e for e in events if e.get("title") == "Step 3: Click “Pay”")
    assert step_group["stack"][0]["file"].endswith("pay.yaml") and step_group["stack"][0]["line"] == 8
    assert any(e.get("type") == "console" and e.get("text") == CONSOLE_LINE for e in events)
    assert any(e.get("type") == "frame-snapshot" for e in events)  # DOM snapshots
    with zipfile.ZipFile(out / record["trace"]) as trace:
        names = trace.namelist()
        network = trace.read("trace.network").decode()
    # No film strip: its screencast would delay what each click presents, and so the timings measured.
    assert not [name for name in names if name.startswith("screencast/")]
    assert any(json.loads(line)["snapshot"]["request"]["url"].endswith("/") for line in network.splitlines())


def test_playwright_s_trace_viewer_shows_the_step_s_action(run: tuple[Path, dict[str, dict[str, Any]]]) -> None:
    from playwright.sync_api import expect, sync_playwright

    out, records = run
    trace = out / records["Pay for the order"]["trace"]
    port = free_port()
    viewer = subprocess.Popen([sys.executable, "-m", "playwright", "show-trace", "--host", "127.0.0.1", "--port",
                               str(port), str(trace)], stdout=subprocess.DEVNULL, start_new_session=True)
    try:
        address = f"http://127.0.0.1:{port}/"
        wait_for_server(address)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=find_chromium().executable, args=launch_args())
            page = browser.new_page()
            page.goto(address)
            actions = page.get_by_role("tree")
            expect(actions.get_by_text("Task: Pay", exact=True)).to_be_visible(timeout=20_000)
            actions.get_by_text("Step 3: Click “Pay”", exact=True).click()
            page.keyboard.press("ArrowRight")  # open the step's group
            expect(actions.get_by_text("Click", exact=True)).to_be_visible()
            browser.close()
    finally:
        os.killpg(viewer.pid, signal.SIGTERM)  # the viewer's node process too, not only Python's wrapper
        viewer.wait(timeout=10)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_for_server(address: str, limit_s: float = 30) -> None:
    deadline = time.monotonic() + limit_s
    while True:
        try:
            with urllib.request.urlopen(address, timeout=2):
                return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def test_a_failing_journey_keeps_its_video(run: tuple[Path, dict[str, dict[str, Any]]]) -> None:
    out, records = run
    video = records["Pay for the order"]["video"]
    assert video == "journeys/pay/video.webm"
    data = (out / video).read_bytes()
    assert data[:4] == b"\x1a\x45\xdf\xa3" and len(data) > 5_000  # a WebM (Matroska) file with frames in it
    assert not list(out.rglob(".recording"))  # the other pages' recordings are gone


def test_a_passing_journey_keeps_neither(run: tuple[Path, dict[str, dict[str, Any]]]) -> None:
    out, records = run
    record = records["Read the thanks"]
    assert record["tasks"][0]["status"] == "passed"
    assert record["trace"] is None and record["video"] is None
    assert not (out / "journeys" / "thanks").exists()


def test_a_journey_with_secrets_keeps_a_trace_without_them(run: tuple[Path, dict[str, dict[str, Any]]]) -> None:
    out, records = run
    record = records["Pay with a secret card"]
    assert record["tasks"][0]["status"] == "failed"
    assert record["video"] is None and any("no video" in w for w in record["warnings"])
    with zipfile.ZipFile(out / record["trace"]) as trace:
        entries = {name: trace.read(name) for name in trace.namelist()}
    assert not [name for name in entries if name.startswith("screencast/")]  # a picture cannot be masked
    forms = {SECRET, SECRET.lower(), chromium_form_encoded(SECRET)}
    assert [(name, form) for name, data in entries.items() for form in forms if form.encode() in data] == []
    fill = next(e for e in trace_events(out / record["trace"]) if e.get("method") == "fill")
    assert fill["params"]["value"] == "••••••"  # the action is there, its value masked
    assert sorted(p.name for p in (out / record["trace"]).parent.iterdir()) == ["trace.zip"]  # no unmasked copy


def test_trace_on_keeps_a_passing_journey_s_and_off_keeps_none(site: str, tmp_path: Path) -> None:
    journey_file(tmp_path, "pay.yaml", FAILING)
    journey_file(tmp_path, "thanks.yaml", PASSING)
    run_pipeline([tmp_path / "thanks.yaml"], tmp_path / "on", base_url=site, trace="on", check_links=False)
    run_pipeline([tmp_path / "pay.yaml"], tmp_path / "off", base_url=site, trace="off", check_links=False)
    on = json.loads((tmp_path / "on" / "artifacts.json").read_text(encoding="utf-8"))["journeys"][0]
    off = json.loads((tmp_path / "off" / "artifacts.json").read_text(encoding="utf-8"))["journeys"][0]
    assert any(e.get("method") == "goto" for e in trace_events(tmp_path / "on" / on["trace"]))
    assert off["tasks"][0]["status"] == "failed" and off["trace"] is None
    assert not list((tmp_path / "off").rglob("*.zip"))


def test_slow_motion_slows_each_action_and_says_so(site: str, tmp_path: Path) -> None:
    journey_file(tmp_path, "pay.yaml", FAILING.replace("Thank you for your order", "Card number"))
    result = uxaudit_cli("run", str(tmp_path / "pay.yaml"), "--base-url", site, "--out", str(tmp_path / "out"),
                         "--slow-mo", "700", "--no-link-check", "--trace", "off")
    assert result.code in (0, 1), result.stderr
    # said once as it starts, and once in the summary (a note about the test machine), not once per journey
    caveat = "timings are slowed by --slow-mo 700 and are not comparable"
    assert (result.stderr.count(caveat), result.stdout.count(caveat)) == (1, 1)
    assert f"Test machine: {caveat}" in result.stdout
    record = json.loads((tmp_path / "out" / "artifacts.json").read_text(encoding="utf-8"))["journeys"][0]
    steps = record["tasks"][0]["steps"]
    assert [s["status"] for s in steps] == ["passed"] * 3
    assert all(s["duration_ms"] >= 700 for s in steps)  # each step's action was slowed (unslowed: tens of ms)
    assert not [w for w in record["warnings"] if "--slow-mo" in w]
    notes = json.loads((tmp_path / "out" / "scorecard.json").read_text(encoding="utf-8"))["notes"]
    assert [n["kind"] for n in notes if "--slow-mo 700" in n["text"]] == ["environment"]


def test_debug_without_a_screen_stops_at_once(tmp_path: Path) -> None:
    journey_file(tmp_path, "thanks.yaml", PASSING)
    result = uxaudit_cli("run", str(tmp_path / "thanks.yaml"), "--base-url", "http://127.0.0.1:9", "--debug",
                         env={"DISPLAY": "", "WAYLAND_DISPLAY": ""})
    assert result.code == 2
    assert result.stderr.strip().splitlines() == [
        "uxaudit: --debug needs a screen, and DISPLAY is not set: run without --debug, or under a virtual "
        "screen (xvfb-run uxaudit run ...)"]
