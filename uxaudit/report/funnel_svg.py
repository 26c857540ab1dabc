"""A journey's funnel as an inline SVG drawing: one bar per task, how many runs reached it and how
many completed it (the scorecard's journey `funnel`). Self-contained and accessible: role="img",
a title and a description, every number also written as text; 320 units wide, it scales."""

from __future__ import annotations

import re
from collections.abc import Mapping
from html import escape
from typing import Any

WIDTH = 320
PAD = 8
ROW = 40  # a label line, then its bar
BAR_Y, BAR_H = 18, 12
LEGEND_H = 22
MAX_LABEL = 40  # characters of a task name on its line (the whole name is in the row's title)
TRACK = "fill:var(--soft,#f6f8fa);stroke:var(--line,#d8dee4)"
REACHED = "fill:var(--warn-arc,#e08a00)"
COMPLETED = "fill:var(--good-arc,#12a150)"


def funnel_svg(journey: Mapping[str, Any]) -> str:
    """The drawing of a scorecard journey's funnel; "" when it has none. Every text is escaped."""
    funnel = journey.get("funnel")
    if not isinstance(funnel, Mapping) or not isinstance(funnel.get("steps"), list):
        return ""
    runs = _count(funnel.get("runs"))
    rows = [("Started", runs, runs, f"{runs} started")]
    rows += [_row(step, runs) for step in funnel["steps"] if isinstance(step, Mapping)]
    ident = "funnel-" + re.sub(r"[^a-z0-9-]+", "-", str(journey.get("id") or "journey").lower())
    height = PAD * 2 + ROW * len(rows) + LEGEND_H
    name = str(journey.get("name") or journey.get("id") or "the journey")
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="funnel-chart" role="img" viewBox="0 0 {WIDTH} {height}" '
             f'width="100%" style="max-width:{WIDTH * 3 // 2}px" aria-labelledby="{ident}-t {ident}-d">',
             f'<title id="{ident}-t">{escape(f"Funnel of “{name}” over {_runs(runs)}")}</title>',
             f'<desc id="{ident}-d">{escape(str(funnel.get("sentence") or ""))}</desc>']
    parts += [_bar(i, row, runs) for i, row in enumerate(rows)]
    parts.append(_legend(PAD + ROW * len(rows)))
    return "".join(parts) + "</svg>"


def _row(step: Mapping[str, Any], runs: int) -> tuple[str, int, int, str]:
    name = str(step.get("name") or step.get("task") or "")
    reached, completed = _count(step.get("reached")), _count(step.get("completed"))
    return name, reached, completed, f"{name}: reached in {reached} of {_runs(runs)}, completed in {completed}"


def _bar(index: int, row: tuple[str, int, int, str], runs: int) -> str:
    label, reached, completed, words = row
    top, span = PAD + index * ROW, WIDTH - 2 * PAD
    short = label if len(label) <= MAX_LABEL else label[: MAX_LABEL - 1].rstrip() + "…"
    value = str(completed) if index == 0 else f"{completed} of {runs}"
    return (f'<g><title>{escape(words)}</title>'
            f'<text x="{PAD}" y="{top + 13}" font-size="12" fill="currentColor">{escape(short)}</text>'
            f'<text x="{WIDTH - PAD}" y="{top + 13}" font-size="12" font-weight="bold" text-anchor="end" '
            f'fill="currentColor">{escape(value)}</text>'
            f'<rect x="{PAD}" y="{top + BAR_Y}" width="{span}" height="{BAR_H}" rx="3" style="{TRACK}"/>'
            + _fill(top, reached, runs, REACHED) + _fill(top, completed, runs, COMPLETED) + "</g>")


def _fill(top: int, count: int, runs: int, style: str) -> str:
    width = round((WIDTH - 2 * PAD) * min(count, runs) / runs, 1) if runs else 0
    if not width:
        return ""
    return f'<rect x="{PAD}" y="{top + BAR_Y}" width="{width}" height="{BAR_H}" rx="3" style="{style}"/>'


def _legend(top: int) -> str:
    """Which colour says what (the numbers say it too, for those who cannot tell the colours apart)."""
    return (f'<rect x="{PAD}" y="{top + 6}" width="10" height="10" rx="2" style="{COMPLETED}"/>'
            f'<text x="{PAD + 14}" y="{top + 15}" font-size="11" fill="currentColor">completed</text>'
            f'<rect x="{PAD + 90}" y="{top + 6}" width="10" height="10" rx="2" style="{REACHED}"/>'
            f'<text x="{PAD + 104}" y="{top + 15}" font-size="11" fill="currentColor">reached, not completed</text>')


def _count(value: object) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else 0


def _runs(runs: int) -> str:
    return f"{runs} run{'' if runs == 1 else 's'}"
