"""quick-back: a page keeps the visitor, instead of sending them back where they came from.

A quick back (as session-replay tools call it) is a page left within seconds for the page before it.
A scenario never changes its mind, so the backs it asks for (a click, a key, an address) are its own
path, counted in the task's effort; what this audit reports is the site taking the visitor back
while they did not ask to go anywhere (waiting, reading, checking the page)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ..artifacts import JourneyRecord, PageVisit, StepRecord, TaskRecord
from .base import Audit, AuditInput, Finding, Where, make_finding, short_url
from .url_template import is_hash_route

QUICK_BACK_S = 5.0  # session-replay tools' window: long enough to see the page, too short to use it
# The steps during which a visitor asks for nothing: a page that moves then does it on its own. Any
# other step acts on the page (a click, a key, typing that may submit a form) and may ask to move.
PASSIVE = frozenset({"wait", "expect", "hover", "scroll", "screenshot"})


@dataclass(frozen=True)
class QuickBack:
    """A page (`left`) given up for the one before it (`back`, the same address as `came_from`)."""

    task: TaskRecord
    came_from: PageVisit
    left: PageVisit
    back: PageVisit
    step: StepRecord  # the step during which the visitor was taken back
    after_ms: float  # the visitor's time on the page left: the steps from arriving to going back

    @property
    def asked(self) -> bool:
        """The visitor's own step may have gone there (an address, a click, a key, typing into a field
        that submits itself): the journey's path, not the site's doing."""
        return self.step.action not in PASSIVE


def page_key(url: str) -> str:
    """Which page an address is, for telling pages apart: the address without its fragment (a hash
    route, `#/cart`, is kept: it is another screen); the query stays (another search, another page)."""
    address, _, fragment = url.partition("#")
    return url if is_hash_route(fragment) else address


def quick_backs(journey: JourneyRecord) -> Iterator[QuickBack]:
    """Every return to the page before, within QUICK_BACK_S of arriving, in the journey's tasks
    that ran; pages are followed across tasks (a task may start on the page the last one left)."""
    shown: list[tuple[TaskRecord, PageVisit]] = []
    for task in journey.tasks:
        if task.status == "skipped":
            continue
        for visit in task.pages:
            if visit.error is None:
                shown.append((task, visit))
                found = _quick_back(shown)
                if found is not None:
                    yield found


def _quick_back(shown: list[tuple[TaskRecord, PageVisit]]) -> QuickBack | None:
    if len(shown) < 3:
        return None
    (_, came_from), (left_in, left), (task, back) = shown[-3:]
    if left_in is not task or back.step <= left.step:
        return None  # left in another task, or within the step that arrived (a redirect: misdirect's)
    home, away, returned = (page_key(v.final_url) for v in (came_from, left, back))
    if returned != home or away == home:
        return None
    after_ms = sum(s.duration_ms for s in task.steps if left.step < s.index <= back.step)
    if after_ms > QUICK_BACK_S * 1000 or not 0 < back.step <= len(task.steps):
        return None
    return QuickBack(task, came_from, left, back, task.steps[back.step - 1], after_ms)


def check(data: AuditInput) -> list[Finding]:
    """A warning per page that took the visitor back to the page before within seconds, unasked."""
    return [_finding(journey, back) for journey in data.run.journeys
            for back in quick_backs(journey) if not back.asked]


def _finding(journey: JourneyRecord, back: QuickBack) -> Finding:
    how = {"popstate": "the browser's history (back)", "replaceState": "the page replacing its address",
           "pushState": "the page changing its address"}.get(back.back.via or "", "a new page load")
    evidence = [{"arrived at": back.left.final_url, "step": back.left.step,
                 "taken back to": back.back.final_url, "during step": f"{back.step.index}: {back.step.name}",
                 "ms": round(back.after_ms), "how": how}]
    seconds = f"{back.after_ms / 1000:.1f} s"
    return make_finding(AUDIT, Where(journey, back.task, back.step.index, back.left.final_url), score=0.6,
                        title=f"{short_url(back.left.final_url)} sent the visitor back to "
                              f"{short_url(back.back.final_url)} after {seconds}",
                        evidence=evidence, value=round(back.after_ms), display_value=f"back after {seconds}",
                        screenshot=back.back.screenshot)


AUDIT = Audit(
    id="quick-back",
    category="navigation",
    title="Pages keep the visitor they were opened for",
    failure_title="A page sends the visitor back where they came from",
    description="A page that takes people back to where they were, seconds after they arrived and "
                "without being asked, throws away what they came for; they are left wondering whether "
                "they did something wrong.",
    hint="Find what moves the page back (a script calling history.back(), a redirect to the referring "
         "page, a time-out or a check that fails on arrival) and show the visitor why instead, on the "
         "page they opened.",
    check=check,
)
