"""slow-interaction: what a click or key press sets off on the page answers within a second."""

from __future__ import annotations

from ..artifacts import JourneyRecord, StepRecord, TaskRecord
from .base import Audit, AuditInput, Finding, Where, attempted_tasks, make_finding


def check(data: AuditInput) -> list[Finding]:
    """A finding per in-page interaction slower than the budget (navigations are load-time's)."""
    findings = []
    for journey, task in attempted_tasks(data.run):
        limits = data.thresholds_for(journey, task)
        findings += [_slow(journey, task, step, limits.slow_interaction_error_ms) for step in task.steps
                     if _in_page(step) and (step.interaction_ms or 0) > limits.slow_interaction_warning_ms]
    return findings


def _in_page(step: StepRecord) -> bool:
    """The interaction stayed on its page: a slow new page is load-time's to report."""
    return step.status == "passed" and step.effect not in ("navigation", "address")


def _slow(journey: JourneyRecord, task: TaskRecord, step: StepRecord, error_ms: float) -> Finding:
    ms = step.interaction_ms or 0
    what = step.element.label if step.element and step.element.label else step.name
    return make_finding(AUDIT, Where(journey, task, step.index, step.url), score=0.3 if ms > error_ms else 0.7,
                        title=f"The page took {ms / 1000:.1f} s to answer “{what}”",
                        evidence=[{"step": step.index, "action": step.name, "ms": round(ms),
                                   "waiting for": "the answers to the requests it sent"}],
                        value=round(ms), display_value=f"{ms / 1000:.1f} s", screenshot=step.screenshot)


AUDIT = Audit(
    id="slow-interaction",
    category="speed",
    title="The page answers clicks quickly",
    failure_title="The page is slow to answer a click",
    description="After a click, people expect to see something happen within about a second; past "
                "that they click again, or wonder whether anything is happening at all.",
    hint="Speed up what the click asks the server for, and show at once that it is working (a "
         "spinner, the message being sent) so the wait feels shorter.",
    check=check,
)
