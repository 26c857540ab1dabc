"""console-error: pages run without script errors."""

from __future__ import annotations

from ..artifacts import ConsoleEntry, JourneyRecord, StepRecord, TaskRecord
from .base import Audit, AuditInput, Finding, Where, attempted_tasks, by_page, make_finding, page_name, pages_of

# Chromium echoes every failed resource load as a console error; those are failed requests, a
# different problem with better evidence of its own.
FAILED_RESOURCE_PREFIX = "Failed to load resource"
KIND_WORDS = {"uncaught-exception": "uncaught exception", "console-error": "console error"}


# A click whose errors came from the page it was on; errors of a page it led to are that page's.
STAYED = ("requests", "page-change", "dialog", "none")


def check(data: AuditInput) -> list[Finding]:
    """A warning per click that set off script errors (an "error click", on its step), and one per
    page template (within a task) for the other script errors it reported."""
    findings = []
    for journey, task in attempted_tasks(data.run):
        findings += [_error_click(journey, task, step) for step in task.steps if script_errors_of_click(step)]
        for url, (step, entries) in by_page(task, _not_after_a_click, _is_script_error).items():
            findings.append(_errors(journey, task, url, step, entries))
    return findings


def script_errors_of_click(step: StepRecord) -> list[ConsoleEntry]:
    """The script errors a click set off on the page it was made on (an error click, as Datadog calls
    it): also counted in a task's effort (score/effort.py)."""
    if step.action != "click" or step.effect not in STAYED:
        return []
    return [e for e in step.console if _is_script_error(e) and e.page_url == step.url_before]


def _not_after_a_click(step: StepRecord) -> list[ConsoleEntry]:
    caused = script_errors_of_click(step)
    return [e for e in step.console if e not in caused]


def _error_click(journey: JourneyRecord, task: TaskRecord, step: StepRecord) -> Finding:
    entries = script_errors_of_click(step)
    what = step.element.label if step.element and step.element.label else step.target or step.name
    evidence = [{"kind": KIND_WORDS.get(e.kind, e.kind), "message": e.text, "source": e.source} for e in entries]
    count = len(entries)
    return make_finding(AUDIT, Where(journey, task, step.index, step.url_before or step.url), score=0.5,
                        title=f"Clicking “{what}” set off {count} script error{'s' if count > 1 else ''}",
                        evidence=evidence, value=count, display_value="error click", screenshot=step.screenshot,
                        key=f"click {what}")


def _is_script_error(entry: ConsoleEntry) -> bool:
    return not entry.text.startswith(FAILED_RESOURCE_PREFIX)


def _errors(journey: JourneyRecord, task: TaskRecord, url: str, step: int, entries: list[ConsoleEntry]) -> Finding:
    count = len(entries)
    pages = pages_of(entries)
    evidence = [{"kind": KIND_WORDS.get(e.kind, e.kind), "message": e.text, "source": e.source,
                 **({"page": e.page_url} if len(pages) > 1 else {})} for e in entries]  # which address of the template
    return make_finding(AUDIT, Where(journey, task, step, url or None), score=0.5,
                        title=f"{page_name(pages)} reported {count} script error{'s' if count > 1 else ''}",
                        evidence=evidence, value=count, display_value=f"{count} error{'s' if count > 1 else ''}")


AUDIT = Audit(
    id="console-error",
    category="stability",
    title="Pages run without script errors",
    failure_title="A page reported script errors",
    description="Script errors often mean a button, menu or form silently stops working for some "
                "visitors, and they are invisible unless someone looks.",
    hint="Open the browser's developer console on this page and fix the errors shown in the "
         "evidence, starting with uncaught exceptions.",
    check=check,
)
