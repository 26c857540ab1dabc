"""The score-trend chart of report.html: the site score of the last runs of the site (the
scorecard's `trend`), laid out in SVG units for templates/_macros.html.j2 to draw."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from ..verdicts import rating

WIDTH, HEIGHT = 640.0, 180.0
MARGINS = (40.0, 24.0, 28.0, 26.0)  # left, right, top, bottom: room for the labels (a score of 100 too)
GRID = (90, 50, 0)  # the good and poor thresholds, and the floor


@dataclass(frozen=True)
class TrendPoint:
    """One run on the chart (y grows downwards)."""

    x: float
    y: float
    score: int
    rating: str
    started_at: str  # for the chart's text alternative, through the `date` filter
    current: bool  # this run: the last point
    day: str  # its date in short, under the first and last runs: "21 Nov 09:00"


@dataclass(frozen=True)
class TrendChart:
    """Where each run and each grid line goes."""

    points: list[TrendPoint]
    grid: list[tuple[int, float]]  # (score, y)
    x_from: float
    x_to: float
    width: float = WIDTH
    height: float = HEIGHT


def trend_chart(trend: object) -> TrendChart | None:
    """The scorecard's `trend` laid out, oldest on the left; None with fewer than two scored runs."""
    runs = [(float(r["score"]), r) for r in (trend if isinstance(trend, list) else [])
            if isinstance(r, Mapping) and _finite(r.get("score"))]
    if len(runs) < 2:
        return None
    left, right, top, bottom = MARGINS
    step = (WIDTH - left - right) / (len(runs) - 1)
    scale = (HEIGHT - top - bottom) / 100

    def y(score: float) -> float:
        return round(top + (100 - score) * scale, 1)

    points = [_point(round(left + i * step, 1), y, score, run, i == len(runs) - 1)
              for i, (score, run) in enumerate(runs)]
    return TrendChart(points, [(level, y(level)) for level in GRID], left, WIDTH - right)


def _point(x: float, y: Callable[[float], float], score: float, run: Mapping[str, Any], current: bool) -> TrendPoint:
    clamped = round(max(0.0, min(100.0, score)))
    return TrendPoint(x, y(clamped), clamped, rating(clamped), str(run.get("started_at") or ""), current,
                      _short_day(run.get("started_at")))


def _finite(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _short_day(iso: object) -> str:
    try:
        moment = datetime.fromisoformat(str(iso))
    except ValueError:
        return ""
    return f"{moment.day} {moment:%b %H:%M}"
