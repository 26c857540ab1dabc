"""The weights of the score, beside the audits they weigh (as Lighthouse keeps them in its one config):
each category's share of a task's score, and each audit's share of its category (docs/scoring.md)."""

from __future__ import annotations

from dataclasses import dataclass, field

# Adding an audit = one line in AUDIT_WEIGHTS (its category comes from the audit).
CATEGORIES: dict[str, tuple[str, int]] = {
    "effectiveness": ("Task success", 40),
    "speed": ("Speed", 20),
    "navigation": ("Navigation", 15),
    "content": ("Content", 10),
    "accessibility": ("Accessibility", 10),
    "stability": ("Stability", 5),
}
AUDIT_WEIGHTS: dict[str, int] = {
    "task-success": 1,
    "task-time": 1,
    "load-time": 2,
    "slow-interaction": 1,
    "main-thread-freeze": 2,
    "largest-contentful-paint": 1,
    "redirect-chain": 1,
    "redirect-loop": 2,
    "misdirect": 2,
    "quick-back": 1,
    "wrong-item": 2,
    "http-error": 2,
    "broken-link": 1,
    "soft-404": 2,
    "readability": 1,
    "media-relevance": 1,
    "console-error": 1,
    "failed-request": 1,
    "dead-click": 1,
    "repeated-attempt": 1,
    "field-not-kept": 2,
    "layout-shift": 1,
    "accessibility": 1,
}


@dataclass(frozen=True)
class Weights:
    """The weights in force: the table above, with `scoring:` from uxaudit.yaml over it."""

    categories: dict[str, int] = field(default_factory=lambda: {k: w for k, (_, w) in CATEGORIES.items()})
    audits: dict[str, int] = field(default_factory=lambda: dict(AUDIT_WEIGHTS))

    def overridden(self, categories: dict[str, int], audits: dict[str, int]) -> Weights:
        """These weights with some changed (names already checked against the tables)."""
        return Weights({**self.categories, **categories}, {**self.audits, **audits})
