"""`uxaudit doctor`: which Chromium, Playwright, Node and Lighthouse uxaudit finds, and fixes."""

from __future__ import annotations

import shutil
import subprocess
import sys
from dataclasses import dataclass
from importlib import metadata

from . import __version__
from .errors import BrowserNotFoundError
from .gather.browser import INSTALL_HINT, chromium_version, find_chromium, launch_args, launch_failure
from .gather.lighthouse import LighthouseTool
from .gather.node_tools import INSTALL_HINT as NPM_HINT
from .gather.node_tools import MIN_NODE, axe_script, node_version, node_version_text


@dataclass(frozen=True)
class Check:
    """One thing the doctor looked at."""

    name: str
    ok: bool
    detail: str
    fix: str = ""
    optional: bool = False  # missing: some features are off, but runs still work


def diagnose() -> list[Check]:
    """Every check, in the order shown."""
    return [Check("uxaudit", True, f"{__version__} on Python {sys.version.split()[0]}"),
            _playwright(), _chromium(), _node(), _lighthouse(), _axe()]


def _playwright() -> Check:
    try:
        return Check("Playwright", True, metadata.version("playwright"))
    except metadata.PackageNotFoundError:
        return Check("Playwright", False, "not installed", "pip install uxaudit (or `make demo`)")


def _chromium() -> Check:
    try:
        found = find_chromium()
    except BrowserNotFoundError as exc:
        return Check("Chromium", False, str(exc).split(". ", 1)[0], INSTALL_HINT)
    where = f"{found.executable or 'the Playwright-managed build'} ({found.source})"
    problem = _try_launch(found.executable)
    if problem:
        return Check("Chromium", False, f"{where} does not start: {problem}", INSTALL_HINT)
    version = chromium_version(found.executable)
    return Check("Chromium", True, f"{where}{' — ' + version if version else ''}, starts headless")


def _try_launch(executable: str | None) -> str | None:
    """None when the browser really starts (headless) with uxaudit's flags; else why not."""
    from playwright.sync_api import Error, sync_playwright

    try:
        with sync_playwright() as playwright:
            playwright.chromium.launch(executable_path=executable, args=launch_args(), timeout=30_000).close()
    except Error as error:
        return launch_failure(executable, error).split(": ", 1)[1].removesuffix(" Run `uxaudit doctor` for details")
    return None


def _node() -> Check:
    node = shutil.which("node")
    if not node:
        return Check("Node.js", False, "not found (needed for Lighthouse only)",
                     f"Install Node.js {MIN_NODE}+ (Debian: apt-get install nodejs npm)", optional=True)
    version = node_version_text(node)
    if (node_version(node) or 0) < MIN_NODE:
        return Check("Node.js", False, f"{version} is too old for Lighthouse", f"Install Node.js {MIN_NODE}+",
                     optional=True)
    return Check("Node.js", True, version)


def _lighthouse() -> Check:
    tool = LighthouseTool.find(None)
    if isinstance(tool, str):
        return Check("Lighthouse", False, tool.removeprefix("Lighthouse was not run: ") + " "
                     "(needed only for --lighthouse or `lighthouse:` in a journey)", NPM_HINT, optional=True)
    return Check("Lighthouse", True, f"{_output([tool.node, str(tool.cli), '--version'])} ({tool.cli})")


def _axe() -> Check:
    script = axe_script()
    if script is None:
        return Check("axe-core", False, "not installed: the accessibility audit is not applicable", NPM_HINT,
                     optional=True)
    return Check("axe-core", True, f"{script}")


def _output(command: list[str]) -> str:
    try:
        return subprocess.run(command, capture_output=True, text=True, timeout=30).stdout.strip()
    except (OSError, subprocess.TimeoutExpired):
        return "unknown"
