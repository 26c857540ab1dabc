"""One problem, however many tasks met it: the scorecard has a finding per task, and every report
(HTML, Markdown, terminal) shows and counts the problems, so they must agree on what "the same" is."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

# Audits about the task itself, not a page: two tasks are two problems, even on one page.
PER_TASK_AUDITS = ("task-success", "task-time")


def problem_key(finding: Mapping[str, Any]) -> tuple[str, ...]:
    """The same check and severity on the same page template (`/users/5` and `/users/9` are one page:
    the finding's `template`), and the same rule or element where the check has one. A scorecard
    older than 1.3 has no template: there the address counts, with its query, without its fragment."""
    page = str(finding.get("template") or str(finding.get("url") or "").split("#")[0])
    task = str(finding.get("task")) if finding.get("audit") in PER_TASK_AUDITS else ""
    return str(finding.get("audit")), str(finding.get("severity")), page, str(finding.get("key")), task


def group_problems(findings: Iterable[Mapping[str, Any]]) -> list[list[Mapping[str, Any]]]:
    """The findings grouped by problem, in the order each problem was first met."""
    groups: dict[tuple[str, ...], list[Mapping[str, Any]]] = {}
    for finding in findings:
        groups.setdefault(problem_key(finding), []).append(finding)
    return list(groups.values())


def stored_problem_key(finding_id: str, audit: str, severity: str) -> tuple[str, ...]:
    """problem_key for a finding the history stored by its id alone (`audit:task:template[:key]`):
    the id without its task names the same check on the same page template and key."""
    if audit in PER_TASK_AUDITS:
        return audit, severity, finding_id
    parts = finding_id.split(":", 2)
    return audit, severity, parts[2] if len(parts) == 3 else ""


@dataclass(frozen=True)
class StoredProblem:
    """A problem of a stored run: the check, severity and title of its first finding, and how many
    tasks met it."""

    audit: str
    severity: str
    title: str
    tasks: int


def stored_problems(findings: Mapping[str, tuple[str, str, str]], ids: Iterable[str]) -> list[StoredProblem]:
    """These findings of a stored run (id → (audit, severity, title)) as problems, counted as the
    reports count them, errors first."""
    groups: dict[tuple[str, ...], list[tuple[str, str, str]]] = {}
    for fid in ids:
        audit, severity, title = findings[fid]
        groups.setdefault(stored_problem_key(fid, audit, severity), []).append((audit, severity, title))
    problems = [StoredProblem(*seen[0], tasks=len(seen)) for seen in groups.values()]
    order = ("error", "warning", "info")
    return sorted(problems, key=lambda p: order.index(p.severity) if p.severity in order else len(order))
