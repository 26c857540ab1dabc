"""The release gate: rules → checks → verdict. By default every task must complete.

With `--runs N` a rule is measured in each run and the values combined by the rule's `aggregate`
(median, optimistic, pessimistic), as Lighthouse CI's assertions do."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from statistics import median_high, median_low

from ..artifacts import RunArtifacts
from ..audits.base import Finding
from ..load.gate_rules import GateRule
from .baseline import Comparison
from .scoring import RunScores

# With a baseline and no `slower-tasks` rule of one's own: slower tasks are reported, not failed.
SLOWER_TASKS_WARNING = GateRule(target="slower-tasks", id=None, min_score=None, max_count=0, level="warn")


@dataclass(frozen=True)
class GateCheck:
    """One rule applied to one place: the value found and the threshold it had to meet."""

    id: str
    level: str  # error (fails the gate) | warn (reported only)
    description: str
    where: str
    passed: bool
    value: str
    threshold: str


@dataclass(frozen=True)
class MeasuredRun:
    """One run of the journeys (the first, or a repeat with `--runs N`) with its findings and scores."""

    run: RunArtifacts
    scores: RunScores
    findings: Sequence[Finding] = ()


@dataclass(frozen=True)
class GateResult:
    """The verdict: passed unless an error-level check failed."""

    passed: bool
    checks: tuple[GateCheck, ...]


def evaluate_gate(run: RunArtifacts, scores: RunScores, fail_under: float | None = None,
                  rules: Sequence[GateRule] = (), findings: Sequence[Finding] = (),
                  comparison: Comparison | None = None, only_new: bool = False,
                  repeats: Sequence[MeasuredRun] = ()) -> GateResult:
    """Apply the default rule (every task completes), `--fail-under` if given, and the rules of
    uxaudit.yaml's `gate:`. With `only_new` and a baseline, the default rule becomes "nothing
    that worked in the baseline breaks, and no new error or warning appears". `repeats` are the
    runs after the first (`--runs N`), measured alike."""
    checks = [_nothing_new(comparison) if only_new and comparison else _tasks_complete(run, scores)]
    if only_new and comparison:
        checks.append(_no_new_findings(comparison))
    if run.interrupted:
        checks.insert(0, GateCheck("run-complete", "error", "The run finished", "site", False,
                                   _what_is_missing(run), "every journey run"))
    runs = [MeasuredRun(run, scores, findings), *repeats]
    if fail_under is not None:
        site = _rule_check(GateRule(target="site", id=None, min_score=fail_under), runs, comparison)
        checks.append(GateCheck("site-score", "error", site.description, "site", site.passed, site.value,
                                site.threshold))
    checks += [_rule_check(rule, runs, comparison) for rule in rules]
    if comparison and not any(rule.target == "slower-tasks" for rule in rules):
        checks.append(_rule_check(SLOWER_TASKS_WARNING, runs, comparison))
    return GateResult(all(c.passed for c in checks if c.level == "error"), tuple(checks))


def _what_is_missing(run: RunArtifacts) -> str:
    if not run.missing:
        return f"interrupted after {len(run.journeys)} journey(s)"
    more = f"; and {len(run.missing) - 3} more" if len(run.missing) > 3 else ""
    return "interrupted: " + "; ".join(run.missing[:3]) + more


def _nothing_new(comparison: Comparison) -> GateCheck:
    broken = comparison.newly_failing
    return GateCheck("no-newly-failing-tasks", "error", f"No task that completed in run {comparison.baseline.id} "
                     "fails now", "site", not broken, ", ".join(broken) or "none", "none")


def _no_new_findings(comparison: Comparison) -> GateCheck:
    count = len(comparison.new)
    return GateCheck("no-new-findings", "error", f"No new errors or warnings since run {comparison.baseline.id}",
                     "site", count == 0, str(count), "0")


def _rule_check(rule: GateRule, runs: Sequence[MeasuredRun], comparison: Comparison | None) -> GateCheck:
    kind, limit = rule.threshold
    where = rule.target if rule.id is None else f"{rule.target} {rule.id}"
    check_id = f"{rule.target}-{kind.replace('_', '-')}" + (f":{rule.id}" if rule.id else "")
    if rule.target == "slower-tasks":
        return _slower_tasks(rule, check_id, limit, comparison)
    values = [value for measured in runs if (value := _measure(rule, kind, measured)) is not None]
    if not values:
        missing = ("it was not reached, so it has no score" if kind == "min_score" else
                   "it did not complete, so it has no time") if rule.target == "task" and \
            rule.id in runs[0].scores.tasks else f"no {rule.target} '{rule.id}' in this run"
        return GateCheck(check_id, rule.level, _describe(rule, kind, limit), where, False, missing,
                         _needed(kind, limit))
    value = _aggregate(values, rule.aggregate, higher_is_better=kind == "min_score")
    passed = value >= limit if kind == "min_score" else value <= limit
    shown = f"{value:g}" if len(values) == 1 else \
        f"{value:g} ({rule.aggregate} of {len(values)} runs: {', '.join(f'{v:g}' for v in values)})"
    return GateCheck(check_id, rule.level, _describe(rule, kind, limit), where, passed, shown, _needed(kind, limit))


def _aggregate(values: list[float], how: str, higher_is_better: bool) -> float:
    """The runs' values combined: the median, the best (optimistic) or the worst (pessimistic).
    With an even number of runs the median is the worse of the two middle runs: a value some run
    really measured (never half a finding), and on the safe side."""
    if how == "median":
        return float(median_low(values) if higher_is_better else median_high(values))
    best = max(values) if higher_is_better else min(values)
    worst = min(values) if higher_is_better else max(values)
    return best if how == "optimistic" else worst


def _slower_tasks(rule: GateRule, check_id: str, limit: float, comparison: Comparison | None) -> GateCheck:
    description = "No task slower than in the baseline" if limit == 0 else \
        f"At most {limit:g} task(s) slower than in the baseline"
    if comparison is None:  # nothing to compare with: the rule cannot fail, and says why
        return GateCheck(check_id, rule.level, description, "site", True, "no baseline (--baseline RUN)",
                         _needed("max_count", limit))
    slower = comparison.slower
    names = ", ".join(t.task for t in slower)
    return GateCheck(check_id, rule.level, f"{description} (run {comparison.baseline.id})", "site",
                     len(slower) <= limit, f"{len(slower)}" + (f": {names}" if names else ""),
                     _needed("max_count", limit))


def _measure(rule: GateRule, kind: str, measured: MeasuredRun) -> float | None:
    """The number the rule is about in one run, or None when its target is not in that run."""
    run, scores, findings = measured.run, measured.scores, measured.findings
    if rule.target == "site":
        return float(scores.site)
    if rule.target == "category":
        return float(scores.categories[rule.id]) if rule.id in scores.categories else None
    if rule.target == "journey":
        return float(scores.journeys[rule.id]) if rule.id in scores.journeys else None
    if rule.target == "task":
        if rule.id not in scores.tasks:
            return None
        if kind == "min_score":  # a skipped task has no score: it was not reached
            return None if (score := scores.tasks[rule.id].score) is None else float(score)
        # Only a completed task has a time worth judging: a skipped one took 0 s, a failed one its timeout.
        return next((t.duration_ms for j in run.journeys for t in j.tasks
                     if f"{j.id}/{t.id}" == rule.id and t.status == "passed"), None)
    found = [f for f in findings if f.audit == rule.id and f.severity in ("error", "warning")]
    if kind == "max_count":
        return float(len(found))
    return max((float(f.value) for f in found if isinstance(f.value, int | float)), default=0.0)


def _describe(rule: GateRule, kind: str, limit: float) -> str:
    what = {"site": "The site", "category": f"Category {rule.id}", "journey": f"Journey {rule.id}",
            "task": f"Task {rule.id}", "audit": f"Audit {rule.id}"}[rule.target]
    if kind == "min_score":
        return f"{what} scores at least {limit:g}"
    if kind == "max_count":
        return f"{what} finds at most {limit:g} problem(s) (warnings and errors)"
    return f"{what} measures at most {limit:g}" + (" ms" if rule.target == "task" else "")


def _needed(kind: str, limit: float) -> str:
    return f"≥ {limit:g}" if kind == "min_score" else f"≤ {limit:g}"


def _tasks_complete(run: RunArtifacts, scores: RunScores) -> GateCheck:
    """With several runs a task counts only when it completed in every run: a flaky task is not
    one a release can rely on."""
    tasks = [t for j in run.journeys for t in j.tasks]
    if run.repeats:
        done = sum(1 for r in scores.runs.values() if r.passed == r.runs)
        description = f"Every task completes in every run ({run.run_count} runs)"
    else:
        done, description = sum(1 for t in tasks if t.completed), "Every task completes"
    return GateCheck("tasks-complete", "error", description, "site", done == len(tasks) and
                     bool(tasks), f"{done} of {len(tasks)}", f"{len(tasks)} of {len(tasks)}")
