"""scorecard.json: the scorecard as it is, for machines and later comparisons."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..run_folder import SCORECARD_FILE, write_json


def write(scorecard: Mapping[str, Any], out_dir: Path) -> Path:
    """Write scorecard.json into out_dir."""
    return write_json(out_dir / SCORECARD_FILE, dict(scorecard))
