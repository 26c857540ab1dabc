"""The set-up scripts `make` runs find what they look for (a moved module once made them reinstall
Chromium on every run and then fail)."""

from __future__ import annotations

import subprocess
import sys

from tests.e2e.conftest import ROOT


def test_ensure_chromium_finds_the_browser_the_tests_use_and_installs_nothing() -> None:
    done = subprocess.run(["bash", str(ROOT / "scripts" / "ensure-chromium.sh"), sys.executable],
                          capture_output=True, text=True, timeout=60)
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")
