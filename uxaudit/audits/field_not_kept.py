"""field-not-kept: a form field keeps what the visitor typed, and typing into one field changes no
other (a value that lands in the wrong field, or vanishes, fails the visitor silently)."""

from __future__ import annotations

from typing import Any

from ..artifacts import FieldCheck, JourneyRecord, StepRecord, TaskRecord
from .base import Audit, AuditInput, Finding, Where, attempted_tasks, make_finding


def check(data: AuditInput) -> list[Finding]:
    """An error per fill/select whose field ended up empty or whose value went to another field;
    information when it shows something else (a date picker's or an input mask's own format)."""
    return [_lost(journey, task, step, step.field_check) for journey, task in attempted_tasks(data.run)
            for step in task.steps if step.field_check is not None and _went_wrong(step.field_check)]


def _went_wrong(check: FieldCheck) -> bool:
    return not check.kept_typed or bool(check.others)


def _lost(journey: JourneyRecord, task: TaskRecord, step: StepRecord, field: FieldCheck) -> Finding:
    verb = "Chose" if step.action == "select" else "Typed"
    title = f"{verb} “{field.typed}” into “{field.field}”; " + _what_happened(field)
    lost = bool(field.others) or not field.kept  # gone, or gone elsewhere; else shown another way
    return make_finding(AUDIT, Where(journey, task, step.index, step.url), score=0.0 if lost else 0.9, title=title,
                        evidence=[_evidence(step, field)], display_value="value lost" if not field.kept_typed
                        else "went to another field", screenshot=step.screenshot, key=field.field)


def _what_happened(field: FieldCheck) -> str:
    """“it stayed empty and “Given name” became “Sanchez””."""
    own = ("it kept it" if field.kept_typed else "it stayed empty" if not field.kept
           else f"it shows “{field.kept}”")
    moved = " and ".join(f"“{other.label}” became “{other.after}”" for other in field.others)
    return f"{own} and {moved}" if moved else own


def _evidence(step: StepRecord, field: FieldCheck) -> dict[str, Any]:
    row: dict[str, Any] = {"step": step.index, "field": field.field, "typed": field.typed,
                           "the field shows": field.kept or "(empty)"}
    for other in field.others:
        row[f"“{other.label}” before"] = other.before or "(empty)"
        row[f"“{other.label}” after"] = other.after
    errors = [entry.text for entry in step.console]
    if errors:
        row["script errors while typing"] = "; ".join(errors[:3])
    return row


AUDIT = Audit(
    id="field-not-kept",
    category="stability",
    title="Form fields keep what is typed",
    failure_title="A form field loses or moves what is typed",
    description="When a field does not keep what someone typed, or the text ends up in another field, "
                "the form is sent with wrong or missing details, often without anyone noticing until "
                "the order or account is wrong.",
    hint="Check the field's input handlers and its binding to the app's state (a field bound to the wrong "
         "property, a formatter or mask that drops characters, a re-render that resets the value), and "
         "any script error listed in the evidence.",
    check=check,
)
