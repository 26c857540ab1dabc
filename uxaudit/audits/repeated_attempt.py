"""repeated-attempt: a button answers the first time it is clicked, not the second or third.

A scenario clicks the same thing again only when the first click did not work, so a click repeated
on the same screen after clicks that showed nothing is a retry. A carousel's "Next" clicked three
times is not: each click changed the page."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ..artifacts import JourneyRecord, StepRecord, TaskRecord
from .base import Audit, AuditInput, Finding, Where, attempted_tasks, make_finding
from .quick_back import page_key

# What a click whose page looked the same afterwards did (effects.py): nothing at all, or it could
# not be done (an optional click that failed). "requests" and "page-change" are answers, and a
# dialog is an answer the visitor can read.
NO_ANSWER = "none"
WORDS = {"none": "nothing visible", "navigation": "a new page", "address": "a new address",
         "requests": "the page asked the server", "page-change": "the page changed",
         "dialog": "a message box"}


@dataclass(frozen=True)
class Attempts:
    """The same click done again on one screen, after clicks that showed nothing: the steps, in order."""

    steps: tuple[StepRecord, ...]

    @property
    def answered(self) -> bool:
        """The last attempt did something visible (the element works, only not at first)."""
        last = self.steps[-1]
        return last.status == "passed" and last.effect not in (None, NO_ANSWER)

    @property
    def retries(self) -> int:
        """Attempts after the first."""
        return len(self.steps) - 1


def repeated_attempts(task: TaskRecord) -> list[Attempts]:
    """Each click a task did more than once in a row on one screen (no page visit between), every
    attempt but the last without a visible answer."""
    found: list[Attempts] = []
    current: list[StepRecord] = []
    for step in _clicks(task):
        if current and _same(current[-1], step) and _unanswered(current[-1]) and not _moved(task, current[-1], step):
            current.append(step)
            continue
        if len(current) > 1:
            found.append(Attempts(tuple(current)))
        current = [step]
    if len(current) > 1:
        found.append(Attempts(tuple(current)))
    return found


def _clicks(task: TaskRecord) -> Iterator[StepRecord]:
    return (s for s in task.steps if s.action == "click" and s.status in ("passed", "optional-failed"))


def _same(before: StepRecord, after: StepRecord) -> bool:
    """The same target on the same page (address)."""
    return before.target == after.target and _page(before) == _page(after)


def _page(step: StepRecord) -> str:
    return page_key(step.url_before or step.url or "")


def _unanswered(step: StepRecord) -> bool:
    return step.status == "optional-failed" or step.effect == NO_ANSWER


def _moved(task: TaskRecord, before: StepRecord, after: StepRecord) -> bool:
    """A page visit happened from the earlier attempt up to the later one: another screen."""
    return any(before.index <= visit.step < after.index for visit in task.pages)


def check(data: AuditInput) -> list[Finding]:
    """A warning per click that answered only after being done again; a click that never answered
    is dead-click's finding, not a second one here."""
    return [_finding(journey, task, attempts) for journey, task in attempted_tasks(data.run)
            for attempts in repeated_attempts(task) if attempts.answered]


def _finding(journey: JourneyRecord, task: TaskRecord, attempts: Attempts) -> Finding:
    first, last = attempts.steps[0], attempts.steps[-1]
    label = first.element.label if first.element and first.element.label else first.target or first.name
    evidence = [{"attempt": number, "step": s.index, "clicked": label, "what happened": _outcome(s)}
                for number, s in enumerate(attempts.steps, start=1)]
    count = len(attempts.steps)
    return make_finding(AUDIT, Where(journey, task, last.index, first.url_before or first.url), score=0.7,
                        title=f"“{label}” answered only on click {count}", evidence=evidence, value=count,
                        display_value=f"{count} clicks", screenshot=last.screenshot, key=label)


def _outcome(step: StepRecord) -> str:
    if step.status != "passed":
        return f"it could not be clicked ({step.error})" if step.error else "it could not be clicked"
    return WORDS.get(step.effect or "", step.effect or "not recorded")


AUDIT = Audit(
    id="repeated-attempt",
    category="stability",
    title="Buttons and links answer the first click",
    failure_title="A button answers only when clicked again",
    description="When a click shows nothing, people click again, and again; a button that works only "
                "on a second try makes them doubt whether the first did something (an order sent twice?) "
                "and many give up before trying again.",
    hint="Make the first click count: look for a handler attached late (the page not ready when it "
         "looks ready), an overlay that swallows the first click, or a click that only moves focus; "
         "and show at once that the click was received.",
    check=check,
)
