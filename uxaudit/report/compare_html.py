"""`uxaudit compare BASE NEW` as a page: two runs side by side, in the report's look.

It reads stored runs: from the history (no run folders needed, so a CI cache of history.sqlite
alone will do), or from two run folders' scorecard.json (no history needed).
"""

from __future__ import annotations

import re
from pathlib import Path

from ..atomic_write import write_atomic
from ..score.baseline import StoredDiff
from .html import environment
from .problems import stored_problems

TEMPLATE = "compare.html.j2"


def default_path(beside: Path, diff: StoredDiff) -> Path:
    """compare-BASE-vs-NEW.html beside `beside`: the history file, or the newer run's folder."""
    def safe(run_id: str) -> str:
        return re.sub(r"[^A-Za-z0-9._-]+", "_", run_id)

    return beside.parent / f"compare-{safe(diff.base.id)}-vs-{safe(diff.new.id)}.html"


def write(diff: StoredDiff, path: Path) -> Path:
    """Write the comparison page to `path`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    return write_atomic(path, render(diff))


def render(diff: StoredDiff) -> str:
    """The comparison as one self-contained HTML string."""
    return environment().get_template(TEMPLATE).render(diff=diff, timings=[t.to_json() for t in diff.timings],
                                                       new=stored_problems(diff.new.findings, diff.new_findings),
                                                       fixed=stored_problems(diff.base.findings, diff.fixed_findings),
                                                       still=stored_problems(diff.new.findings, diff.still))

