"""The folder of one run: where screenshots, page HTML, per-journey results and outputs go."""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from .artifacts import JourneyRecord, LinkCheck, LinkCheckSummary, RunArtifacts, from_dict, run_from_dict, to_dict
from .atomic_write import write_atomic
from .errors import InputError

REPORTS_DIR = Path("reports")  # where runs go without --out, each in reports/<run-id>
ARTIFACTS_FILE = "artifacts.json"
LINKS_FILE = "links.json"
SCORECARD_FILE = "scorecard.json"


OWN_SUBFOLDERS = ("journeys", "screenshots", "pages", "lighthouse")
OWN_FILES = (LINKS_FILE,)


def new_run_id(now: datetime | None = None) -> str:
    """A sortable id such as 20261122-143000."""
    return (now or datetime.now(UTC)).strftime("%Y%m%d-%H%M%S")


def new_run_folder(reports_dir: Path, now: datetime | None = None) -> Path:
    """reports/<run-id>, with -2, -3… when runs start within the same second."""
    base = reports_dir / new_run_id(now)
    candidate, number = base, 1
    while candidate.exists():
        number += 1
        candidate = base.with_name(f"{base.name}-{number}")
    return candidate


def journey_files(journey_id: str, repeat: int) -> str:
    """The name a journey's files go by in the run folder: its id, and `.runN` for its Nth run
    (`--runs N`), so that no run overwrites another's screenshots or pages."""
    return journey_id if repeat == 1 else f"{journey_id}.run{repeat}"


@dataclass(frozen=True)
class RunFolder:
    """Paths inside one run's output folder; journeys are written as they finish."""

    root: Path

    @classmethod
    def for_run(cls, out_dir: Path | None) -> RunFolder:
        """`--out DIR`, else a new reports/<run-id>."""
        return cls(out_dir or new_run_folder(REPORTS_DIR))

    @property
    def named_by_uxaudit(self) -> bool:
        """reports/<run-id> (not a folder the user chose with --out): its name is the run's id."""
        return self.root.parent.resolve() == REPORTS_DIR.resolve()

    def start_fresh(self) -> None:
        """Create the folder; if an earlier uxaudit run used it (`--out`), drop that run's records
        so they cannot mix with this one's. Folders that are not a run's are never touched."""
        self.root.mkdir(parents=True, exist_ok=True)
        earlier_run = (self.root / ARTIFACTS_FILE).is_file() or (self.root / SCORECARD_FILE).is_file()
        if earlier_run:
            for name in OWN_SUBFOLDERS:
                shutil.rmtree(self.root / name, ignore_errors=True)
            for name in OWN_FILES:
                (self.root / name).unlink(missing_ok=True)

    def remove_if_empty(self) -> None:
        """Remove the folder when nothing was written to it (a run that could not start)."""
        if self.root.is_dir() and not any(p.is_file() for p in self.root.rglob("*")):
            shutil.rmtree(self.root, ignore_errors=True)

    def screenshot(self, journey: str, task: str, name: str, suffix: str = ".jpg") -> Path:
        """Where a screenshot of a journey's task goes."""
        return self.root / "screenshots" / journey / f"{task}-{name}{suffix}"

    def page_html(self, journey: str, task: str, visit: int) -> Path:
        """Where a visited page's HTML goes."""
        return self.root / "pages" / journey / f"{task}-{visit}.html"

    def lighthouse_report(self, journey: str, task: str, step: int) -> Path:
        """Where Lighthouse's reports of a step's page go (without the `.report.html` suffix)."""
        return self.root / "lighthouse" / journey / f"{task}-{step}"

    def relative(self, path: Path) -> str:
        """A path inside the run folder as stored in artifacts (POSIX, relative)."""
        return path.relative_to(self.root).as_posix()

    def write_journey(self, record: JourneyRecord) -> Path:
        """Keep one finished journey safe before the others end (atomic)."""
        return write_json(self.root / "journeys" / f"{journey_files(record.id, record.repeat)}.json", to_dict(record))

    def finished_journeys(self) -> list[JourneyRecord]:
        """The journeys written so far (to build a partial report after an interruption)."""
        files = sorted((self.root / "journeys").glob("*.json"))
        return [from_dict(JourneyRecord, json.loads(f.read_text(encoding="utf-8"))) for f in files]

    def write_links(self, checks: list[LinkCheck], summary: LinkCheckSummary) -> Path:
        """The link checks so far (rewritten as more finish), kept for a partial report."""
        return write_json(self.root / LINKS_FILE, {"summary": to_dict(summary), "links": [to_dict(c) for c in checks]})

    def checked_links(self) -> tuple[list[LinkCheck], LinkCheckSummary | None]:
        """The link checks written so far; none when links were not checked (or not yet)."""
        try:
            data = json.loads((self.root / LINKS_FILE).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return [], None
        return [from_dict(LinkCheck, c) for c in data["links"]], from_dict(LinkCheckSummary, data["summary"])

    def write_artifacts(self, run: RunArtifacts) -> Path:
        """artifacts.json: everything gathered; `uxaudit report` starts again from it."""
        return write_json(self.root / ARTIFACTS_FILE, to_dict(run))


def write_json(path: Path, data: Any) -> Path:
    """Pretty JSON, atomically."""
    return write_atomic(path, json.dumps(data, indent=2, ensure_ascii=False) + "\n")


def read_artifacts(path: Path) -> RunArtifacts:
    """Load artifacts.json (a file, or a run folder that holds one); InputError when it can't."""
    file = path / ARTIFACTS_FILE if path.is_dir() else path
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
        return run_from_dict(data)
    except FileNotFoundError:
        raise InputError(f"{file}: no such file; give a run folder (reports/<run-id>) or its "
                         f"{ARTIFACTS_FILE}") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, TypeError, ValueError, AttributeError) as exc:
        raise InputError(f"{file}: not a uxaudit {ARTIFACTS_FILE} ({type(exc).__name__}: {exc})") from None


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
