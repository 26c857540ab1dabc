"""What each audit is called in the reports: a plain name a designer reads on a badge, instead of its
id (`soft-404`), which stays in a tooltip and in the docs' anchors. REPORT may not import AUDIT, so
the names live here; tests/report/test_audit_names.py checks that every audit has one."""

from __future__ import annotations

PLAIN_NAMES = {
    "task-success": "Task not completed",
    "task-time": "Task over its time limit",
    "load-time": "Slow page",
    "largest-contentful-paint": "Main content slow to show",
    "slow-interaction": "Slow to answer a click",
    "main-thread-freeze": "Page freezes",
    "redirect-chain": "Chain of redirects",
    "redirect-loop": "Redirect loop",
    "misdirect": "Link leads elsewhere",
    "quick-back": "Visitor sent back",
    "wrong-item": "Link opens the wrong item",
    "broken-link": "Broken link",
    "http-error": "Page answers with an error",
    "soft-404": "“Not found” page that claims success",
    "readability": "Hard to read",
    "media-relevance": "Unrelated video or picture",
    "console-error": "Script errors",
    "failed-request": "Files that did not load",
    "dead-click": "Click does nothing",
    "repeated-attempt": "Needs a second click",
    "field-not-kept": "Form field loses what is typed",
    "layout-shift": "Content jumps around",
    "accessibility": "Accessibility",
    "lighthouse": "Lighthouse score",
}


def plain_name(audit: object) -> str:
    """The audit's plain name; an audit this version does not know by its id, made readable."""
    name = PLAIN_NAMES.get(str(audit))
    if name:
        return name
    words = str(audit or "check").replace("-", " ").replace("_", " ").strip()
    return words[:1].upper() + words[1:]
