"""Stage 5, REPORT: REPORTERS, output format name → writer of that format from the scorecard (and
nothing else); `write_reports` writes them all."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from . import html, json, junit, markdown

Reporter = Callable[[Mapping[str, Any], Path], Path]

REPORTERS: dict[str, Reporter] = {
    "json": json.write,
    "html": html.write,
    "junit": junit.write,
    "markdown": markdown.write,
}


def write_reports(scorecard: Mapping[str, Any], out_dir: Path,
                  written: dict[str, Path] | None = None) -> dict[str, Path]:
    """Every format, each written from the scorecard alone, scorecard.json first: format name → the
    file written. `written` is filled as each file is done (what a Ctrl-C midway leaves)."""
    written = {} if written is None else written
    for name, write in REPORTERS.items():
        written[name] = write(scorecard, out_dir)
    return written
