"""The folder of one run: where screenshots, page HTML, per-journey results and outputs go."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from .artifacts import JourneyRecord, RunArtifacts, from_dict, to_dict
from .atomic_write import write_atomic

ARTIFACTS_FILE = "artifacts.json"
SCORECARD_FILE = "scorecard.json"


def new_run_id(now: datetime | None = None) -> str:
    """A sortable id such as 20261122-143000."""
    return (now or datetime.now(UTC)).strftime("%Y%m%d-%H%M%S")


@dataclass(frozen=True)
class RunFolder:
    """Paths inside one run's output folder; journeys are written as they finish."""

    root: Path

    def screenshot(self, journey: str, task: str, name: str, suffix: str = ".jpg") -> Path:
        """Where a screenshot of a journey's task goes."""
        return self.root / "screenshots" / journey / f"{task}-{name}{suffix}"

    def page_html(self, journey: str, task: str, visit: int) -> Path:
        """Where a visited page's HTML goes."""
        return self.root / "pages" / journey / f"{task}-{visit}.html"

    def relative(self, path: Path) -> str:
        """A path inside the run folder as stored in artifacts (POSIX, relative)."""
        return path.relative_to(self.root).as_posix()

    def write_journey(self, record: JourneyRecord) -> Path:
        """Keep one finished journey safe before the others end (atomic)."""
        return write_json(self.root / "journeys" / f"{record.id}.json", to_dict(record))

    def finished_journeys(self) -> list[JourneyRecord]:
        """The journeys written so far (to build a partial report after an interruption)."""
        files = sorted((self.root / "journeys").glob("*.json"))
        return [from_dict(JourneyRecord, json.loads(f.read_text(encoding="utf-8"))) for f in files]

    def write_artifacts(self, run: RunArtifacts) -> Path:
        """artifacts.json: everything gathered; `uxaudit report` starts again from it."""
        return write_json(self.root / ARTIFACTS_FILE, to_dict(run))


def write_json(path: Path, data: Any) -> Path:
    """Pretty JSON, atomically."""
    return write_atomic(path, json.dumps(data, indent=2, ensure_ascii=False) + "\n")


def read_artifacts(path: Path) -> RunArtifacts:
    """Load artifacts.json (a file, or a run folder that holds one)."""
    file = path / ARTIFACTS_FILE if path.is_dir() else path
    return from_dict(RunArtifacts, json.loads(file.read_text(encoding="utf-8")))


def point_latest(reports_dir: Path, run_dir: Path) -> None:
    """Make reports/latest point at the newest run (a relative symlink, replaced atomically)."""
    link = reports_dir / "latest"
    tmp = reports_dir / ".latest.tmp"
    try:
        tmp.unlink(missing_ok=True)
        tmp.symlink_to(os.path.relpath(run_dir, reports_dir), target_is_directory=True)
        os.replace(tmp, link)
    except OSError:
        pass  # a file system without symlinks: the run folder is still printed
