"""main-thread-freeze: a click, key press or typing gets an answer on screen without the page
freezing (Event Timing and long tasks, as Interaction to Next Paint measures them)."""

from __future__ import annotations

from typing import Any

from ..artifacts import FOCUSED, Freeze, JourneyRecord, StepRecord, TaskRecord
from .base import Audit, AuditInput, Finding, Where, attempted_tasks, make_finding, short_url
from .curves import log_normal_score

# What a visitor does with their own hands; a `goto` loading a page is load-time's and Lighthouse's.
INTERACTIONS = {"click": "clicking", "press": "pressing", "fill": "typing into", "type": "typing into",
                "select": "choosing in", "check": "ticking", "uncheck": "unticking"}


def check(data: AuditInput) -> list[Finding]:
    """A finding per interaction whose worst freeze scores below 0.9 on the INP curve."""
    findings = []
    for journey, task in attempted_tasks(data.run):
        curve = data.thresholds_for(journey, task).freeze
        for step in task.steps:
            if step.action in INTERACTIONS and step.status != "skipped" and step.freeze is not None:
                score = log_normal_score(curve, step.freeze.worst_ms)
                if score < 0.9:
                    findings.append(_frozen(journey, task, step, step.freeze, score))
    return findings


def _frozen(journey: JourneyRecord, task: TaskRecord, step: StepRecord, freeze: Freeze, score: float) -> Finding:
    seconds = freeze.worst_ms / 1000
    where = f" (on {short_url(step.url)})" if step.url else ""
    return make_finding(AUDIT, Where(journey, task, step.index, step.url), score=score,
                        title=f"The page froze for {seconds:.1f} s after {_action(step)}{where}",
                        evidence=[_evidence(step, freeze)], value=round(freeze.worst_ms),
                        display_value=f"{seconds:.1f} s", screenshot=step.screenshot, key=_action(step))


def _action(step: StepRecord) -> str:
    """“clicking “Log in””, “pressing Enter”, “typing into “Surname””."""
    verb = INTERACTIONS[step.action]
    if step.action == "press" and not step.element:
        return f"{verb} {step.target or 'a key'}"
    if step.action == "type" and step.target == FOCUSED:
        return "typing"
    what = step.element.label if step.element and step.element.label else (step.target or step.name)
    return f"{verb} “{what.strip('“”')}”"  # a plain-text target is already quoted (“Surname”)


def _evidence(step: StepRecord, freeze: Freeze) -> dict[str, Any]:
    row: dict[str, Any] = {"step": step.index, "action": step.name, "page": step.url}
    if freeze.interaction_ms is not None:
        row.update({"until the screen answered": f"{freeze.interaction_ms / 1000:.2f} s ({freeze.event})",
                    "waiting to start": f"{(freeze.input_delay_ms or 0) / 1000:.2f} s",
                    "the page's own code": f"{(freeze.processing_ms or 0) / 1000:.2f} s",
                    "drawing the answer": f"{(freeze.presentation_ms or 0) / 1000:.2f} s"})
    if freeze.long_tasks:
        row.update({"long tasks": freeze.long_tasks, "longest": f"{freeze.longest_task_ms / 1000:.2f} s",
                    "blocking time": f"{freeze.blocking_ms / 1000:.2f} s"})
    if freeze.scripts:
        row["busy in"] = "; ".join(freeze.scripts)
    return row


AUDIT = Audit(
    id="main-thread-freeze",
    category="speed",
    title="The page stays responsive",
    failure_title="The page freezes after an action",
    description="While a page's scripts keep it busy, nothing on it responds: clicks, typing and "
                "scrolling wait, and the screen does not change. Past about 200 ms people notice; past "
                "half a second the page feels broken.",
    hint="Find the long-running code in 'busy in' (your browser's Performance panel shows it too). Split "
         "long work into smaller pieces that yield to the browser, move heavy work to a Web Worker or the "
         "server, and show the answer to the click first, doing the rest afterwards.",
    check=check,
)
