"""End-to-end helpers: run uxaudit for real (real Chromium, real demo shop) in-process or as a CLI."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import textwrap
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from uxaudit import pipeline
from uxaudit.demo.server import DemoShop
from uxaudit.errors import BrowserNotFoundError
from uxaudit.gather.browser import find_chromium, launch_args
from uxaudit.gather.runner import SilentListener
from uxaudit.load.config import RunConfig

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = ROOT / "scenarios"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Everything under tests/e2e drives a real browser."""
    for item in items:
        if "/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session", autouse=True)
def _chromium_present() -> None:
    try:
        find_chromium()
    except BrowserNotFoundError as exc:  # a clear failure, never a silent skip
        pytest.fail(f"end-to-end tests need Chromium: {exc}")


def run_pipeline(paths: list[Path], out: Path, **config: Any) -> dict[str, Any]:
    """Load, gather, audit and report, in-process; returns the scorecard."""
    run_config = RunConfig(out_dir=out, **config)
    journeys = pipeline.load(paths, run_config)
    chromium, folder = pipeline.prepare(journeys, run_config)
    run = pipeline.gather_run(journeys, run_config, chromium, folder, SilentListener())
    return pipeline.audit_and_report(run, folder, run_config).scorecard


NOT_FOUND = "<!doctype html><html lang=\"en\"><title>Not found</title><h1>Not found</h1></html>"


@contextmanager
def serve_pages(pages: Mapping[str, str]) -> Iterator[str]:
    """A small site on 127.0.0.1 for a test: each path (without its query) answers its page, any
    other path 404; yields the site's address."""

    class Pages(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
            path = self.path.split("?")[0]
            body = pages.get(path, NOT_FOUND).encode()
            self.send_response(200 if path in pages else 404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *_args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Pages)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def journey_file(folder: Path, name: str, text: str) -> Path:
    """Write a journey file for a test."""
    path = folder / name
    path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    return path


@dataclass(frozen=True)
class CliResult:
    """What a `uxaudit` process printed and returned."""

    code: int
    stdout: str
    stderr: str


def uxaudit_cli(*args: str, cwd: Path = ROOT, env: dict[str, str] | None = None, timeout: float = 240) -> CliResult:
    """Run `python -m uxaudit ARGS` as a user would."""
    proc = subprocess.run([sys.executable, "-m", "uxaudit", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=timeout, env={**os.environ, "COLUMNS": "200", **(env or {})})
    return CliResult(proc.returncode, proc.stdout, proc.stderr)


def serious_accessibility_problems(page: Path) -> list[tuple[str, str, tuple[str, ...]]]:
    """axe-core's serious and critical violations in one of our own HTML pages (report, comparison)."""
    from playwright.async_api import async_playwright

    from uxaudit.gather.accessibility import AccessibilityChecker

    async def check() -> list[tuple[str, str, tuple[str, ...]]]:
        async with async_playwright() as playwright:
            browser = await playwright.chromium.launch(executable_path=find_chromium().executable, args=launch_args())
            tab = await browser.new_page()
            await tab.goto(page.resolve().as_uri())
            violations = (await AccessibilityChecker.installed().check(tab)).violations
            ran = await tab.evaluate("typeof window.axe")
            await browser.close()
        assert ran == "object", "axe-core did not run in the page"
        return [(v.rule, v.impact, v.targets) for v in violations if v.impact in ("serious", "critical")]

    return asyncio.run(check())


@pytest.fixture(scope="session")
def defective_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The run folder of the bundled journeys against the defective demo shop."""
    return tmp_path_factory.mktemp("defective")


@pytest.fixture(scope="session")
def defective_card(defective_out: Path, defective_shop: DemoShop) -> dict[str, Any]:
    """The bundled journeys against the defective demo shop, once a session (several modules read it)."""
    return run_pipeline([SCENARIOS], defective_out, base_url=defective_shop.url, workers=2)
