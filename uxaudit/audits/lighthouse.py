"""lighthouse: Lighthouse's four category scores on the pages the journeys asked it to audit.

Lighthouse's numbers are shown beside uxaudit's scores, not mixed into them: its performance and
accessibility measure, in a lab setting, what load-time, largest-contentful-paint, layout-shift and
accessibility already measure on the journey itself, and counting both would weigh a page twice.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..artifacts import LIGHTHOUSE, JourneyRecord, LighthouseResult, StepRecord, TaskRecord
from .base import Audit, AuditInput, Finding, Where, attempted_tasks, make_finding, short_url

CATEGORY_NAMES = {"performance": "performance", "accessibility": "accessibility",
                  "best-practices": "best practices", "seo": "SEO"}
GOOD = 0.9  # Lighthouse's own green band starts at 90


def check(data: AuditInput) -> list[Finding]:
    """A finding per audited page with a category under 90 (severity from the lowest); one for a
    page Lighthouse could not audit."""
    findings = []
    for journey, task, step, result in lighthouse_results(data):
        if result.error:
            findings.append(_not_audited(journey, task, step, result))
        elif any(score < GOOD for score in result.scores.values()):
            findings.append(_low_scores(journey, task, step, result))
    return findings


def lighthouse_results(data: AuditInput) -> Iterator[tuple[JourneyRecord, TaskRecord, StepRecord, LighthouseResult]]:
    """Every Lighthouse result of the run, where it was taken."""
    for journey, task in attempted_tasks(data.run):
        for step in task.steps:
            if step.lighthouse is not None:
                yield journey, task, step, step.lighthouse


def _low_scores(journey: JourneyRecord, task: TaskRecord, step: StepRecord, result: LighthouseResult) -> Finding:
    low = {c: s for c, s in result.scores.items() if s < GOOD}
    summary = ", ".join(f"{CATEGORY_NAMES.get(c, c)} {round(s * 100)}" for c, s in low.items())
    evidence: list[dict[str, object]] = [
        {"category": CATEGORY_NAMES.get(item.category, item.category), "Lighthouse audit": item.title,
         "result": item.display_value or f"score {round(item.score * 100)}"}
        for item in result.failing if item.category in low]
    evidence.append({"full Lighthouse report": result.report_html,
                     "measured": f"{result.form_factor}, median of {result.runs_completed} run(s), "
                                 f"in the journey's session"})
    return make_finding(AUDIT, Where(journey, task, step.index, result.url), score=min(low.values()),
                        title=f"Lighthouse scores “{short_url(result.url)}” low: {summary}",
                        evidence=evidence, value=round(min(low.values()) * 100), display_value=summary)


def _not_audited(journey: JourneyRecord, task: TaskRecord, step: StepRecord, result: LighthouseResult) -> Finding:
    return make_finding(AUDIT, Where(journey, task, step.index, result.url), score=1.0, severity="info",
                        title=f"Lighthouse could not audit “{short_url(result.url)}”",
                        evidence=[{"url": result.url, "why": result.error}])


AUDIT = Audit(
    id="lighthouse",
    category="lighthouse",
    title="Lighthouse scores the audited pages 90 or more in every category",
    failure_title="Lighthouse scores a page under 90",
    description="Lighthouse is Google's page checker: its performance, accessibility, best-practices and "
                "SEO scores are what many teams and search engines look at. A low score points at "
                "problems visitors feel and at pages search engines rank lower.",
    hint="Open the full Lighthouse report linked in the evidence: each failing check there explains "
         "itself and how to fix it, costliest first.",
    check=check,
    needs=frozenset({LIGHTHOUSE}),
)
