"""A run against a baseline run: which findings are new, fixed or still there (by their stable id),
which tasks newly fail, and how the score moved."""

from __future__ import annotations

from dataclasses import dataclass

from .artifacts import RunArtifacts
from .audits.base import Finding
from .history import StoredRun
from .run_stats import task_runs

SERIOUS = ("error", "warning")


@dataclass(frozen=True)
class Comparison:
    """What changed since the baseline."""

    baseline: StoredRun
    score_change: int
    new: tuple[str, ...]  # finding ids not in the baseline (warnings and errors)
    fixed: tuple[str, ...]  # baseline findings (warnings and errors) no longer found
    still: tuple[str, ...]
    newly_failing: tuple[str, ...]  # tasks that completed in the baseline and do not now

    def change_of(self, finding_id: str) -> str:
        """new | still, for a finding of this run."""
        return "new" if finding_id in self.new else "still"


def compare(run: RunArtifacts, findings: list[Finding], score: int, baseline: StoredRun) -> Comparison:
    """This run against `baseline`."""
    now = {f.id for f in findings if f.severity in SERIOUS}
    before = {fid for fid, (_, severity, _) in baseline.findings.items() if severity in SERIOUS}
    failing = [task for task, runs in task_runs(run).items() if runs.passed < runs.runs]  # in any run
    # Failing now and not failing before: it passed then, was skipped, or did not exist yet.
    newly = tuple(task for task in failing if baseline.task_status.get(task) != "failed")
    return Comparison(baseline, score - baseline.score, tuple(sorted(now - before)), tuple(sorted(before - now)),
                      tuple(sorted(now & before)), newly)
