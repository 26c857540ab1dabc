"""task-success: every task a journey sets can be completed."""

from __future__ import annotations

from ..artifacts import JourneyRecord, StepRecord, TaskRecord
from .base import Audit, AuditInput, Finding, Where, attempted_tasks, make_finding


def check(data: AuditInput) -> list[Finding]:
    """One error per failed task, and one per journey that stopped early."""
    findings = [_failed_task(journey, task) for journey, task in attempted_tasks(data.run)
                if task.status == "failed"]
    findings += [_stopped_journey(j) for j in data.run.journeys if j.error]
    return findings


def _failed_task(journey: JourneyRecord, task: TaskRecord) -> Finding:
    failed = next((s for s in task.steps if s.status == "failed"), None)
    if failed is not None and failed.fault == "uxaudit":
        return _own_fault(journey, task, failed)
    evidence = [{"step": failed.index, "action": failed.name, "reason": failed.error,
                 "scenario line": failed.location} if failed else {}]
    evidence += [{"success criterion": c.description, "result": c.error} for c in task.criteria if not c.ok]
    if not any(evidence):  # failed on something else, such as its time limit
        evidence = [{"reason": task.error}]
    return make_finding(AUDIT, Where(journey, task, failed.index if failed else None,
                                     failed.url if failed else _last_url(task)),
                        score=0.0, title=f"Task “{task.name}” could not be completed",
                        evidence=[row for row in evidence if row], value=0,
                        display_value=f"failed at step {failed.index}" if failed else "not completed",
                        screenshot=failed.screenshot if failed else (task.failure_screenshot or _last_screenshot(task)))


def _own_fault(journey: JourneyRecord, task: TaskRecord, failed: StepRecord) -> Finding:
    """uxaudit could not carry out a step: the task is unverified, not failed by the site."""
    return make_finding(AUDIT, Where(journey, task, failed.index, failed.url), score=0.0,
                        title=f"uxaudit could not carry out step {failed.index} of “{task.name}” (its own error, "
                              "not the site's)",
                        evidence=[{"step": failed.index, "action": failed.name, "reason": failed.error,
                                   "scenario line": failed.location}],
                        display_value="not verified", screenshot=failed.screenshot,
                        hint="Write the step's target another way (the reason suggests how) and report the "
                             "message to the uxaudit maintainers; the site was not at fault here.")


def _stopped_journey(journey: JourneyRecord) -> Finding:
    return make_finding(AUDIT, Where(journey), score=0.0, title=f"Journey “{journey.name}” stopped early",
                        evidence=[{"reason": journey.error}], display_value="stopped")


def _last_url(task: TaskRecord) -> str | None:
    return next((s.url for s in reversed(task.steps) if s.url), None)


def _last_screenshot(task: TaskRecord) -> str | None:
    return next((s.screenshot for s in reversed(task.steps) if s.screenshot), None)


AUDIT = Audit(
    id="task-success",
    category="effectiveness",
    title="Every task can be completed",
    failure_title="A task could not be completed",
    description="A visitor who cannot finish what they came to do leaves or calls support; "
                "nothing else on the page matters as much.",
    hint="Open the failing step's screenshot: the button or link may be missing, renamed, hidden, or "
         "the page may lead somewhere else. If the site changed on purpose, update the journey.",
    check=check,
)
