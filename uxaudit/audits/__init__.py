"""Stage 3, AUDIT: ALL_AUDITS, the one registry of audits in report order, and `run_audits` over
the artifacts (weights: weights.py; thresholds: thresholds.py)."""

from __future__ import annotations

import traceback
from collections.abc import Iterator

from ..artifacts import RunArtifacts
from . import (
    accessibility,
    broken_link,
    console_error,
    dead_click,
    failed_request,
    field_not_kept,
    http_error,
    largest_contentful_paint,
    layout_shift,
    lighthouse,
    load_time,
    main_thread_freeze,
    media_relevance,
    misdirect,
    quick_back,
    readability,
    redirect_chain,
    redirect_loop,
    repeated_attempt,
    slow_interaction,
    soft_404,
    task_success,
    task_time,
    wrong_item,
)
from .base import Audit, AuditInput, Finding

ALL_AUDITS: tuple[Audit, ...] = (
    task_success.AUDIT,
    task_time.AUDIT,
    load_time.AUDIT,
    largest_contentful_paint.AUDIT,
    slow_interaction.AUDIT,
    main_thread_freeze.AUDIT,
    redirect_chain.AUDIT,
    redirect_loop.AUDIT,
    misdirect.AUDIT,
    quick_back.AUDIT,
    wrong_item.AUDIT,
    broken_link.AUDIT,
    http_error.AUDIT,
    soft_404.AUDIT,
    readability.AUDIT,
    media_relevance.AUDIT,
    console_error.AUDIT,
    failed_request.AUDIT,
    dead_click.AUDIT,
    repeated_attempt.AUDIT,
    field_not_kept.AUDIT,
    layout_shift.AUDIT,
    accessibility.AUDIT,
    lighthouse.AUDIT,
)
AUDITS_BY_ID = {audit.id: audit for audit in ALL_AUDITS}


def applicable_audits(run: RunArtifacts) -> tuple[Audit, ...]:
    """The audits that could judge this run: not those that need evidence of a tool the run could
    not use (Audit.needs), which are left out of the scores rather than counted as passed."""
    return tuple(audit for audit in ALL_AUDITS if audit.applies_to(run))


def audits_needing(tool: str) -> tuple[str, ...]:
    """The ids of the audits that need a tool's evidence (a note about the tool is about them)."""
    return tuple(audit.id for audit in ALL_AUDITS if tool in audit.needs)


def run_audits(data: AuditInput, audits: tuple[Audit, ...] = ALL_AUDITS) -> list[Finding]:
    """Every audit's findings; an audit that throws becomes one error finding and the rest go on."""
    return [finding for _, found in each_audit(data, audits) for finding in found]


def each_audit(data: AuditInput, audits: tuple[Audit, ...] = ALL_AUDITS) -> Iterator[tuple[Audit, list[Finding]]]:
    """Each audit with its whole findings, one audit at a time (so that after Ctrl-C the audits
    already done still count: see pipeline.audit_and_report)."""
    for audit in audits:
        try:
            found = list(audit.check(data))
        except Exception as exc:  # noqa: BLE001 - one broken audit must not hide the others' findings
            found = [_audit_failed(audit, exc)]
        yield audit, found


def audit_notes(data: AuditInput, audits: tuple[Audit, ...] = ALL_AUDITS) -> list[tuple[str, str]]:
    """What the audits left out because it is about the test machine, not the site, as (audit id,
    note) pairs; an audit whose notes throw says so in a note (its check reports the error)."""
    notes: list[tuple[str, str]] = []
    for audit in audits:
        try:
            notes.extend((audit.id, text) for text in (audit.notes(data) if audit.notes else ()))
        except Exception as exc:  # noqa: BLE001 - the scorecard must still be written
            notes.append((audit.id, f"The “{audit.id}” audit could not make its notes ({type(exc).__name__}: {exc})."))
    return notes


def _audit_failed(audit: Audit, exc: Exception) -> Finding:
    """About the run, not the site: no journey or task, and score 1 so it changes no score."""
    where = traceback.extract_tb(exc.__traceback__)[-1]
    return Finding(audit=audit.id, category=audit.category, severity="error", score=1.0,
                   title=f"The “{audit.id}” audit could not run", description=audit.description,
                   hint="This is a bug in uxaudit: please report it with the evidence.",
                   journey="", journey_name="",
                   evidence=({"error": f"{type(exc).__name__}: {exc}", "at": f"{where.filename}:{where.lineno}"},))
