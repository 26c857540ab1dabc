"""Find a Chromium (configured, UXAUDIT_CHROMIUM, Playwright-managed, or the system's) and its flags."""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from ..errors import BrowserNotFoundError

SYSTEM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")
SYSTEM_PATHS = ("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome",
                "/snap/bin/chromium", "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
                "/Applications/Chromium.app/Contents/MacOS/Chromium")
# Without these, Chromium keeps phoning home (updates, sync, safe browsing): slow and noisy on a
# closed network, and it skews timings.
QUIET_FLAGS = ("--disable-background-networking", "--disable-component-update", "--disable-sync",
               "--no-first-run", "--no-default-browser-check", "--disable-dev-shm-usage")
INSTALL_HINT = ("Install Chromium (Debian/Ubuntu: `sudo apt-get install chromium`; or "
                "`playwright install chromium` where downloads work), or point UXAUDIT_CHROMIUM at a "
                "Chrome/Chromium executable. `uxaudit doctor` shows what was found.")


@dataclass(frozen=True)
class ChromiumInfo:
    """The browser uxaudit will drive, and where that choice came from."""

    executable: str | None  # None: let Playwright use the browser it manages
    source: str  # config | UXAUDIT_CHROMIUM | playwright | system


def find_chromium(configured: str | None = None, environ: dict[str, str] | None = None) -> ChromiumInfo:
    """The first usable Chromium in the documented order; BrowserNotFoundError with a fix if none."""
    env = os.environ if environ is None else environ
    for source, candidate in (("config", configured), ("UXAUDIT_CHROMIUM", env.get("UXAUDIT_CHROMIUM"))):
        if candidate:
            return ChromiumInfo(_executable(candidate, source), source)
    if _playwright_browser_installed():
        return ChromiumInfo(None, "playwright")
    system = _system_chromium()
    if system:
        return ChromiumInfo(system, "system")
    raise BrowserNotFoundError(f"no Chromium found. {INSTALL_HINT}")


def _executable(candidate: str, source: str) -> str:
    path = shutil.which(candidate) or candidate
    if not (Path(path).is_file() and os.access(path, os.X_OK)):
        raise BrowserNotFoundError(f"{source} names '{candidate}', which is not an executable file. "
                                   f"{INSTALL_HINT}")
    return path


def _playwright_browser_installed() -> bool:
    """True when `playwright install chromium` has put the build this Playwright version drives on
    this machine (a build left by another version would not start)."""
    from playwright.sync_api import Error, sync_playwright

    try:
        with sync_playwright() as playwright:
            return Path(playwright.chromium.executable_path).is_file()
    except Error:
        return False


def _system_chromium() -> str | None:
    for name in SYSTEM_NAMES:
        if found := shutil.which(name):
            return found
    return next((p for p in SYSTEM_PATHS if Path(p).is_file()), None)


def launch_args(extra: tuple[str, ...] = ()) -> list[str]:
    """Chromium flags for every launch; --no-sandbox only where Chromium refuses to start without it."""
    args = [*QUIET_FLAGS, *extra]
    if _is_root():
        args.append("--no-sandbox")
    return args


def launch_failure(executable: str | None, error: Exception) -> str:
    """Why Chromium would not start, in words (Playwright's own are about a closed browser)."""
    text = str(getattr(error, "message", "") or error)
    which = executable or "Playwright's Chromium"
    if "has been closed" in text or "exited" in text.lower():
        reason = "it exited as soon as it started; is it really a Chrome or Chromium executable?"
    else:
        reason = text.strip().splitlines()[0] if text.strip() else "unknown error"
    return f"could not start Chromium ({which}): {reason} Run `uxaudit doctor` for details"


def _is_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


def chromium_version(executable: str | None) -> str:
    """`Chromium 156.0…` for the doctor and the report; empty when it cannot be asked."""
    if not executable:
        return ""
    try:
        out = subprocess.run([executable, "--version"], capture_output=True, text=True, timeout=15)
    except (OSError, subprocess.TimeoutExpired):
        return ""
    return out.stdout.strip().splitlines()[0] if out.stdout.strip() else ""
