"""Every audit threshold in one place (documented in docs/audits.md#thresholds); `thresholds:` in
uxaudit.yaml overrides any of them for a run (and for `uxaudit report`, which re-audits)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any


@dataclass(frozen=True)
class Curve:
    """Log-normal control points: the value scoring 0.9 (p10) and the one scoring 0.5 (median)."""

    p10: float
    median: float


@dataclass(frozen=True)
class Thresholds:
    """Defaults follow Lighthouse where it publishes a number."""

    # Page fully loaded (load event). Lighthouse's Time to Interactive control points, the closest
    # published curve for "the page is done": desktop 2.5 s / 4.5 s, mobile 3.8 s / 7.3 s.
    load_time_desktop: Curve = Curve(p10=2468, median=4500)
    load_time_mobile: Curve = Curve(p10=3785, median=7300)
    # Largest Contentful Paint and Cumulative Layout Shift: Lighthouse's control points.
    lcp_desktop: Curve = Curve(p10=1200, median=2400)
    lcp_mobile: Curve = Curve(p10=2500, median=4000)
    cls: Curve = Curve(p10=0.1, median=0.25)
    redirects_warning: int = 2  # redirects before a page shows: a warning from here
    redirects_error: int = 4  # and an error from here
    # Flesch–Kincaid school grade of a page's main text. WCAG 3.1.5 (AAA) asks for text readable at
    # "lower secondary education level": about grade 9 (age 14-15). Above it a warning, from 13 an error.
    readability_warning_grade: float = 9.0
    readability_error_grade: float = 13.0
    # Less text than this is too little to judge: formulas made for 100-word samples say little about
    # a few labels (and one long "sentence" of list items is not a run-on sentence).
    readability_min_words: int = 100
    readability_min_sentences: int = 3
    # media-relevance judges only with at least this many meaningful words on both sides (the media's
    # describing text and the page's subject): fewer cannot show that two things are unrelated.
    media_min_words: int = 3
    # From a click or key press to the page settled again (its requests answered), when it stays on
    # the page. 1 s is where people lose the feeling of direct response (Nielsen's limits).
    slow_interaction_warning_ms: float = 1_000
    slow_interaction_error_ms: float = 3_000
    # A click, key press or typing that keeps the main thread busy: Interaction to Next Paint's bands
    # (web.dev: good up to 200 ms, poor past 500 ms), scored on Lighthouse's curve through them.
    freeze: Curve = Curve(p10=200, median=500)

    def load_time(self, mobile: bool) -> Curve:
        """The load-time curve for a journey's device profile."""
        return self.load_time_mobile if mobile else self.load_time_desktop

    def lcp(self, mobile: bool) -> Curve:
        """The largest-contentful-paint curve for a journey's device profile."""
        return self.lcp_mobile if mobile else self.lcp_desktop


def overridden(base: Thresholds, overrides: Mapping[str, Any]) -> Thresholds:
    """`base` with validated overrides (uxaudit.yaml, a journey, a task) laid over it."""
    changes: dict[str, Any] = {key: Curve(**value) if isinstance(getattr(base, key), Curve) else value
                               for key, value in overrides.items()}
    return replace(base, **changes) if changes else base
