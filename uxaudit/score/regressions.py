"""Is a task slower than in the baseline? With enough runs on both sides, a one-sided Mann–Whitney U
test plus an effect size (as sitespeed.io compares runs); with too few, a documented threshold on
the medians, and the verdict says which was used.

The test is a dozen lines of arithmetic, so it is written here rather than pulling in SciPy (tens
of megabytes) for one function; tests/score/test_regressions.py checks it against SciPy's own figures.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from statistics import median

from ..verdicts import MIN_RUNS, TIME_CHANGE_MS, TIME_CHANGE_RATIO

ALPHA = 0.05
MIN_EFFECT = 0.33  # Cliff's delta: from here a difference is at least "medium"


@dataclass(frozen=True)
class TimingChange:
    """One task's time, baseline against now."""

    before_ms: float  # medians
    now_ms: float
    method: str  # mann-whitney | median-threshold
    slower: bool
    faster: bool
    p_value: float | None = None
    effect: float | None = None  # Cliff's delta of now against before (positive: now slower)


def mann_whitney_greater(now: list[float], before: list[float]) -> tuple[float, float]:
    """(U of `now`, one-sided p that `now` tends to be greater), normal approximation with tie and
    continuity corrections (SciPy's `mannwhitneyu(now, before, alternative="greater")`)."""
    n1, n2 = len(now), len(before)
    ranked = sorted([(v, 0) for v in now] + [(v, 1) for v in before])
    ranks: list[float] = [0.0] * len(ranked)
    i = 0
    while i < len(ranked):
        j = i
        while j + 1 < len(ranked) and ranked[j + 1][0] == ranked[i][0]:
            j += 1
        for k in range(i, j + 1):
            ranks[k] = (i + j) / 2 + 1
        i = j + 1
    u = sum(r for r, (_, side) in zip(ranks, ranked, strict=True) if side == 0) - n1 * (n1 + 1) / 2
    ties = sum(t ** 3 - t for t in Counter(v for v, _ in ranked).values())
    n = n1 + n2
    sigma = math.sqrt(n1 * n2 / 12 * ((n + 1) - ties / (n * (n - 1))))
    if sigma == 0:
        return u, 1.0
    z = (u - n1 * n2 / 2 - 0.5) / sigma
    return u, 0.5 * math.erfc(z / math.sqrt(2))


def cliffs_delta(now: list[float], before: list[float]) -> float:
    """P(now > before) − P(now < before), from −1 to 1."""
    greater = sum(1 for a in now for b in before if a > b)
    less = sum(1 for a in now for b in before if a < b)
    return (greater - less) / (len(now) * len(before))


def timing_change(before: list[float], now: list[float]) -> TimingChange:
    """How a task's time moved, by the test when both sides have MIN_RUNS runs, else by the medians."""
    then, current = median(before), median(now)
    if len(before) >= MIN_RUNS and len(now) >= MIN_RUNS:
        _, p_slower = mann_whitney_greater(now, before)
        _, p_faster = mann_whitney_greater(before, now)
        effect = cliffs_delta(now, before)
        return TimingChange(then, current, "mann-whitney", p_slower < ALPHA and effect >= MIN_EFFECT,
                           p_faster < ALPHA and effect <= -MIN_EFFECT, round(min(p_slower, p_faster), 4),
                           round(effect, 3))
    moved = abs(current - then) > TIME_CHANGE_MS and abs(current - then) > TIME_CHANGE_RATIO * then
    return TimingChange(then, current, "median-threshold", moved and current > then, moved and current < then)


@dataclass(frozen=True)
class TaskTiming:
    """One task's times in both runs, and how they moved."""

    task: str  # journey/task
    change: TimingChange
    runs_before: int
    runs_now: int

    def to_json(self) -> dict[str, object]:
        """As in the scorecard's `baseline.timings` (docs/scorecard.md)."""
        change = self.change
        return {"task": self.task, "before_ms": round(change.before_ms), "now_ms": round(change.now_ms),
                "runs_before": self.runs_before, "runs_now": self.runs_now, "method": change.method,
                "p_value": change.p_value, "effect": change.effect,
                "change": "slower" if change.slower else "faster" if change.faster else "same"}


def task_timings(before: dict[str, list[float]], now: dict[str, list[float]]) -> tuple[TaskTiming, ...]:
    """Every task timed in both runs (completed at least once on each side), in the order of `now`."""
    return tuple(TaskTiming(task, timing_change(before[task], times), len(before[task]), len(times))
                 for task, times in now.items() if times and before.get(task))
