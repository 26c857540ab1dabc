"""The timing comparison: Mann–Whitney U against SciPy's figures, and the fallback for few runs."""

from __future__ import annotations

import pytest

from uxaudit.score.regressions import cliffs_delta, mann_whitney_greater, timing_change


@pytest.mark.parametrize(("before", "now", "u", "p"), [
    # scipy.stats.mannwhitneyu(now, before, alternative="greater", method="asymptotic") (SciPy 1.16)
    ([1, 2, 3, 4, 5], [6, 7, 8, 9, 10], 25.0, 0.006093),
    ([1000, 1100, 1050, 980, 1200], [1010, 1090, 1300, 1400, 1500], 20.0, 0.071836),
    ([5, 5, 5, 6, 6], [5, 6, 6, 7, 7, 8], 24.5, 0.042022),
])
def test_mann_whitney_matches_scipy(before: list[float], now: list[float], u: float, p: float) -> None:
    got_u, got_p = mann_whitney_greater(now, before)
    assert got_u == u and got_p == pytest.approx(p, abs=1e-6)


def test_enough_runs_use_the_test_and_the_effect_size() -> None:
    before = [1000.0, 1020, 980, 1010, 990, 1005]
    slower = timing_change(before, [1300.0, 1280, 1350, 1310, 1290, 1320])
    assert slower.method == "mann-whitney" and slower.slower and not slower.faster and slower.effect == 1.0
    noise = timing_change(before, [1010.0, 995, 1000, 1015, 985, 1008])
    assert not noise.slower and not noise.faster


def test_few_runs_fall_back_to_the_median_threshold() -> None:
    change = timing_change([1000.0, 1100], [1600.0])
    assert change.method == "median-threshold" and change.slower and change.p_value is None
    assert not timing_change([1000.0], [1150.0]).slower  # +15%: under the threshold
    assert cliffs_delta([2.0], [1.0]) == 1.0
