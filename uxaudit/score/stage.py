"""Stage 4 as one call: findings → scores (task → journey → site), the baseline comparison, the
gate's verdict and the scorecard; and, once the reports are written, the run kept in the history.

The history is a convenience after the fact: when it cannot be read or written the scorecard is
still built and the run's result stands, with a warning.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from ..artifacts import RunArtifacts
from ..audits import run_audits
from ..audits.base import Audit, AuditInput, Finding
from ..errors import UsageError
from ..load.config import RunConfig
from .baseline import compare
from .gate import MeasuredRun, evaluate_gate
from .history import HISTORY_ENV, earlier_runs, find_run, history_path, record_run, suite_of
from .run_stats import later_runs
from .scorecard import Scorecard, build_scorecard, with_baseline, with_trend
from .scoring import RunScores, score_run

T = TypeVar("T")


@dataclass(frozen=True)
class Judged:
    """A run scored and judged: its scorecard, and what went wrong with the history meanwhile."""

    scorecard: Scorecard
    scores: RunScores
    warnings: tuple[str, ...] = ()


def judge(run: RunArtifacts, findings: list[Finding], audits: tuple[Audit, ...], config: RunConfig,
          run_dir: Path, read_history: bool = True) -> Judged:
    """Scores, the comparison with the baseline, the gate, and the scorecard with the score trend
    (`read_history=False`: neither the baseline nor the trend, for a run wrapped up after Ctrl-C; a
    partial run has no trend; a partial run or baseline is compared over the tasks both ran)."""
    scores = score_run(run, findings, audits, config.weights)
    history = history_path(config.history)
    warnings: list[str] = []
    # The baseline was found before the run; should the history break meanwhile, the run is judged
    # without it (the stricter default gate) rather than lost.
    baseline = _history_step(warnings, "read", lambda: find_run(history, config.baseline or "", before=run.run_id)) \
        if config.baseline and read_history else None
    comparison = compare(findings, scores, baseline, run.partial) if baseline else None
    # An interrupted run's gate is not decided: its later runs need not be audited for it.
    repeats = [] if run.interrupted else _later_runs_measured(run, findings, audits, config, run_dir)
    gate = evaluate_gate(run, scores, config.fail_under, config.gate_rules, findings, comparison, config.only_new,
                         repeats)
    scorecard = with_baseline(build_scorecard(run, findings, scores, gate), comparison)
    if not run.partial:  # a partial run's score covers part of the suite: it has no place in the trend
        earlier = (_history_step(warnings, "read", lambda: earlier_runs(history, run.base_url, run.started_at,
                                                                      suite=suite_of(run.paths)))
                   if read_history else None) or []
        scorecard = with_trend(scorecard, earlier)
    return Judged(scorecard, scores, tuple(warnings))


def _later_runs_measured(run: RunArtifacts, first: list[Finding], audits: tuple[Audit, ...], config: RunConfig,
                         run_dir: Path) -> list[MeasuredRun]:
    """With `--runs N`: runs 2 to N audited and scored like the first, for the gate's rules to
    combine (none when no rule and no --fail-under would read them). Evidence gathered in the first
    run only (Lighthouse) stands for every run."""
    if not (any(rule.target != "slower-tasks" for rule in config.gate_rules) or config.fail_under is not None):
        return []
    once = {audit.id for audit in audits if audit.first_run_only}
    measured_once = [f for f in first if f.audit in once]
    measured = []
    for later in later_runs(run):
        findings = run_audits(AuditInput(later, config.thresholds, run_dir),
                              tuple(a for a in audits if a.id not in once)) + measured_once
        measured.append(MeasuredRun(later, score_run(later, findings, audits, config.weights), findings))
    return measured


def remember(judged: Judged, config: RunConfig, run_dir: Path) -> tuple[str, ...]:
    """Keep the run in the history (its scorecard and every task's times); warnings if it could not."""
    warnings: list[str] = []
    times = {path: list(runs.durations_ms) for path, runs in judged.scores.runs.items()}
    _history_step(warnings, "updated",
                  lambda: record_run(history_path(config.history), judged.scorecard, run_dir, times))
    return tuple(warnings)


def _history_step(warnings: list[str], undone: str, step: Callable[[], T]) -> T | None:
    """Run one history step (`undone`: "read" or "updated", what it failed to do); a failure becomes
    a warning, since the run's own reports do not depend on it."""
    try:
        return step()
    except UsageError as exc:
        warnings.append(f"the run history was not {undone}: {exc}")
    except OSError as exc:
        warnings.append(f"the run history was not {undone}: {exc.strerror or exc} ({exc.filename or 'history'}); "
                        f"set {HISTORY_ENV} to a writable path")
    return None
