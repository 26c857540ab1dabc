"""Build scorecard.json, the contract every reporter reads (docs/scorecard.md; schema_version)."""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict
from typing import Any

from .. import __version__
from ..artifacts import JourneyRecord, PageVisit, RunArtifacts, StepRecord, TaskRecord
from ..audits import AUDITS_BY_ID, applicable_audits, audit_notes, audits_needing
from ..audits.base import SEVERITIES, AuditInput, Finding
from ..audits.weights import CATEGORIES
from ..verdicts import grade, rating
from .baseline import SERIOUS, Comparison
from .caps import Capped
from .effort import journey_effort, task_effort
from .funnel import journey_funnel
from .gate import GateResult
from .history import RunScore
from .run_stats import TaskRuns
from .scoring import RunScores, TaskScore

SCHEMA_VERSION = "1.6"
Scorecard = dict[str, Any]
SEVERITY_ORDER = {s: i for i, s in enumerate(SEVERITIES)}


def build_scorecard(run: RunArtifacts, findings: list[Finding], scores: RunScores, gate: GateResult) -> Scorecard:
    """The whole scorecard as JSON-ready data."""
    runs = scores.runs if run.repeats else {}
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "uxaudit", "version": __version__},
        "run": {"id": run.run_id, "started_at": run.started_at, "duration_ms": round(run.duration_ms),
                "base_url": run.base_url, "browser": run.browser, "interrupted": run.interrupted,
                "missing": list(run.missing), "partial": run.partial, "selection": list(run.selection),
                "paths": list(run.paths)},
        "score": scores.site,
        "rating": rating(scores.site),
        "grade": grade(scores.site),
        **_cap(scores.caps.site),
        "categories": [{"id": name, "title": CATEGORIES[name][0], "weight": scores.weights.categories.get(name, 0),
                        "score": value, **_cap(scores.caps.categories.get(name))}
                       for name, value in scores.categories.items()],
        "summary": _summary(run, findings, runs),
        "journeys": [_journey(j, scores, runs, run.repeats) for j in run.journeys],
        "findings": [_finding(f) for f in sort_findings(findings)],
        "gate": {"passed": gate.passed, "checks": [asdict(c) for c in gate.checks]},
        "notes": _notes(run),
        "links": _links(run),
        "lighthouse": _lighthouse(run),
        "trend": [],
    }


def with_baseline(scorecard: Scorecard, comparison: Comparison | None) -> Scorecard:
    """The scorecard with what changed since the baseline: its `baseline` section, and each
    finding marked `new` or `still` (null without a baseline). `score_change` is null when either
    run is partial: their scores cover different tasks."""
    if comparison is None:
        return {**scorecard, "baseline": None}
    base = comparison.baseline
    findings = [{**f, "change": comparison.change_of(f["id"]) if f["severity"] in SERIOUS else None}
                for f in scorecard["findings"]]
    return {**scorecard, "findings": findings,
            "baseline": {"run": base.id, "started_at": base.started_at, "branch": base.branch, "score": base.score,
                         "partial": base.partial, "score_change": comparison.score_change, "new": list(comparison.new),
                         "fixed": [{"id": fid, "audit": base.findings[fid][0], "title": base.findings[fid][2]}
                                   for fid in comparison.fixed],
                         "still": len(comparison.still), "newly_failing_tasks": list(comparison.newly_failing),
                         "timings": [t.to_json() for t in comparison.timings]}}


def with_trend(scorecard: Scorecard, earlier: list[RunScore]) -> Scorecard:
    """The scorecard with its `trend`: the site score of earlier stored runs of the same site, oldest
    first, then this run's. An interrupted run has none: its score covers only part of the journeys."""
    run = scorecard["run"]
    if run.get("interrupted"):
        return {**scorecard, "trend": []}
    this = _trend_point(run["id"], run["started_at"], scorecard["score"], scorecard["grade"],
                        scorecard["gate"]["passed"])
    return {**scorecard, "trend": [*(_trend_point(r.id, r.started_at, r.score, r.grade, r.passed)
                                     for r in reversed(earlier)), this]}


def _trend_point(run_id: str, started_at: str, score: int, grade: str | None, passed: bool) -> dict[str, Any]:
    return {"run": run_id, "started_at": started_at, "score": score, "grade": grade, "passed": passed}


def sort_findings(findings: list[Finding]) -> list[Finding]:
    """Most severe first, then lowest score, then in journey order."""
    return sorted(findings, key=lambda f: (SEVERITY_ORDER.get(f.severity, 9), f.score))


def _summary(run: RunArtifacts, findings: list[Finding], runs: dict[str, TaskRuns]) -> dict[str, Any]:
    tasks = [t for j in run.journeys for t in j.tasks]
    statuses = Counter(t.status for t in tasks)
    severities = Counter(f.severity for f in findings)
    flaky = sum(1 for r in runs.values() if r.flaky)
    return {"journeys": len(run.journeys), "runs": run.run_count, "tasks_flaky": flaky,
            "tasks": len(tasks), "tasks_completed": statuses["passed"],
            "tasks_failed": statuses["failed"], "tasks_skipped": statuses["skipped"],
            "findings": {s: severities[s] for s in SEVERITIES}}


def _notes(run: RunArtifacts) -> list[dict[str, str]]:
    """The audits a missing tool left out (`not-checked`), then what the audits noticed about the
    test machine rather than the site (`environment`: another host it could not reach)."""
    missing = [{"audit": audit, "kind": "not-checked", "text": note.text}
               for note in run.notes for audit in audits_needing(note.tool)]
    return missing + [{"audit": audit, "kind": AUDITS_BY_ID[audit].notes_kind, "text": text}
                      for audit, text in audit_notes(AuditInput(run), applicable_audits(run))]


def _links(run: RunArtifacts) -> dict[str, Any] | None:
    """What the link checker covered and what it cost; None when links were not checked."""
    if run.link_check is None:
        return None
    return {**asdict(run.link_check), "broken": sum(1 for link in run.links if link.broken)}


def _lighthouse(run: RunArtifacts) -> list[dict[str, Any]]:
    """Lighthouse's results, page by page: category scores 0-100 and the saved report."""
    return [{"journey": journey.id, "task": f"{journey.id}/{task.id}", "step": f"{journey.id}/{task.id}/{step.index}",
             "url": result.url, "final_url": result.final_url, "form_factor": result.form_factor,
             "runs": result.runs, "runs_completed": result.runs_completed,
             "scores": {name: round(value * 100) for name, value in result.scores.items()},
             "metrics": result.metrics, "report": result.report_html, "report_json": result.report_json,
             "lighthouse_version": result.lighthouse_version, "error": result.error,
             "screenshots": result.screenshots}
            for journey in run.journeys for task in journey.tasks for step in task.steps
            if (result := step.lighthouse) is not None]


def _journey(journey: JourneyRecord, scores: RunScores, runs: dict[str, TaskRuns],
             repeats: tuple[JourneyRecord, ...] = ()) -> dict[str, Any]:
    score = scores.journeys.get(journey.id, 0)
    return {"id": journey.id, "name": journey.name, "file": journey.file, "device": journey.device,
            "tags": list(journey.tags), "score": score, "rating": rating(score), "grade": grade(score),
            **_cap(scores.caps.journeys.get(journey.id)), "importance": journey.importance,
            "completed": all(t.completed for t in journey.tasks), "duration_ms": round(journey.duration_ms),
            "error": journey.error, "effort": journey_effort(journey), "funnel": journey_funnel(journey, repeats),
            "tasks": [_task(journey, t, scores, runs.get(f"{journey.id}/{t.id}")) for t in journey.tasks],
            **_journey_evidence(journey),
            "repeats": [_repeat(r) for r in repeats if r.id == journey.id]}


def _journey_evidence(journey: JourneyRecord) -> dict[str, Any]:
    """What a developer needs to look into one run of a journey: the site it ran against (to rerun it),
    its recording (trace, video: run-folder relative), its setup and teardown steps, and its warnings."""
    return {"base_url": journey.base_url, "trace": journey.trace, "video": journey.video,
            "setup": [_step(f"{journey.id}/_setup", s) for s in journey.setup],
            "teardown": [_step(f"{journey.id}/_teardown", s) for s in journey.teardown],
            "warnings": list(journey.warnings)}


def _repeat(journey: JourneyRecord) -> dict[str, Any]:
    """One repeat of a journey (`--runs N`): its outcome, recording and failed tasks, so a task that
    failed only in a repeat (a flaky one) can be looked into with that repeat's trace."""
    failed = [{"id": f"{journey.id}/{t.id}", "name": t.name, "error": t.error, **_where_it_failed(t)}
              for t in journey.tasks if t.status == "failed"]
    return {"repeat": journey.repeat, "completed": all(t.completed for t in journey.tasks), "error": journey.error,
            "trace": journey.trace, "video": journey.video, "warnings": list(journey.warnings), "failed_tasks": failed}


def _where_it_failed(task: TaskRecord) -> dict[str, Any]:
    """The failed step's file:line and screenshot (a task whose success criteria failed: its picture)."""
    step = next((s for s in reversed(task.steps) if s.status == "failed"), None)
    if step is None:
        return {"location": None, "screenshot": task.failure_screenshot}
    return {"location": step.location, "screenshot": step.screenshot}


def _task(journey: JourneyRecord, task: TaskRecord, scores: RunScores, runs: TaskRuns | None) -> dict[str, Any]:
    path = f"{journey.id}/{task.id}"
    score = scores.tasks[path]
    return {"id": path, "name": task.name, "status": task.status, "completed": task.completed,
            "duration_ms": round(task.duration_ms), "max_duration_ms": task.max_duration_ms,
            # A task not reached keeps score 0 (the contract's number) and says `reached: false`: it does
            # not count in its journey's score (docs/scoring.md), and reports show "not reached".
            "score": 0 if score.score is None else score.score, "reached": task.status != "skipped",
            "error": task.error, **_task_verdicts(score),
            "categories": {k: round(v * 100) for k, v in score.categories.items()},
            "categories_capped_by": {k: list(c.capped_by) for k, c in score.category_caps.items()},
            "criteria": [{**asdict(c), "page_said": list(c.page_said)} for c in task.criteria],  # as JSON reads back
            "success_check_ms": round(task.criteria_ms),
            "failure_screenshot": task.failure_screenshot,
            "steps": [_step(path, s) for s in task.steps], "pages": [_page(p) for p in task.pages],
            "runs": _runs(runs), "effort": task_effort(journey, task)}


def _cap(cap: Capped | None) -> dict[str, Any]:
    """A score's ceiling: the score before it (`uncapped`) and the findings that lowered it (`capped_by`)."""
    if cap is None:
        return {"uncapped": None, "capped_by": []}
    return {"uncapped": cap.uncapped, "capped_by": list(cap.capped_by)}


def _task_verdicts(score: TaskScore) -> dict[str, Any]:
    """A task's rating, grade and ceiling; a task not reached has the rating and grade of its 0 (as
    scorecards before 1.5 had it) and no ceiling."""
    if score.score is None:
        return {"rating": rating(0), "grade": grade(0), **_cap(None)}
    return {"rating": rating(score.score), "grade": grade(score.score), **_cap(score.cap)}


def _runs(runs: TaskRuns | None) -> dict[str, Any] | None:
    """With `--runs N`: the task over its runs; None for a single run."""
    if runs is None:
        return None
    times = runs.durations_ms
    spread = {"median": round(runs.median_ms) if runs.median_ms is not None else None,
              "min": round(min(times)) if times else None, "max": round(max(times)) if times else None}
    return {"count": runs.runs, "passed": runs.passed, "success_rate": round(runs.success_rate, 3),
            "flaky": runs.flaky, "duration_ms": spread}


def _step(task_path: str, step: StepRecord) -> dict[str, Any]:
    return {"id": f"{task_path}/{step.index}", "index": step.index, "action": step.action,
            "target": step.target, "name": step.name, "status": step.status, "ok": step.ok,
            "optional": step.optional, "error": step.error, "duration_ms": round(step.duration_ms),
            "url": step.url, "screenshot": step.screenshot, "location": step.location, "fault": step.fault}


def _page(visit: PageVisit) -> dict[str, Any]:
    keys = ("ttfb_ms", "dom_content_loaded_ms", "load_ms", "fcp_ms", "lcp_ms", "cls", "blocking_ms")
    return {"url": visit.requested_url, "final_url": visit.final_url, "status": visit.status,
            "error": visit.error, "step": visit.step, "title": visit.title, "kind": visit.kind, "via": visit.via,
            "redirects": [asdict(h) for h in visit.redirects], **{k: getattr(visit, k) for k in keys}}


def _finding(finding: Finding) -> dict[str, Any]:
    data = asdict(finding)
    step = data.pop("step")
    data["step"] = f"{finding.task}/{step}" if finding.task and step else None
    data["step_index"] = step
    data["evidence"] = list(finding.evidence)
    return {"id": finding.id, **data, "template": finding.template}
