"""Every run kept in SQLite (reports/history.sqlite by default): scores, task outcomes and timings,
findings by their stable id. Baselines and `uxaudit history` / `compare` read it back.

SQLite from the standard library: one file, no server, safe to copy around as a CI cache.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
from collections.abc import Iterable, Iterator, Mapping
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..audits.base import current_id
from ..errors import UsageError

HISTORY_ENV = "UXAUDIT_HISTORY"
DEFAULT_PATH = Path("reports") / "history.sqlite"
BRANCH_ENVS = ("GITHUB_HEAD_REF", "GITHUB_REF_NAME", "CI_COMMIT_REF_NAME")  # CI systems' branch names
_SCHEMA = """
CREATE TABLE IF NOT EXISTS runs (
  id TEXT PRIMARY KEY, started_at TEXT, base_url TEXT, branch TEXT, score INTEGER, grade TEXT,
  passed INTEGER, interrupted INTEGER, tasks INTEGER, tasks_completed INTEGER, folder TEXT,
  partial INTEGER NOT NULL DEFAULT 0, selection TEXT, suite TEXT);
CREATE TABLE IF NOT EXISTS tasks (
  run_id TEXT, task TEXT, status TEXT, duration_ms REAL, score INTEGER, PRIMARY KEY (run_id, task));
CREATE TABLE IF NOT EXISTS task_times (run_id TEXT, task TEXT, repeat INTEGER, duration_ms REAL);
CREATE TABLE IF NOT EXISTS findings (
  run_id TEXT, finding TEXT, audit TEXT, severity TEXT, title TEXT, url TEXT, PRIMARY KEY (run_id, finding));
"""
# Columns added since the first schema: a history file written by an older uxaudit gains them on
# first use (its runs were whole runs: partial 0).
_ADDED_COLUMNS = {"runs": (("partial", "INTEGER NOT NULL DEFAULT 0"), ("selection", "TEXT"), ("suite", "TEXT"))}
# A run's suite is the journey files it was given (`uxaudit run scenarios/`): the score trend and `latest`
# follow one suite, so that `uxaudit run extra/one.yaml` against the same site is not a point in the
# trend of `scenarios/`. A run stored before suites were recorded (NULL) belongs to every suite.
_SAME_SUITE = "(suite IS ? OR suite IS NULL OR ? IS NULL)"


def suite_of(paths: Iterable[str | os.PathLike[str]]) -> str | None:
    """The suite a run was given, as stored: its paths normalised (`scenarios/` and `scenarios` are one
    suite), in order of name; None when not known (a run from before suites were recorded)."""
    names = sorted({os.path.normpath(os.fspath(path)) for path in paths})
    return json.dumps(names) if names else None


def history_path(configured: str | None = None) -> Path:
    """Where the history is: uxaudit.yaml's `history:`, else $UXAUDIT_HISTORY, else the default."""
    return Path(configured or os.environ.get(HISTORY_ENV) or DEFAULT_PATH)


@contextmanager
def _connect(path: Path) -> Iterator[sqlite3.Connection]:
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        # Runs sharing one history (parallel CI jobs) wait for each other's write instead of failing.
        with closing(sqlite3.connect(path, timeout=30)) as connection, connection:
            connection.executescript(_SCHEMA)
            _add_missing_columns(connection)
            yield connection
    except sqlite3.DatabaseError as exc:
        raise UsageError(f"{path}: cannot use the run history ({exc}); move the file away or set "
                         f"{HISTORY_ENV} to another path") from None


def _add_missing_columns(db: sqlite3.Connection) -> None:
    for table, columns in _ADDED_COLUMNS.items():
        present = {row[1] for row in db.execute(f"PRAGMA table_info({table})")}
        for name, kind in columns:
            if name not in present:
                try:
                    db.execute(f"ALTER TABLE {table} ADD COLUMN {name} {kind}")
                except sqlite3.OperationalError as exc:  # another run sharing the file added it first
                    if "duplicate column" not in str(exc):
                        raise


def current_branch() -> str | None:
    """The branch being tested: from the CI's variables, else from git, else None."""
    for name in BRANCH_ENVS:
        if os.environ.get(name):
            return os.environ[name]
    try:
        out = subprocess.run(["git", "rev-parse", "--abbrev-ref", "HEAD"], capture_output=True, text=True,
                             timeout=10, check=False).stdout.strip()
    except (OSError, subprocess.TimeoutExpired):
        return None
    return out if out and out != "HEAD" else None


def record_run(path: Path, scorecard: Mapping[str, Any], folder: Path, task_times: dict[str, list[float]]) -> None:
    """Store one finished run; UsageError (nothing stored) when the history already holds its id, since
    another run (another process or machine) wrote it first and must not be replaced."""
    run, summary = scorecard["run"], scorecard["summary"]
    with _connect(path) as db:
        try:
            db.execute("INSERT INTO runs (id, started_at, base_url, branch, score, grade, passed, interrupted, tasks, "
                       "tasks_completed, folder, partial, selection, suite) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                       (run["id"], run["started_at"], run.get("base_url"), current_branch(), scorecard["score"],
                        scorecard.get("grade"), int(scorecard["gate"]["passed"]), int(bool(run.get("interrupted"))),
                        summary["tasks"], summary["tasks_completed"], str(folder), int(bool(run.get("partial"))),
                        json.dumps(run.get("selection") or []), suite_of(run.get("paths") or ())))
        except sqlite3.IntegrityError:
            raise _already_stored(db, run["id"], path) from None
        db.executemany("INSERT INTO tasks VALUES (?,?,?,?,?)",
                       [(run["id"], t["id"], t["status"], t["duration_ms"], t["score"])
                        for j in scorecard["journeys"] for t in j["tasks"]])
        db.executemany("INSERT INTO task_times VALUES (?,?,?,?)",
                       [(run["id"], task, repeat, ms) for task, times in task_times.items()
                        for repeat, ms in enumerate(times, start=1)])
        db.executemany("INSERT OR REPLACE INTO findings VALUES (?,?,?,?,?,?)",
                       [(run["id"], f["id"], f["audit"], f["severity"], f["title"], f.get("url"))
                        for f in scorecard["findings"]])


def _already_stored(db: sqlite3.Connection, run_id: str, path: Path) -> UsageError:
    row = db.execute("SELECT folder FROM runs WHERE id = ?", (run_id,)).fetchone()
    return UsageError(f"{path} already holds a run with the id {run_id} (from {row[0] if row else 'elsewhere'}); "
                      "this run was not stored, and the earlier one was kept")


@dataclass(frozen=True)
class StoredRun:
    """A run as the history holds it."""

    id: str
    started_at: str
    base_url: str | None
    branch: str | None
    score: int
    grade: str | None
    passed: bool
    tasks: int
    tasks_completed: int
    findings: dict[str, tuple[str, str, str]]  # finding id → (audit, severity, title)
    task_status: dict[str, str]
    task_times: dict[str, list[float]]
    partial: bool = False  # only part of the suite ran (--journey, --task, -k, --last-failed)
    selection: tuple[str, ...] = ()  # what chose it, in words
    suite: str | None = None  # the journey files it was given (suite_of); None: not recorded


def list_runs(path: Path, limit: int = 20) -> list[StoredRun]:
    """The newest runs first."""
    if not path.exists():
        return []
    with _connect(path) as db:
        ids = [row[0] for row in db.execute("SELECT id FROM runs ORDER BY started_at DESC, id DESC LIMIT ?",
                                            (limit,))]
        return [_load(db, run_id) for run_id in ids]


@dataclass(frozen=True)
class RunScore:
    """A stored run's outcome in short: a point of the score trend."""

    id: str
    started_at: str
    score: int
    grade: str | None
    passed: bool


def earlier_runs(path: Path, base_url: str | None, started_before: str, limit: int = 19,
                 suite: str | None = None) -> list[RunScore]:
    """The finished whole runs of the same site and suite that started before `started_before`, newest
    first (the score trend; an interrupted or partial run's score covers only part of the journeys)."""
    if not path.exists():
        return []
    with _connect(path) as db:
        rows = db.execute("SELECT id, started_at, score, grade, passed FROM runs WHERE base_url IS ? AND "
                          f"started_at < ? AND interrupted = 0 AND partial = 0 AND {_SAME_SUITE} "
                          "ORDER BY started_at DESC, id DESC LIMIT ?",
                          (base_url, started_before, suite, suite, limit)).fetchall()
    return [RunScore(run_id, started, score, grade, bool(passed)) for run_id, started, score, grade, passed in rows]


def find_run(path: Path, which: str, before: str | None = None, suite: str | None = None) -> StoredRun:
    """A stored run: its id, `latest`, or `latest-on-branch` (the newest whole run before `before`, of
    `suite` when given; a partial run only by its id)."""
    if not path.exists():
        raise UsageError(f"no run history at {path} yet: run `uxaudit run` once before asking for a baseline")
    with _connect(path) as db:
        if which in ("latest", "latest-on-branch"):
            branch = current_branch() if which == "latest-on-branch" else None
            if which == "latest-on-branch" and branch is None:
                raise UsageError("latest-on-branch: the branch is not known here (no git branch, no "
                                 f"{'/'.join(BRANCH_ENVS)}); set one of those, or use --baseline latest")
            query = (f"SELECT id FROM runs WHERE id != ? AND interrupted = 0 AND partial = 0 AND {_SAME_SUITE}"
                     + (" AND branch = ?" if branch else ""))
            params: tuple[Any, ...] = (before or "", suite, suite, *((branch,) if branch else ()))
            row = db.execute(query + " ORDER BY started_at DESC, id DESC LIMIT 1", params).fetchone()
            if row is None:
                where = f" on branch {branch}" if branch else ""
                raise UsageError(f"no earlier run{where} in {path} to compare with")
            return _load(db, row[0])
        if db.execute("SELECT 1 FROM runs WHERE id = ?", (which,)).fetchone() is None:
            known = ", ".join(r[0] for r in db.execute("SELECT id FROM runs ORDER BY started_at DESC LIMIT 5"))
            raise UsageError(f"no run '{which}' in {path}; recent runs: {known or 'none'} (or use latest)")
        return _load(db, which)


def _load(db: sqlite3.Connection, run_id: str) -> StoredRun:
    row = db.execute("SELECT id, started_at, base_url, branch, score, grade, passed, tasks, tasks_completed, "
                     "partial, selection, suite FROM runs WHERE id = ?", (run_id,)).fetchone()
    # Runs stored before ids named the page template (/users/{id}) are read with today's ids, so they
    # still compare as baselines.
    findings = {current_id(f, url): (a, s, t) for f, a, s, t, url in
                db.execute("SELECT finding, audit, severity, title, url FROM findings WHERE run_id = ?", (run_id,))}
    status = dict(db.execute("SELECT task, status FROM tasks WHERE run_id = ?", (run_id,)).fetchall())
    times: dict[str, list[float]] = {}
    for task, ms in db.execute("SELECT task, duration_ms FROM task_times WHERE run_id = ? ORDER BY repeat",
                               (run_id,)):
        times.setdefault(task, []).append(ms)
    return StoredRun(row[0], row[1], row[2], row[3], row[4], row[5], bool(row[6]), row[7], row[8], findings,
                     status, times, bool(row[9]), tuple(json.loads(row[10] or "[]")), row[11])


def task_outcomes(path: Path, base_url: str | None) -> dict[str, bool] | None:
    """Each task's newest outcome on the site (`--last-failed`): its `journey/task` path → whether it
    did not pass in the newest run that ran it, partial runs included (so a rerun that passes clears
    it); None when the history holds no run of the site. A run whose journeys used several sites is
    stored without one (base_url NULL): its tasks count for every site."""
    if not path.exists():
        return None
    with _connect(path) as db:
        if db.execute("SELECT 1 FROM runs WHERE base_url IS ? OR base_url IS NULL", (base_url,)).fetchone() is None:
            return None
        rows = db.execute("SELECT t.task, t.status FROM tasks t JOIN runs r ON r.id = t.run_id "
                          "WHERE r.base_url IS ? OR r.base_url IS NULL ORDER BY r.started_at DESC, r.id DESC",
                          (base_url,)).fetchall()
    newest: dict[str, bool] = {}
    for task, status in rows:
        newest.setdefault(task, status != "passed")
    return newest
