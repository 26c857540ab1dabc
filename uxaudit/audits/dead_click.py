"""dead-click: everything a visitor can click does something."""

from __future__ import annotations

from ..artifacts import EFFECT_WATCH_S, JourneyRecord, StepRecord, TaskRecord
from .base import Audit, AuditInput, Finding, Where, attempted_tasks, make_finding

# Clicking a form field focuses or ticks it without changing the page's HTML: not a dead click.
FORM_TAGS = frozenset({"input", "select", "textarea", "option", "label"})
FORM_ROLES = frozenset({"checkbox", "radio", "textbox", "combobox", "switch", "slider", "spinbutton", "option"})


def check(data: AuditInput) -> list[Finding]:
    """A warning per click that changed nothing (no page, address, request or page change), or
    only showed a message box instead of doing what it says."""
    findings = []
    for journey, task in attempted_tasks(data.run):
        for step in task.steps:
            if step.effect == "none" and not _is_form_field(step):
                findings.append(_dead(journey, task, step))
            elif step.effect == "dialog" and (alerts := [d.text for d in step.dialogs if d.kind == "alert"]):
                findings.append(_only_a_message(journey, task, step, alerts))
    return findings


def _is_form_field(step: StepRecord) -> bool:
    element = step.element
    return element is not None and (element.tag in FORM_TAGS or (element.role or "") in FORM_ROLES)


def _dead(journey: JourneyRecord, task: TaskRecord, step: StepRecord) -> Finding:
    label = step.element.label if step.element and step.element.label else step.name
    evidence = [{"clicked": label, "element": step.element.tag if step.element else None,
                 "page": step.url, "watched for": f"{EFFECT_WATCH_S:g} s",
                 "what happened": "nothing: no new page, no request, no change on the page, no dialog"}]
    return make_finding(AUDIT, Where(journey, task, step.index, step.url), score=0.5,
                        title=f"Clicking “{label}” does nothing", evidence=evidence,
                        display_value="no response", screenshot=step.screenshot, key=label)


def _only_a_message(journey: JourneyRecord, task: TaskRecord, step: StepRecord, alerts: list[str]) -> Finding:
    label = step.element.label if step.element and step.element.label else step.name
    said = alerts[0] or "(an empty message)"
    evidence = [{"clicked": label, "page": step.url, "the message box said": said,
                 "what else happened": "nothing: no new page, no request, no change on the page"}]
    return make_finding(AUDIT, Where(journey, task, step.index, step.url), score=0.7,
                        title=f"Clicking “{label}” only shows a message: “{said}”", evidence=evidence,
                        display_value="a message box", screenshot=step.screenshot, key=label)


AUDIT = Audit(
    id="dead-click",
    category="stability",
    title="Everything that looks clickable responds",
    failure_title="A click does nothing",
    description="A button or link that does nothing when clicked leaves people stuck and unsure "
                "whether the site is broken; they click again and again, then leave.",
    hint="Make the element do what its label says (check for a script error or a missing handler), "
         "or, if it is not meant to be clicked, stop styling it like a button or link.",
    check=check,
)
