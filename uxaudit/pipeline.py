"""The five stages end to end: load → gather → audit → score → report (see ARCHITECTURE.md).

Each stage is one call into its package; this module only strings them together, so the CLI, the
tests and the benchmarks run exactly the same pipeline.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .artifacts import RunArtifacts
from .audits import applicable_audits, run_audits
from .audits.base import AuditInput
from .gather import verbs
from .gather.devices import unknown_device_hint
from .gather.stage import RunClock, gather_run, partial_artifacts, prepare
from .load.config import RunConfig
from .load.scenario import Journey
from .load.stage import load_run
from .report import write_reports
from .run_folder import REPORTS_DIR, RunFolder, point_latest
from .score.scorecard import Scorecard
from .score.stage import judge, remember

__all__ = ["RunClock", "RunResult", "audit_and_report", "gather_run", "load", "partial_artifacts", "prepare"]


@dataclass(frozen=True)
class RunResult:
    """What a finished (or interrupted) run produced."""

    scorecard: Scorecard
    folder: RunFolder
    reports: dict[str, Path]
    warnings: tuple[str, ...] = ()  # problems after the run that did not change its result (the history)


def load(paths: list[Path], config: RunConfig, require_base_url: bool = True) -> list[Journey]:
    """Stage 1: every journey file read, validated and resolved; no browser is started."""
    return load_run(paths, config, verbs.VERBS, unknown_device_hint, require_base_url)


def audit_and_report(run: RunArtifacts, folder: RunFolder, config: RunConfig, newest: bool = True) -> RunResult:
    """Stages 3-5: audits → scores and gate → scorecard.json and every report; `newest` points
    reports/latest at this run and records it in the history (not when an older run is re-rendered)."""
    audits = applicable_audits(run)
    findings = run_audits(AuditInput(run, config.thresholds, folder.root), audits)
    judged = judge(run, findings, audits, config, folder.root)
    reports = write_reports(judged.scorecard, folder.root)
    warnings = judged.warnings
    if newest:
        warnings += remember(judged, config, folder.root)
        if folder.named_by_uxaudit:
            point_latest(REPORTS_DIR, folder.root)
    return RunResult(judged.scorecard, folder, reports, warnings)
