"""Turning scorecard values into the words, numbers and links the HTML pages show (Jinja filters and
helpers of report/html.py and report/compare_html.py). Each takes any value: a scorecard
written by another version, or by hand, must still render."""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import quote, urlsplit

from jinja2 import Undefined

from ..verdicts import MIN_RUNS, TIME_CHANGE_MS, TIME_CHANGE_RATIO, grade, rating
from .audit_names import plain_name

RATING_WORDS = {"good": "Good", "needs-work": "Needs work", "poor": "Poor"}
KEY_WORDS = {"ms": "time", "url": "URL", "id": "ID", "http": "HTTP", "cls": "layout shift"}
# Our own files beside the report that it may link to (Lighthouse's full reports), nothing else.
_OWN_REPORT = re.compile(r"lighthouse/(?:[^/\\]+/)*[^/\\]+\.report\.html")
# A journey's recording beside the report: a Playwright trace or a video, inside the run folder.
_OWN_RECORDING = re.compile(r"(?:[^/\\:]+/)*[^/\\:]+\.(?:zip|webm|mp4)")
_SAFE_URL = re.compile(r"https?://[^\s\x00-\x1f\x7f\\]+", re.IGNORECASE)


def safe_href(url: object) -> str | None:
    """The URL if it may become a link (http or https only), else None: it is then shown as text."""
    return url if isinstance(url, str) and _SAFE_URL.fullmatch(url) else None


def own_report(path: object) -> str | None:
    """A relative link to one of the run's Lighthouse reports, or None for anything else."""
    if not isinstance(path, str) or not _OWN_REPORT.fullmatch(path) or ".." in path.split("/"):
        return None
    return quote(path)  # journey ids are file names: spaces, `#` or `?` must not change the link


def own_recording(path: object) -> str | None:
    """A relative link to a journey's trace or video in the run folder, or None for anything else
    (an address, a path out of the folder): the scorecard may come from anywhere."""
    if not isinstance(path, str) or not _OWN_RECORDING.fullmatch(path) or ".." in path.split("/"):
        return None
    return quote(path)


def duration(ms: object) -> str:
    """Milliseconds in words a person reads at a glance: 412 ms, 3.4 s, 2 min 5 s."""
    if not isinstance(ms, int | float) or isinstance(ms, bool):
        return "—"
    if ms < 1000:
        return f"{ms:.0f} ms"
    if ms < 60_000:
        return f"{ms / 1000:.1f} s"
    minutes, seconds = divmod(round(ms / 1000), 60)
    return f"{minutes} min {seconds} s"


def score_text(score: object) -> str:
    """A 0-100 score as a whole number, or a dash when there is none."""
    number = _number(score)
    return "—" if number is None else str(round(number))


def _number(value: object) -> float | None:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    return None


def rating_of(item: object) -> str:
    """good | needs-work | poor: the item's own rating, or one derived from its score."""
    given = item.get("rating") if isinstance(item, Mapping) else None
    if given in RATING_WORDS:
        return str(given)
    score = _number(item.get("score")) if isinstance(item, Mapping) else None
    return "none" if score is None else rating(score)


def grade_of(item: object) -> str:
    """A | B | C | D | F: the item's own grade, or one derived from its score ("" when it has none)."""
    given = item.get("grade") if isinstance(item, Mapping) else None
    if given in ("A", "B", "C", "D", "F"):
        return str(given)
    score = _number(item.get("score")) if isinstance(item, Mapping) else None
    return "" if score is None else grade(score)


def plural(count: object, noun: str, nouns: str | None = None) -> str:
    """`1 task`, `3 tasks`: a count with its noun."""
    return f"{count} {noun if count == 1 else nouns or noun + 's'}"


def fresh_value(finding: object) -> str:
    """A finding's display value, unless its title or its kind already says it ("404" beside
    "“/x” was not found (404)", "redirect loop" beside "Redirect loop"): "" then."""
    if not isinstance(finding, Mapping) or not finding.get("display_value"):
        return ""
    value = str(finding["display_value"])
    said = f"{finding.get('title') or ''} {plain_name(finding.get('audit'))}".lower()
    return "" if value.lower() in said else value


def status_of(item: Mapping[str, Any]) -> str:
    """passed | failed | skipped | optional-failed, derived from `completed`/`ok` when status is absent."""
    status = item.get("status")
    if status in ("passed", "failed", "skipped", "optional-failed"):
        return str(status)
    return "passed" if item.get("completed") or item.get("ok") else "failed"


def percent(score: object) -> int:
    """A score clamped to 0..100, for bar widths and rings (0 when there is none)."""
    return round(max(0.0, min(100.0, _number(score) or 0.0)))


def ring_dash(score: object, radius: float) -> str:
    """stroke-dasharray for a score ring of that radius: the filled arc, then the whole circumference."""
    circumference = 2 * math.pi * radius
    return f"{percent(score) / 100 * circumference:.1f} {circumference:.1f}"


def site_name(run: object) -> str:
    """What to call the audited site: the host of its base URL."""
    base = run.get("base_url") if isinstance(run, Mapping) else None
    host = urlsplit(base).netloc if isinstance(base, str) else ""
    return host or "the site"


def anchor(kind: str, ident: object) -> str:
    """An HTML id made only of safe characters, from a scorecard id such as `buy-shoes/check-out/3`."""
    return kind + "-" + re.sub(r"[^a-z0-9]+", "-", str(ident).lower()).strip("-")


def humanise(key: object) -> str:
    """An evidence key as a column header: `dom_content_loaded_ms` → `Dom content loaded time`."""
    words = re.sub(r"[_\-\s]+", " ", str(key)).strip().split(" ")
    if len(words) > 1 and words[-1] == "ms" and words[-2] in ("after", "in", "within"):
        words.pop()  # "shown after ms" → "Shown after": the cell says "3.6 s"
    text = " ".join(KEY_WORDS.get(word.lower(), word) for word in words)
    return text[:1].upper() + text[1:]


def evidence_rows(value: object) -> list[Mapping[str, Any]]:
    """Evidence as rows of key → value; a bare value becomes a one-column row."""
    if not isinstance(value, list):
        return []
    return [row if isinstance(row, Mapping) else {"detail": row} for row in value]


def evidence_keys(rows: Sequence[Mapping[str, Any]]) -> list[str]:
    """Every key used by any row, in order of first appearance: the table's columns."""
    return list(dict.fromkeys(str(key) for row in rows for key in row))


def cell(key: str, value: object) -> str:
    """One evidence value as text: times in ms/s, yes/no, lists joined; never a JSON dump."""
    if value is None or isinstance(value, Undefined):
        return "—"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if re.search(r"(?:^|[ _])ms$", key) and _number(value) is not None:  # "ms", "load_ms", "shown after ms"
        return duration(value)
    if isinstance(value, float):
        return f"{value:.3g}"
    if isinstance(value, Mapping):
        return "; ".join(f"{humanise(k)}: {cell(str(k), v)}" for k, v in value.items())
    if isinstance(value, list | tuple):
        return ", ".join(cell(key, v) for v in value)
    return str(value)


def run_date(iso: object) -> str:
    """An ISO timestamp as `22 November 2026 at 14:30 UTC`; anything unparsable is shown as given."""
    try:
        moment = datetime.fromisoformat(str(iso))
    except ValueError:
        return str(iso) if iso else "an unknown date"
    offset = moment.utcoffset()
    zone = "" if offset is None else " UTC" if offset == timedelta(0) else moment.strftime(" UTC%z")
    return f"{moment.day} {moment:%B %Y at %H:%M}{zone}"


def timing_words(timing: Mapping[str, Any]) -> tuple[str, str]:
    """(what happened, how it was judged) for one task's time against the baseline, in plain words."""
    tested = timing.get("method") == "mann-whitney"
    words = {"slower": "Slower", "faster": "Faster"} if tested else \
        {"slower": "Slower this time", "faster": "Faster this time"}  # too few runs to rule out chance
    change = words.get(str(timing.get("change")), "No clear change")
    if tested:
        how = (f"Statistical test over {timing.get('runs_before')} and {timing.get('runs_now')} runs "
               f"(Mann–Whitney p = {timing.get('p_value')}, effect {timing.get('effect')})")
    else:
        how = (f"Typical times compared: more than {TIME_CHANGE_RATIO:.0%} and {TIME_CHANGE_MS:g} ms apart counts; "
               f"with fewer than {MIN_RUNS} runs on each side this may be chance")
    return change, how


def timing_summary(timings: Sequence[Mapping[str, Any]]) -> str:
    """One sentence on the task times against the baseline, honest about how sure it can be."""
    moved = [t for t in timings if t.get("change") in ("slower", "faster")]
    tested = all(t.get("method") == "mann-whitney" for t in timings)
    if not moved:
        return f"No task got {'clearly ' if tested else ''}slower or faster ({len(timings)} compared)."
    if tested:
        return f"{len(moved)} of {len(timings)} tasks got clearly slower or faster."
    return (f"{len(moved)} of {len(timings)} tasks were slower or faster this time; with fewer than {MIN_RUNS} "
            f"runs on each side (--runs {MIN_RUNS}) that may be chance.")


def last_part(name: str) -> str:
    """A step name without its sub-flow prefix ("Ask support › Click “Send”" → "Click “Send”"): in a
    short label the action is what tells the steps apart."""
    return name.rsplit(" › ", 1)[-1]
