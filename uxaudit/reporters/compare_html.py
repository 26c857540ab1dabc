"""`uxaudit compare BASE NEW` as a page: two stored runs side by side, in the report's look.

It reads only the history (no run folders needed), so it works on a CI cache of history.sqlite alone.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from uxaudit.atomic_write import write_atomic
from uxaudit.baseline import StoredDiff

from .html import environment

TEMPLATE = "compare.html.j2"


def default_path(history: Path, diff: StoredDiff) -> Path:
    """Beside the history: compare-BASE-vs-NEW.html."""
    def safe(run_id: str) -> str:
        return re.sub(r"[^A-Za-z0-9._-]+", "_", run_id)

    return history.parent / f"compare-{safe(diff.base.id)}-vs-{safe(diff.new.id)}.html"


def write(diff: StoredDiff, path: Path) -> Path:
    """Write the comparison page to `path`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    return write_atomic(path, render(diff))


def render(diff: StoredDiff) -> str:
    """The comparison as one self-contained HTML string."""
    return environment().get_template(TEMPLATE).render(diff=diff, timings=[t.to_json() for t in diff.timings],
                                                       new=_findings(diff.new.findings, diff.new_findings),
                                                       fixed=_findings(diff.base.findings, diff.fixed_findings),
                                                       still=_findings(diff.new.findings, diff.still))


def _findings(stored: dict[str, tuple[str, str, str]], ids: tuple[str, ...]) -> list[dict[str, Any]]:
    """One row per problem, as the report shows them: the same check, severity and title met by
    several tasks is one row, with how many tasks met it."""
    problems: dict[tuple[str, str, str], int] = {}
    for fid in ids:
        problems[stored[fid]] = problems.get(stored[fid], 0) + 1
    order = {"error": 0, "warning": 1}
    return [{"audit": audit, "severity": severity, "title": title, "tasks": count}
            for (audit, severity, title), count in sorted(problems.items(), key=lambda p: order.get(p[0][1], 2))]
