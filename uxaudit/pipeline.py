"""The five stages end to end: load → gather → audit → score → report (see ARCHITECTURE.md).

Each stage is one call into its package; this module only strings them together, so the CLI, the
tests and the benchmarks run exactly the same pipeline.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from .artifacts import RunArtifacts
from .audits import applicable_audits, each_audit
from .audits.base import Audit, AuditInput, Finding
from .gather import verbs
from .gather.devices import unknown_device_hint
from .gather.stage import RunClock, gather_run, partial_artifacts, prepare
from .load.config import RunConfig, timing_distortion
from .load.scenario import Journey
from .load.selection import Selection
from .load.stage import load_selection
from .report import REPORTERS, write_reports
from .run_folder import REPORTS_DIR, RunFolder, point_latest
from .score.history import history_path, task_outcomes
from .score.scorecard import Scorecard
from .score.stage import judge, remember

__all__ = ["RunClock", "RunResult", "WrapUp", "audit_and_report", "gather_run", "load", "load_selected",
           "partial_artifacts", "prepare"]


@dataclass(frozen=True)
class RunResult:
    """What a finished (or interrupted) run produced."""

    scorecard: Scorecard
    folder: RunFolder
    reports: dict[str, Path]
    warnings: tuple[str, ...] = ()  # problems after the run that did not change its result (the history)
    missing: tuple[str, ...] = ()  # what Ctrl-C after GATHER left out of this run's reports, in words
    evidence_whole: bool = True  # GATHER finished: `uxaudit report` can audit it all again

    @property
    def interrupted(self) -> bool:
        """Ctrl-C was pressed at some stage (the scorecard may still be whole: see `missing`)."""
        return bool(self.scorecard["run"].get("interrupted") or self.missing)


def load(paths: list[Path], config: RunConfig, require_base_url: bool = True) -> list[Journey]:
    """Stage 1: every journey file read, validated and resolved; no browser is started."""
    return load_selected(paths, config, require_base_url).journeys


def load_selected(paths: list[Path], config: RunConfig, require_base_url: bool = True) -> Selection:
    """Stage 1 with the selection flags' result in words (`--last-failed` reads the run history)."""
    history = history_path(config.history)
    return load_selection(paths, config, verbs.VERBS, unknown_device_hint, require_base_url,
                          lambda site: task_outcomes(history, site))


def audit_and_report(run: RunArtifacts, folder: RunFolder, config: RunConfig, newest: bool = True) -> RunResult:
    """Stages 3-5: audits → scores and gate → scorecard.json and every report; `newest` points
    reports/latest at this run and records it in the history (not when an older run is re-rendered).

    Ctrl-C: the first one wraps up, each stage in its quickest form with what is done (the audits
    that finished, scores without the history, scorecard.json before anything else), and says what is
    missing; a second one (or the first after an interrupted GATHER) ends at once. Every file is
    written atomically, so none is ever half written."""
    gathered_partly = run.interrupted
    wrap_up = WrapUp(pressed=gathered_partly)
    audits = applicable_audits(run)
    findings: list[Finding] = []
    audited: list[Audit] = []
    try:
        for audit, found in each_audit(AuditInput(run, config.thresholds, folder.root), audits):
            findings += found
            audited.append(audit)
    except KeyboardInterrupt:
        run = wrap_up.partial(run, f"{len(audits) - len(audited)} of {len(audits)} audits did not run")
    try:
        judged = judge(run, findings, tuple(audited), config, folder.root)
    except KeyboardInterrupt:
        run = wrap_up.partial(run, "the gate, the score trend and any comparison with a baseline were not "
                                   "worked out (the scores were)")
        judged = judge(run, findings, tuple(audited), config, folder.root, read_history=False)
    reports = _write_reports(judged.scorecard, folder.root, wrap_up)
    warnings = judged.warnings
    if newest and (distortion := timing_distortion(config)):
        warnings += (f"the run was not kept in the history: {distortion.not_kept_because}, so its timings are "
                     "not a visitor's (it would skew the score trend and any baseline)",)
    elif newest:
        try:
            warnings += remember(judged, config, folder.root)
        except KeyboardInterrupt:
            wrap_up.interrupted("the run was not kept in the history")
    if newest:
        if folder.named_by_uxaudit:
            point_latest(REPORTS_DIR, folder.root)
    return RunResult(judged.scorecard, folder, reports, warnings, tuple(wrap_up.missing),
                     evidence_whole=not gathered_partly)


def _write_reports(scorecard: Scorecard, root: Path, wrap_up: WrapUp) -> dict[str, Path]:
    """Every report, scorecard.json first; after Ctrl-C, scorecard.json still, and no other."""
    written: dict[str, Path] = {}
    try:
        write_reports(scorecard, root, written)
    except KeyboardInterrupt:
        wrap_up.interrupted()
        if "json" not in written:
            written["json"] = REPORTERS["json"](scorecard, root)
        left = [name for name in REPORTERS if name not in written]
        wrap_up.missing.append(f"the {', '.join(left)} report{'s were' if len(left) > 1 else ' was'} not written")
    return written


@dataclass
class WrapUp:
    """Ctrl-C after GATHER: the first one is noted with what it leaves out, and the run goes on in
    its quickest form; the next one, or any after an interrupted GATHER, ends at once."""

    pressed: bool = False
    missing: list[str] = field(default_factory=list)

    def interrupted(self, left_out: str | None = None) -> None:
        """Called in an `except KeyboardInterrupt:`; re-raises it when Ctrl-C was already pressed."""
        if self.pressed:
            raise KeyboardInterrupt
        self.pressed = True
        if left_out:
            self.missing.append(left_out)

    def partial(self, run: RunArtifacts, left_out: str) -> RunArtifacts:
        """`run` marked as interrupted, lacking `left_out` (its gate is then not decided)."""
        self.interrupted(left_out)
        return replace(run, interrupted=True, missing=(*run.missing, left_out))
