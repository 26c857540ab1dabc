"""Where the npm tooling uxaudit drives is installed: axe-core (run in the page) and the Lighthouse
that @lhci/cli bundles (run as a subprocess). `npm ci` in the uxaudit checkout installs both."""

from __future__ import annotations

import functools
import os
import re
import subprocess
from pathlib import Path

NODE_MODULES_ENV = "UXAUDIT_NODE_MODULES"  # a node_modules folder elsewhere (e.g. a shared CI cache)
AXE_SCRIPT = Path("axe-core") / "axe.min.js"
LIGHTHOUSE_CLI = Path("lighthouse") / "cli" / "index.js"
MIN_NODE = 18  # @lhci/cli 0.15 (Lighthouse 12) runs on Node 18.20+
CHECKOUT = Path(__file__).resolve().parents[2]  # uxaudit/gather/node_tools.py → the checkout
INSTALL_HINT = "run `npm ci` in the uxaudit checkout (or `make setup`), or set UXAUDIT_NODE_MODULES"


def node_modules_dirs() -> list[Path]:
    """Where to look: $UXAUDIT_NODE_MODULES alone when set; else ./node_modules, then the checkout's."""
    if os.environ.get(NODE_MODULES_ENV):
        return [Path(os.environ[NODE_MODULES_ENV])]
    return [Path.cwd() / "node_modules", CHECKOUT / "node_modules"]


def find_node_file(relative: Path) -> Path | None:
    """The first installed copy of a file inside node_modules, or None."""
    return next((d / relative for d in node_modules_dirs() if (d / relative).is_file()), None)


def axe_script() -> Path | None:
    """axe-core's browser bundle."""
    return find_node_file(AXE_SCRIPT)


def lighthouse_cli() -> Path | None:
    """Lighthouse's command-line entry point (run with `node`)."""
    return find_node_file(LIGHTHOUSE_CLI)


@functools.cache
def node_version_text(node: str) -> str:
    """What `node --version` says ("v20.19.2"), or "" when it does not answer. Asked once per process:
    a run looks Node up for its plan and again for its notes, doctor for two checks."""
    try:
        return subprocess.run([node, "--version"], capture_output=True, text=True, timeout=30).stdout.strip()
    except (OSError, subprocess.TimeoutExpired):
        return ""


def node_version(node: str) -> int | None:
    """The major version of a `node` executable (None when it does not answer like Node)."""
    match = re.match(r"v(\d+)\.", node_version_text(node))
    return int(match.group(1)) if match else None
