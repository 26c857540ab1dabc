"""The folder of one run: where screenshots, page HTML, per-journey results and outputs go."""

from __future__ import annotations

import hashlib
import json
import os
import re
import secrets
import shutil
import unicodedata
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from .artifacts import JourneyRecord, LinkCheck, LinkCheckSummary, RunArtifacts, from_dict, run_from_dict, to_dict
from .atomic_write import write_atomic
from .errors import InputError, UsageError

REPORTS_DIR = Path("reports")  # where runs go without --out, each in reports/<run-id>
ARTIFACTS_FILE = "artifacts.json"
LINKS_FILE = "links.json"
SCORECARD_FILE = "scorecard.json"


MARKER_FILE = ".uxaudit-run"  # in every run folder uxaudit makes: proof that it may clear the folder later
MARKER_TEXT = "This folder holds a uxaudit run. uxaudit clears only its own files here when it runs again.\n"
OWN_SUBFOLDERS = ("journeys", "screenshots", "pages", "lighthouse")
OWN_FILES = (LINKS_FILE,)
NAME_LIMIT = 80  # bytes of a file name built from a journey, task or screenshot name
_UNSAFE = re.compile(r"[/\\]|\.{2,}")


def new_run_id(now: datetime | None = None) -> str:
    """A sortable id such as 20261122-143000-3f9a2c: the start time, then a random part so that runs
    started in the same second by other processes or machines (sharing one history) never collide."""
    return f"{(now or datetime.now(UTC)).strftime('%Y%m%d-%H%M%S')}-{secrets.token_hex(3)}"


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
    return safe_name(journey_id if repeat == 1 else f"{journey_id}.run{repeat}")


def safe_name(name: str, limit: int = NAME_LIMIT) -> str:
    """``name`` as one harmless file name: no separators, no `..`, no control characters, at most
    ``limit`` UTF-8 bytes (a cut name ends with a short hash of the whole, so two never meet)."""
    cleaned = "".join("_" if unicodedata.category(c) in ("Cc", "Cs") else c for c in name)
    cleaned = _UNSAFE.sub("_", cleaned).lstrip(".") or "_"
    encoded = cleaned.encode("utf-8", "replace")
    if len(encoded) <= limit:
        return cleaned
    digest = hashlib.sha256(name.encode("utf-8", "surrogatepass")).hexdigest()[:8]
    return f"{encoded[:limit - 9].decode('utf-8', 'ignore')}-{digest}"


@dataclass(frozen=True)
class RunFolder:
    """Paths inside one run's output folder; journeys are written as they finish."""

    root: Path
    # The run's id is its own, not the folder's name: `--out DIR` reuses one folder run after run
    # (as in CI), and the history must keep each of those runs under an id of its own.
    run_id: str = field(default_factory=new_run_id)

    @classmethod
    def for_run(cls, out_dir: Path | None) -> RunFolder:
        """`--out DIR` (with a new run id), else a new reports/<run-id> (named by the run's id)."""
        if out_dir:
            return cls(out_dir)
        root = new_run_folder(REPORTS_DIR)
        return cls(root, run_id=root.name)

    @property
    def named_by_uxaudit(self) -> bool:
        """A folder in reports/ (reports/<run-id>, or `--out reports/NAME`): reports/latest may point at it."""
        return self.root.parent.resolve() == REPORTS_DIR.resolve()

    @property
    def holds_a_run(self) -> bool:
        """The folder carries uxaudit's marker: an earlier run made it."""
        marker = self.root / MARKER_FILE
        return marker.is_file() and not marker.is_symlink()

    def check_usable(self) -> None:
        """UsageError unless the folder is new, empty or an earlier run's: uxaudit never writes
        among (or clears) files it did not make."""
        if self.root == Path("."):  # also `--out ""`
            raise UsageError("--out: the current folder cannot hold a run's outputs; give a folder of its "
                             "own, such as --out reports/ci")
        where = f"--out {str(self.root)!r}"
        if self.root.exists() and not self.root.is_dir():
            raise UsageError(f"{where}: not a folder; give a new folder, such as --out reports/ci")
        if self.root.is_dir() and not self.holds_a_run and _has_entries(self.root):
            raise UsageError(f"{where}: this folder holds files that are not a uxaudit run's, and uxaudit "
                             "writes only to a new or empty folder or an earlier run's; give another "
                             "folder, such as --out reports/ci")

    def start_fresh(self) -> None:
        """Create the folder and mark it as a run's; if an earlier run used it (`--out`), remove
        that run's records (only the names uxaudit writes) so they cannot mix with this one's."""
        self.check_usable()
        self.root.mkdir(parents=True, exist_ok=True)
        if self.holds_a_run:
            for name in (*OWN_SUBFOLDERS, *OWN_FILES):
                _remove_own(self.root / name)
        write_atomic(self.root / MARKER_FILE, MARKER_TEXT)

    def remove_if_empty(self) -> None:
        """Remove the folder when nothing but the marker was written to it (a run that could not start)."""
        if self.root.is_dir() and not any(p.is_file() and p.name != MARKER_FILE for p in self.root.rglob("*")):
            shutil.rmtree(self.root, ignore_errors=True)

    def screenshot(self, journey: str, task: str, name: str, suffix: str = ".jpg") -> Path:
        """Where a screenshot of a journey's task goes."""
        return self.root / "screenshots" / safe_name(journey) / f"{safe_name(f'{task}-{name}')}{suffix}"

    def page_html(self, journey: str, task: str, visit: int) -> Path:
        """Where a visited page's HTML goes."""
        return self.root / "pages" / safe_name(journey) / f"{safe_name(f'{task}-{visit}')}.html"

    def lighthouse_report(self, journey: str, task: str, step: int) -> Path:
        """Where Lighthouse's reports of a step's page go (without the `.report.html` suffix)."""
        return self.root / "lighthouse" / safe_name(journey) / safe_name(f"{task}-{step}")

    def trace(self, journey: str) -> Path:
        """Where the Playwright trace of a journey's run goes (`journey`: its `journey_files` name)."""
        return self.root / "journeys" / safe_name(journey) / "trace.zip"

    def video(self, journey: str) -> Path:
        """Where the video of a journey's run goes (`journey`: its `journey_files` name)."""
        return self.root / "journeys" / safe_name(journey) / "video.webm"

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


def _has_entries(folder: Path) -> bool:
    try:
        return any(folder.iterdir())
    except OSError as exc:
        raise UsageError(f"--out {str(folder)!r}: cannot read the folder ({exc.strerror}); choose another "
                         "folder with --out DIR") from None


def _remove_own(path: Path) -> None:
    """Remove one of uxaudit's own files or folders; a symbolic link is removed, never followed."""
    if path.is_symlink() or path.is_file():
        path.unlink(missing_ok=True)
    elif path.is_dir():
        shutil.rmtree(path, ignore_errors=True)


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
