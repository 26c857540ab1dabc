"""Lighthouse's log-normal scoring: a metric value → a score in 0..1 through two control points."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator

from ..artifacts import JourneyRecord, PageVisit, TaskRecord
from .base import AuditInput, page_visits
from .thresholds import Curve, Thresholds

# erfc⁻¹(1/5): makes the curve pass through 0.9 at p10.
INVERSE_ERFC_ONE_FIFTH = 0.9061938024368232


def log_normal_score(curve: Curve, value: float) -> float:
    """1 at 0, 0.9 at p10, 0.5 at the median, tending to 0 (as lighthouse/core/lib/statistics.js)."""
    if value <= 0:
        return 1.0
    standardized = math.log(value / curve.median) * INVERSE_ERFC_ONE_FIFTH / -math.log(curve.p10 / curve.median)
    score = math.erfc(standardized) / 2
    if value <= curve.p10:
        return max(0.9, min(1.0, score))
    if value <= curve.median:
        return max(0.5, min(0.8999999, score))
    return min(0.4999999, score)


def poorly_scored_visits(data: AuditInput, value_of: Callable[[PageVisit], float | None],
                         curve_of: Callable[[Thresholds, JourneyRecord], Curve]
                         ) -> Iterator[tuple[JourneyRecord, TaskRecord, PageVisit, float]]:
    """Each page visit whose metric scores under 0.9 on its curve, with that score."""
    for journey, task, visit in page_visits(data.run):
        value = value_of(visit)
        if value is None:
            continue
        score = log_normal_score(curve_of(data.thresholds_for(journey, task), journey), value)
        if score < 0.9:
            yield journey, task, visit, score
