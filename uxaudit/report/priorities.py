"""What to fix first: the run's problems gathered into root causes and ranked by what they cost the
visitor. Every report (HTML, summary.md, terminal) shows this one list, so they name the same causes
in the same order (docs/reports.md#fix-these-first).

A cause is one problem (report/problems.py), together with what is the same fault seen another way:
a failed task whose likely cause is another finding counts for that finding (it is never a cause
of its own); the broken links to, and the redirects on the way to, a page that fails are that page's
fault; a page's slow load and its slow main content are one slow page. Causes that stop a task come
first (most tasks stopped, counting the tasks never reached after them); then the rest, by
severity × reach (tasks, plus journeys weighted by their importance) × cost (the seconds a visitor
waits, or, for a problem that costs no time, the effort it costs them).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from .problems import group_problems

# Problems that stop a visitor: one of these in a failed task is named as its likely cause. A broken
# link is not: it is met wherever a page shows it, clicked or not (one the journey followed is an
# http-error of that page, and the broken links to it join that cause through _FAMILIES).
CAUSE_AUDITS = ("http-error", "soft-404", "misdirect", "redirect-loop", "dead-click")
# Problems that are the same fault when they are about the same page template.
_FAMILIES = {"http-error": "page", "soft-404": "page", "misdirect": "page", "redirect-loop": "page",
             "redirect-chain": "page", "broken-link": "page", "wrong-item": "page",
             "load-time": "slow", "largest-contentful-paint": "slow"}
SEVERITY_WEIGHTS = {"error": 3.0, "warning": 2.0, "info": 1.0}
# Audits whose value is the milliseconds a visitor waits.
WAIT_AUDITS = ("load-time", "largest-contentful-paint", "slow-interaction", "main-thread-freeze")
# What a problem costs a visitor besides waiting, on the scale of one second of waiting: a click that
# does nothing, a picture that has nothing to do with the page, ~1; a script error the visitor
# rarely sees, less; having to find one's way after a wrong turn, or to type again, more.
EFFORT = {"task-success": 2.0, "misdirect": 2.0, "wrong-item": 2.0, "field-not-kept": 2.0, "redirect-loop": 2.0,
          "http-error": 2.0, "soft-404": 2.0, "accessibility": 1.5, "readability": 1.5, "media-relevance": 1.5,
          "quick-back": 1.5, "dead-click": 1.0, "repeated-attempt": 1.0, "broken-link": 1.0, "layout-shift": 1.0,
          "failed-request": 0.5, "redirect-chain": 0.5, "console-error": 0.3, "lighthouse": 0.3}
_TOP = ("error", "warning", "info")

Finding = Mapping[str, Any]
Problem = Sequence[Finding]


@dataclass(frozen=True)
class Cause:
    """One root cause: its problems (the lead first), the tasks it stopped and what it costs."""

    problems: tuple[Problem, ...]
    stops: tuple[str, ...]  # ids of the failed tasks it stopped
    not_reached: tuple[str, ...]  # ids of the tasks skipped because those failed
    tasks: tuple[str, ...]  # ids of every task that met it (the stopped ones too)
    journeys: tuple[str, ...]  # ids of their journeys
    seconds: float  # the longest wait it cost a visitor (0 when it costs no time)
    impact: float

    @property
    def lead(self) -> Finding:
        """The finding that names the cause (the first of its first problem)."""
        return self.problems[0][0]

    @property
    def severity(self) -> str:
        """The most severe of its findings."""
        found = {str(f.get("severity")) for p in self.problems for f in p}
        return next((s for s in _TOP if s in found), "info")

    @property
    def blocks(self) -> int:
        """How many tasks it stopped or kept from being tried."""
        return len(self.stops) + len(self.not_reached)

    def others(self) -> list[Finding]:
        """The first finding of each of its other problems (the same fault seen another way)."""
        return [problem[0] for problem in self.problems[1:]]


def rank_causes(scorecard: Mapping[str, Any]) -> list[Cause]:
    """The run's errors and warnings as root causes, the one to fix first first."""
    journeys = _mappings(scorecard.get("journeys"))
    tasks = {str(t.get("id")): (j, t) for j in journeys for t in _mappings(j.get("tasks"))}
    serious = [f for f in _mappings(scorecard.get("findings")) if f.get("severity") in ("error", "warning")]
    clusters, stops = _clusters(group_problems(serious))
    ranked = [_cause(_ordered(clusters[key]), stops[key], tasks) for key in clusters]
    order = sorted(range(len(ranked)), key=lambda i: (-ranked[i].blocks_weight, -ranked[i].cause.impact, i))
    return [ranked[i].cause for i in order]


def _clusters(problems: list[list[Finding]]) -> tuple[dict[tuple[str, ...], list[Problem]],
                                                        dict[tuple[str, ...], list[str]]]:
    """The problems gathered by root cause, and the failed tasks each cause stopped. A failed task
    without a known cause is a cause of its own."""
    clusters: dict[tuple[str, ...], list[Problem]] = {}
    for problem in problems:
        if problem[0].get("audit") != "task-success":
            clusters.setdefault(_cluster_key(problem[0]), []).append(problem)
    stops: dict[tuple[str, ...], list[str]] = {key: [] for key in clusters}
    for problem in problems:
        if problem[0].get("audit") != "task-success":
            continue
        task = str(problem[0].get("task"))
        key = next((k for k, ps in clusters.items() if _stopped(ps, task)), ("task-success", task))
        clusters.setdefault(key, [problem])
        stops.setdefault(key, []).append(task)
    return clusters, stops


def cause_of_failed_task(findings: Iterable[Finding], task: object) -> Finding | None:
    """The finding that most likely stopped a failed task: a page that failed, looped, sent the
    visitor elsewhere or was a dead end, met in that task."""
    return next((f for f in findings if f.get("audit") in CAUSE_AUDITS and f.get("task") == task), None)


def _stopped(problems: list[Problem], task: str) -> bool:
    return any(f.get("audit") in CAUSE_AUDITS and f.get("task") == task for p in problems for f in p)


def _cluster_key(finding: Finding) -> tuple[str, ...]:
    audit = str(finding.get("audit"))
    family = _FAMILIES.get(audit)
    if family is None:
        return ("problem", audit, str(finding.get("severity")), _page(finding), str(finding.get("key")))
    return ("family", family, _page(finding))


def _page(finding: Finding) -> str:
    return str(finding.get("template") or str(finding.get("url") or "").split("#")[0])


def _ordered(problems: list[Problem]) -> tuple[Problem, ...]:
    """The problem that names the cause first: one that stops a visitor, then the most severe."""
    def rank(problem: Problem) -> tuple[int, int, int]:
        lead = problem[0]
        severity = _TOP.index(str(lead.get("severity"))) if lead.get("severity") in _TOP else len(_TOP)
        return (0 if lead.get("audit") == "task-success" else 1,
                0 if lead.get("audit") in CAUSE_AUDITS and lead.get("audit") != "broken-link" else 1, severity)
    return tuple(sorted(problems, key=rank))


@dataclass(frozen=True)
class _Ranked:
    cause: Cause
    blocks_weight: float


def _cause(problems: tuple[Problem, ...], stopped: list[str],
           tasks: Mapping[str, tuple[Finding, Finding]]) -> _Ranked:
    findings = [f for p in problems for f in p]
    not_reached = [t for s in stopped for t in _skipped_after(s, tasks)]
    met = list(dict.fromkeys([*(str(f.get("task")) for f in findings if f.get("task")), *stopped]))
    journeys = list(dict.fromkeys(str(f.get("journey")) for f in findings if f.get("journey")))
    importance = {j: _importance(tasks, j) for j in journeys}
    reach = len(met) + sum(importance.values())
    seconds = max((_wait_seconds(f, tasks) for f in findings), default=0.0)
    effort = max(EFFORT.get(str(f.get("audit")), 1.0) for f in findings)
    severity = max(SEVERITY_WEIGHTS.get(str(f.get("severity")), 1.0) for f in findings)
    impact = round(severity * reach * (seconds or effort), 2)
    blocked = sum(_importance_of_task(tasks, t) for t in [*stopped, *not_reached])
    cause = Cause(problems, tuple(stopped), tuple(not_reached), tuple(met), tuple(journeys), seconds, impact)
    return _Ranked(cause, blocked)


def _skipped_after(task_id: str, tasks: Mapping[str, tuple[Finding, Finding]]) -> list[str]:
    """The tasks of the same journey after a failed one that were skipped (never tried)."""
    if task_id not in tasks:
        return []
    journey, _ = tasks[task_id]
    ids = [str(t.get("id")) for t in _mappings(journey.get("tasks"))]
    return [t for t in ids[ids.index(task_id) + 1:] if tasks[t][1].get("status") == "skipped"]


def _wait_seconds(finding: Finding, tasks: Mapping[str, tuple[Finding, Finding]]) -> float:
    value = finding.get("value")
    if not isinstance(value, int | float) or isinstance(value, bool):
        return 0.0
    if finding.get("audit") in WAIT_AUDITS:
        return max(0.0, value / 1000)
    if finding.get("audit") == "task-time":
        limit = (tasks.get(str(finding.get("task"))) or ({}, {}))[1].get("max_duration_ms")
        return max(0.0, (value - limit) / 1000) if isinstance(limit, int | float) else 0.0
    return 0.0


def _importance(tasks: Mapping[str, tuple[Finding, Finding]], journey_id: str) -> float:
    journey = next((j for j, _ in tasks.values() if str(j.get("id")) == journey_id), {})
    return journey_importance(journey)


def _importance_of_task(tasks: Mapping[str, tuple[Finding, Finding]], task_id: str) -> float:
    return journey_importance(tasks[task_id][0]) if task_id in tasks else 1.0


def journey_importance(journey: Mapping[str, Any]) -> float:
    """How much a journey matters (`importance`, 1 when it does not say)."""
    value = journey.get("importance")
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) and value >= 0 else 1.0


def story_order(journeys: Iterable[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """Journeys in the story's order: by `order` (those without one after), then the more important
    first, then as the scorecard lists them."""
    def key(indexed: tuple[int, Mapping[str, Any]]) -> tuple[bool, float, float, int]:
        index, journey = indexed
        order = journey.get("order")
        place = float(order) if isinstance(order, int | float) and not isinstance(order, bool) else None
        return (place is None, place or 0.0, -journey_importance(journey), index)
    return [journey for _, journey in sorted(enumerate(journeys), key=key)]


def _mappings(value: object) -> list[Mapping[str, Any]]:
    return [item for item in value if isinstance(item, Mapping)] if isinstance(value, list) else []


def worst_speed(causes: Sequence[Cause]) -> Cause | None:
    """The highest-ranked cause that makes visitors wait."""
    return next((c for c in causes if c.seconds > 0), None)


def worst_effort(causes: Sequence[Cause]) -> Cause | None:
    """The highest-ranked cause that costs visitors effort rather than time, and stops no task."""
    return next((c for c in causes if not c.seconds and not c.stops and c.lead.get("audit") != "task-success"), None)


def impact_words(cause: Cause, task_names: Mapping[str, str]) -> str:
    """What a cause does, in a line for summary.md and the terminal: the tasks it stops (and how many
    were never tried after them), how many tasks and journeys met it, the wait it costs."""
    parts = [f"on {page_of(cause.lead)}"] if page_of(cause.lead) else []
    if cause.stops:
        stopped = "; ".join(task_names.get(t, t) for t in cause.stops)
        later = len(cause.not_reached)
        parts.append(f"stops {stopped}" + (f" ({_count(later, 'later task')} never tried)" if later else ""))
    if len(cause.tasks) > len(cause.stops) or not cause.stops:
        tasks, journeys = len(cause.tasks), len(cause.journeys)
        parts.append(f"met in {_count(tasks, 'task')} of {_count(journeys, 'journey')}")
    if cause.seconds:
        parts.append(f"{'up to ' if len(cause.tasks) > 1 else ''}{cause.seconds:.1f} s of waiting")
    return "; ".join(parts)


def task_labels(scorecard: Mapping[str, Any]) -> dict[str, str]:
    """Task id → `Journey › Task`, as the reports name a task (the task's name alone when its journey
    has the same name: "Open my account", not "Open my account › Open my account")."""
    labels = {}
    for journey in _mappings(scorecard.get("journeys")):
        for task in _mappings(journey.get("tasks")):
            names = list(dict.fromkeys(str(n) for n in (journey.get("name") or journey.get("id"),
                                                        task.get("name") or task.get("id"))))
            labels[str(task.get("id"))] = " › ".join(names)
    return labels


def page_of(finding: Finding) -> str:
    """The page of a finding as its address on the site (`/support`), when its title does not
    already name it; "" for a finding without an http(s) page."""
    parts = urlsplit(str(finding.get("template") or finding.get("url") or ""))
    if parts.scheme not in ("http", "https"):
        return ""
    page = (parts.path or "/") + (f"#{parts.fragment}" if parts.fragment else "")
    return "" if page in str(finding.get("title") or "") else page


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"
