"""How numbers become verdicts: the rating bands, the letter grades and the rule for "a task got
slower". SCORE applies them and REPORT explains them in words, so both read them from here (the
reporters read nothing else of SCORE but the scorecard)."""

from __future__ import annotations

# A task's time moved: with MIN_RUNS runs on each side, a Mann–Whitney U test decides
# (score/regressions.py); with fewer, a median counts as changed only past both of these.
MIN_RUNS = 5
TIME_CHANGE_RATIO = 0.2
TIME_CHANGE_MS = 250.0


def rating(score: float) -> str:
    """good (90+), needs-work (50-89), poor (under 50): Lighthouse's bands."""
    if score >= 90:
        return "good"
    return "needs-work" if score >= 50 else "poor"


# Letter grades, school style, on the same scale: A is "good", F is "poor".
GRADES = ((90, "A"), (80, "B"), (65, "C"), (50, "D"))


def grade(score: float) -> str:
    """A (90+), B (80-89), C (65-79), D (50-64), F (under 50)."""
    return next((letter for floor, letter in GRADES if score >= floor), "F")


def judged_by(method: object, p_value: object, effect: object) -> str:
    """How a timing verdict was reached, for engineers (the terminal, summary.md)."""
    if method == "mann-whitney" and isinstance(p_value, int | float) and isinstance(effect, int | float):
        return f"Mann–Whitney p={p_value:g}, Cliff's delta {effect:+.2f}"
    return f"too few runs ({MIN_RUNS}+ each needed): median threshold"
