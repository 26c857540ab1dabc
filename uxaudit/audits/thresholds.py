"""Every audit threshold in one place (documented in docs/audits.md)."""

from __future__ import annotations

from dataclasses import dataclass


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
    redirects_warning: int = 2  # redirects before a page shows: a warning from here
    redirects_error: int = 4  # and an error from here

    def load_time(self, mobile: bool) -> Curve:
        """The load-time curve for a journey's device profile."""
        return self.load_time_mobile if mobile else self.load_time_desktop
