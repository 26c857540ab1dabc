"""accessibility: every page state a journey leaves passes axe-core's WCAG 2.x A/AA rules."""

from __future__ import annotations

from dataclasses import replace

from ..artifacts import AXE_CORE, A11yViolation, JourneyRecord, TaskRecord
from .base import Audit, AuditInput, Finding, Where, attempted_tasks, by_page, make_finding, page_name, pages_of

# axe's impact → a finding's score (and so its severity): critical and serious block people
# (errors), moderate gets in their way (warning), minor is information.
IMPACT_SCORES = {"critical": 0.0, "serious": 0.3, "moderate": 0.6, "minor": 0.9}
MORE_HELP = "The rule's help link in the evidence explains it with examples."
# The fixes for the rules sites break most, in words a designer or writer can act on.
PLAIN_FIXES = {
    "image-alt": "Give each image listed a short text alternative (alt) that says what it shows, or an empty "
                 "one (alt=\"\") if it is only decoration.",
    "color-contrast": "Make the text darker (or its background lighter) until the contrast is at least 4.5 to 1 "
                      "(3 to 1 for large text); a contrast checker shows the ratio.",
    "label": "Give each form field a visible label tied to it, so a screen reader says what to type.",
    "button-name": "Give each button a name people can hear: visible text, or an aria-label for an icon button.",
    "link-name": "Give each link text that says where it goes (or an aria-label for an image link).",
    "meta-viewport": "Let people zoom: remove user-scalable=no and maximum-scale below 2 from the page's "
                     "viewport tag.",
    "html-has-lang": "Say the page's language on its html element (lang=\"en\"), so it is read out correctly.",
    "document-title": "Give the page a title that says what it is; it is the first thing a screen reader reads.",
    "heading-order": "Use headings in order (a level 2 under a level 1, and so on), without skipping levels.",
    "region": "Put all the page's content inside landmarks (header, nav, main, footer), so people can jump "
              "between them.",
}


def check(data: AuditInput) -> list[Finding]:
    """One finding per broken rule per page template (within a task), with the elements that break it."""
    findings: list[Finding] = []
    for journey, task in attempted_tasks(data.run):
        for url, (step, violations) in by_page(task, lambda s: s.accessibility, lambda v: True).items():
            for rule in _merged_by_rule(violations):
                pages = pages_of(v for v in violations if v.rule == rule.rule)
                findings.append(_rule_finding(journey, task, url, step, rule, pages))
    return findings


def notes(data: AuditInput) -> list[str]:
    """The page states axe-core could not finish checking (a very large page): their accessibility is
    not known, which a report must not present as "no problem found"."""
    unchecked: dict[str, str] = {}
    for _, task in attempted_tasks(data.run):
        for step in task.steps:
            if step.accessibility_unchecked:
                unchecked.setdefault(step.url or "", step.accessibility_unchecked)
    return [f"The accessibility of {page_name([url])} was not checked: {why}. Check that page with a browser "
            "extension (axe DevTools) or make it smaller; its problems are not in this report."
            for url, why in unchecked.items()]


def _merged_by_rule(violations: list[A11yViolation]) -> list[A11yViolation]:
    """The same rule seen in several states of one page: one entry, with every offending selector."""
    merged: dict[str, A11yViolation] = {}
    for violation in violations:
        seen = merged.get(violation.rule)
        if seen is None:
            merged[violation.rule] = violation
            continue
        targets = tuple(dict.fromkeys(seen.targets + violation.targets))
        merged[violation.rule] = replace(seen, targets=targets, nodes=max(seen.nodes, violation.nodes))
    return list(merged.values())


def _rule_finding(journey: JourneyRecord, task: TaskRecord, url: str, step: int, rule: A11yViolation,
                  pages: list[str]) -> Finding:
    elements = f"{rule.nodes} element{'s' if rule.nodes != 1 else ''}"
    evidence = {"rule": rule.rule, "impact": rule.impact, "what it asks": rule.help, "help": rule.help_url,
                "elements": ", ".join(rule.targets) + (" …" if rule.nodes > len(rule.targets) else ""),
                "markup": rule.html, "WCAG": ", ".join(_wcag_name(t) for t in rule.wcag),
                "pages": ", ".join(pages) if len(pages) > 1 else None}  # one page template, several addresses
    return make_finding(AUDIT, Where(journey, task, step, url or None), score=IMPACT_SCORES.get(rule.impact, 0.6),
                        title=f"{page_name(pages or [url])}: {rule.help.rstrip('.')} ({elements})",
                        evidence=[{k: v for k, v in evidence.items() if v}], value=rule.nodes,
                        display_value=f"{rule.impact}, {elements}", key=rule.rule, hint=_fix(rule))


def _fix(rule: A11yViolation) -> str | None:
    """How to fix this rule: in plain words for the rules sites break most, else what axe found
    wrong with the first element; None keeps the audit's general hint."""
    plain = PLAIN_FIXES.get(rule.rule)
    found = next((line.strip() for line in rule.fix.splitlines()
                  if line.strip() and not line.strip().endswith(":")), "")
    if plain:
        return f"{plain} {MORE_HELP}"
    return f"What axe found on the first element: {found.rstrip('.')}. {MORE_HELP}" if found else None


def _wcag_name(tag: str) -> str:
    """wcag111 → 1.1.1, the success criterion's number as WCAG writes it."""
    digits = tag.removeprefix("wcag")
    return f"{digits[0]}.{digits[1]}.{digits[2:]}" if len(digits) >= 3 else tag


AUDIT = Audit(
    id="accessibility",
    category="accessibility",
    title="Pages can be used with a screen reader, a keyboard or low vision",
    failure_title="A page breaks accessibility rules",
    description="About one in five people has a disability. A picture without a text alternative, "
                "a button without a name or text too faint to read locks some of them out, and is "
                "also against the law in many countries (WCAG 2 level AA).",
    hint="Open the rule's help link in the evidence: it explains the fix, usually a small change in "
         "the markup of the elements listed (an alt text, a label, a stronger colour).",
    check=check,
    notes=notes,
    notes_kind="not-checked",
    needs=frozenset({AXE_CORE}),
)
