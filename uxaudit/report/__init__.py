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


def write_reports(scorecard: Mapping[str, Any], out_dir: Path) -> dict[str, Path]:
    """Every format, each written from the scorecard alone: format name → the file written."""
    return {name: write(scorecard, out_dir) for name, write in REPORTERS.items()}
