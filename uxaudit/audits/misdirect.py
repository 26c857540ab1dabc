"""misdirect: a link takes the visitor where its words promise, not back home or to where they were."""

from __future__ import annotations

from urllib.parse import urlsplit

from ..artifacts import JourneyRecord, PageVisit, StepRecord, TaskRecord
from .base import Audit, AuditInput, Finding, Where, attempted_tasks, make_finding, short_url


def check(data: AuditInput) -> list[Finding]:
    """An error per clicked link that promised another page but landed home or back where it started."""
    findings = []
    for journey, task in attempted_tasks(data.run):
        for step in task.steps:
            landing = _landing(task, step)
            if landing is not None and _misdirected(step, landing):
                findings.append(_misdirect(journey, task, step, landing))
    return findings


def _landing(task: TaskRecord, step: StepRecord) -> PageVisit | None:
    """The page the click ended on: the last visit it caused."""
    visits = [v for v in task.pages if v.step == step.index and v.error is None]
    return visits[-1] if visits else None


def _misdirected(step: StepRecord, landing: PageVisit) -> bool:
    href = step.element.href if step.element else None
    if step.action != "click" or not href or not step.url_before:
        return False
    promised, landed, before = urlsplit(href), urlsplit(landing.final_url), urlsplit(step.url_before)
    if promised.netloc != landed.netloc or _path(promised.path) in ("/", _path(landed.path)):
        return False  # another site, a link home, or it went where it said
    return _path(landed.path) == "/" or _path(landed.path) == _path(before.path)


def _path(path: str) -> str:
    return path.rstrip("/") or "/"


def _misdirect(journey: JourneyRecord, task: TaskRecord, step: StepRecord, landing: PageVisit) -> Finding:
    label = step.element.label if step.element and step.element.label else step.name
    href = step.element.href if step.element else None
    where = "the home page" if _path(urlsplit(landing.final_url).path) == "/" else "the page it started from"
    hops = " → ".join(f"{short_url(h.url)} ({h.status})" for h in landing.redirects) or "none"
    evidence = [{"clicked": label, "link goes to": href, "redirects": hops, "landed on": landing.final_url}]
    return make_finding(AUDIT, Where(journey, task, step.index, href), score=0.2,
                        title=f"“{label}” leads back to {where} instead of {short_url(href or '')}",
                        evidence=evidence, display_value="wrong destination", screenshot=step.screenshot)


AUDIT = Audit(
    id="misdirect",
    category="navigation",
    title="Links lead where their words promise",
    failure_title="A link leads somewhere other than it promises",
    description="A button like “Get started” that drops people back on the home page breaks their "
                "trust: they did what the site asked and got nowhere.",
    hint="Follow the redirects in the evidence and make the link end on the page its words promise "
         "(or change the words to match where it goes).",
    check=check,
)
