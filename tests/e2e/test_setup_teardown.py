"""`setup:` and `teardown:` in real Chromium against a local site that logs every page asked for:
their order around the tasks and the repeats, what a failure of each does, and that their pages are
not the first task's; `${RUN_ID}` against the demo shop's lists, which refuse a name already taken."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.conftest import journey_file, run_pipeline, uxaudit_cli
from uxaudit.demo.server import DemoShop


class _LoggingHandler(BaseHTTPRequestHandler):
    """Every page shows its own address; /taken shows the error a site shows for a taken name."""

    server: _LoggingServer

    def do_GET(self) -> None:
        if self.path != "/favicon.ico":
            self.server.log.append(self.path)
        alert = '<p role="alert" class="error">That name is taken</p>' if self.path.startswith("/taken") else ""
        body = f"<!doctype html><html lang=en><title>Log</title><h1>{self.path}</h1>{alert}".encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        """Quiet."""


class _LoggingServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _LoggingHandler)
        self.log: list[str] = []


@pytest.fixture()
def site() -> Iterator[_LoggingServer]:
    server = _LoggingServer()
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def _url(server: _LoggingServer) -> str:
    return f"http://127.0.0.1:{server.server_address[1]}"


def _journeys(out: Path) -> dict[tuple[str, int], dict[str, Any]]:
    run = json.loads((out / "artifacts.json").read_text())
    return {(j["id"], j["repeat"]): j for j in [*run["journeys"], *run["repeats"]]}


def test_setup_runs_before_the_tasks_and_teardown_after_around_every_repeat(tmp_path: Path,
                                                                             site: _LoggingServer) -> None:
    journey_file(tmp_path, "order.yaml", """
        name: Order
        setup:
          - goto: /setup?repeat=${REPEAT}
        tasks:
          - name: First
            steps:
              - expect: {text: "/setup?repeat=${REPEAT}"}   # still on the setup's page
              - goto: /task-1?repeat=${REPEAT}
          - name: Second
            steps:
              - goto: /task-2?repeat=${REPEAT}
        teardown:
          - goto: /teardown?repeat=${REPEAT}
    """)
    run_pipeline([tmp_path / "order.yaml"], tmp_path / "out", base_url=_url(site), runs=2, workers=1,
                 check_links=False)
    asked = [path for path in site.log if path != "/"]  # "/": uxaudit checks that the site answers
    assert asked == [f"/{page}?repeat={repeat}" for repeat in (1, 2)
                     for page in ("setup", "task-1", "task-2", "teardown")]
    journeys = _journeys(tmp_path / "out")
    for repeat in (1, 2):
        journey = journeys[("order", repeat)]
        assert [s["status"] for s in journey["setup"] + journey["teardown"]] == ["passed", "passed"]
        assert journey["setup"][0]["url"].endswith(f"/setup?repeat={repeat}")
        first = journey["tasks"][0]
        assert first["status"] == "passed"
        # The setup's page is not a page the first task visited: its one visit is its own goto.
        assert [p["final_url"].split("/")[-1] for p in first["pages"]] == [f"task-1?repeat={repeat}"]


def test_a_failed_task_a_failed_teardown_and_a_failed_setup(tmp_path: Path, site: _LoggingServer) -> None:
    journey_file(tmp_path, "task-fails.yaml", """
        name: Task fails
        steps:
          - goto: /b-task
          - expect: {visible: Not on this page}
            timeout: 1000
        teardown:
          - goto: /b-teardown
    """)
    journey_file(tmp_path, "teardown-fails.yaml", """
        name: Teardown fails
        steps:
          - goto: /c-task
        teardown:
          - goto: /c-teardown
          - click: No such button
            timeout: 1000
          - goto: /c-never
    """)
    journey_file(tmp_path, "setup-fails.yaml", """
        name: Setup fails
        setup:
          - goto: /taken
          - click: Create
            timeout: 1000
        tasks:
          - name: Use the record
            steps:
              - goto: /d-task
        teardown:
          - goto: /d-teardown
    """)
    run_pipeline([tmp_path], tmp_path / "out", base_url=_url(site), workers=2, check_links=False)
    journeys = _journeys(tmp_path / "out")

    failed_task = journeys[("task-fails", 1)]
    assert failed_task["tasks"][0]["status"] == "failed"
    assert [s["status"] for s in failed_task["teardown"]] == ["passed"] and "/b-teardown" in site.log

    teardown = journeys[("teardown-fails", 1)]
    assert teardown["tasks"][0]["status"] == "passed" and teardown["error"] is None
    assert [s["status"] for s in teardown["teardown"]] == ["passed", "failed", "skipped"]
    assert teardown["warnings"][0].startswith("the journey's teardown failed at step 2 (Click “No such button”)")
    assert "/c-never" not in site.log

    setup = journeys[("setup-fails", 1)]
    task = setup["tasks"][0]
    assert task["status"] == "skipped" and "/d-task" not in site.log
    assert task["error"].startswith("skipped: the journey's setup failed at step 2 (Click “Create”): ")
    assert task["error"].endswith("; the page said: “That name is taken”")
    assert setup["error"] == task["error"].removeprefix("skipped: ")
    assert setup["setup"][1]["page_said"] == ["That name is taken"]
    assert "/d-teardown" in site.log  # teardown runs after a failed setup too


def test_run_id_lets_a_journey_that_creates_a_record_pass_run_after_run(tmp_path: Path) -> None:
    unique, fixed = tmp_path / "unique", tmp_path / "fixed"
    unique.mkdir()
    fixed.mkdir()
    create = """
        name: Create a list
        steps:
          - goto: /lists
          - fill: {{target: List name, value: "{name}"}}
          - click: Create list
        success:
          - visible: "List “{name}” created."
    """
    journey_file(unique, "create-list.yaml", create.format(name="user-${RUN_ID}-${REPEAT}"))
    journey_file(fixed, "create-list.yaml", create.format(name="Summer hike"))
    with DemoShop(clean=True) as shop:
        def run(folder: Path, out: str) -> tuple[int, str]:
            result = uxaudit_cli("run", str(folder), "--base-url", shop.url, "--out", str(tmp_path / out),
                                 "--no-link-check")
            return result.code, result.stdout
        assert [run(unique, f"u{i}")[0] for i in (1, 2)] == [0, 0]
        assert run(fixed, "f1")[0] == 0
        code, stdout = run(fixed, "f2")
    assert code == 1
    assert "That name is taken. Choose another name for your list." in stdout
    task = _journeys(tmp_path / "f2")[("create-list", 1)]["tasks"][0]
    assert task["status"] == "failed" and "That name is taken" in task["error"]
