"""HTML reporter: the scorecard as one self-contained page a designer can read, share and print.

Everything in the scorecard came from audited pages, so the template autoescapes all of it; links are
made only from http(s) URLs, and images only from our own screenshot files, inlined as data: URIs.
"""

from __future__ import annotations

import base64
import functools
import math
import os
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

from jinja2 import ChainableUndefined, Environment, PackageLoader, Undefined

from uxaudit.atomic_write import write_atomic
from uxaudit.regressions import MIN_RUNS

FILE_NAME = "report.html"
# Where each finding's "About this check" links: docs/audits.md of the project. A team that hosts
# its own copy of the docs (an intranet, a fork) points UXAUDIT_DOCS_URL at it.
DOCS_URL = "https://github.com/uxaudit/uxaudit/blob/main/docs/"
TEMPLATE = "report.html.j2"
TOP_FINDINGS = 5
RATING_WORDS = {"good": "Good", "needs-work": "Needs work", "poor": "Poor"}
SEVERITIES = (("error", "Errors"), ("warning", "Warnings"), ("info", "For information"))
CATEGORY_TITLES = {"effectiveness": "Task success", "speed": "Speed", "navigation": "Navigation",
                   "content": "Content", "accessibility": "Accessibility", "stability": "Stability",
                   "lighthouse": "Lighthouse"}
IMAGE_TYPES = {".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png", ".webp": "image/webp"}
KEY_WORDS = {"ms": "time", "url": "URL", "id": "ID", "http": "HTTP", "cls": "layout shift"}
# Our own files beside the report that it may link to (Lighthouse's full reports), nothing else.
_OWN_REPORT = re.compile(r"lighthouse/(?:[^/\\]+/)*[^/\\]+\.report\.html")
LIGHTHOUSE_CATEGORIES = (("performance", "Performance"), ("accessibility", "Accessibility"),
                         ("best-practices", "Best practices"), ("seo", "SEO"))
_SAFE_URL = re.compile(r"https?://[^\s\x00-\x1f\x7f\\]+", re.IGNORECASE)

# The score-trend chart: its size and margins (left, right, top, bottom) in SVG units.
TREND_WIDTH, TREND_HEIGHT = 640.0, 170.0
TREND_MARGINS = (40.0, 24.0, 18.0, 26.0)

# Audits about the task itself, not a page: two tasks are two problems, even on one page.
PER_TASK_AUDITS = ("task-success", "task-time")

Finding = tuple[str, Mapping[str, Any]]
Crumb = tuple[str, str | None]


def write(scorecard: Mapping[str, Any], out_dir: Path) -> Path:
    """Write report.html into out_dir and return its path."""
    return write_atomic(out_dir / FILE_NAME, render(scorecard, out_dir))


def render(scorecard: Mapping[str, Any], out_dir: Path) -> str:
    """The report as one self-contained HTML string (screenshots read from out_dir and inlined)."""
    template = environment().get_template(TEMPLATE)
    return template.render(sc=scorecard, view=ReportView.of(scorecard), shot=ScreenshotInliner(out_dir))


@functools.cache
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("uxaudit", "reporters/templates"),
        autoescape=True,
        undefined=ChainableUndefined,  # optional scorecard fields may be absent: render nothing for them
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(duration=duration, score=score_text, href=safe_href, humanise=humanise, date=run_date)
    env.globals.update(
        cell=cell, rating_of=rating_of, rating_word=rating_word, status_of=status_of, anchor=anchor,
        ring=ring_dash, percent=percent, evidence_rows=evidence_rows, evidence_keys=evidence_keys,
        site_name=site_name, audit_doc=audit_doc, doc=doc, own_report=own_report,
        lighthouse_categories=LIGHTHOUSE_CATEGORIES, severities=SEVERITIES, trend_chart=trend_chart,
        timing_words=timing_words,
    )
    return env


def audit_doc(audit_id: object) -> str:
    """The link to an audit's section of docs/audits.md (what it means, thresholds, fixes)."""
    return doc("audits.md") + "#" + re.sub(r"[^a-z0-9-]+", "", str(audit_id).lower())


def doc(page: str) -> str:
    """The link to one of the project's docs pages (docs/scoring.md: how the scores are worked out)."""
    base = os.environ.get("UXAUDIT_DOCS_URL") or DOCS_URL
    return f"{base.rstrip('/')}/{page}"


class ScreenshotInliner:
    """Turns a screenshot path (relative to out_dir) into a data: URI, or "" when it cannot be shown."""

    def __init__(self, out_dir: Path) -> None:
        self._root = out_dir.resolve()
        self._cache: dict[str, str] = {}

    def __call__(self, relative: object) -> str:
        if not isinstance(relative, str) or not relative:
            return ""
        if relative not in self._cache:
            self._cache[relative] = self._read(relative)
        return self._cache[relative]

    def _read(self, relative: str) -> str:
        path = (self._root / relative).resolve()
        mime = IMAGE_TYPES.get(path.suffix.lower())
        if mime is None or not path.is_relative_to(self._root) or not path.is_file():
            return ""
        try:
            data = path.read_bytes()
        except OSError:
            return ""
        return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"


@dataclass(frozen=True)
class ReportView:
    """What the template needs beyond the raw scorecard: verdict, counts, findings grouped and linked."""

    findings: list[Finding]  # one per problem: the first finding of each group of the same problem
    places: dict[str, list[Mapping[str, Any]]]  # anchor → every finding of that problem (one per task)
    summary: Mapping[str, Any]
    steps: dict[str, Mapping[str, Any]]
    tasks: dict[str, Mapping[str, Any]]
    gate_passed: bool | None
    verdict: str

    @classmethod
    def of(cls, sc: Mapping[str, Any]) -> ReportView:
        tasks = {str(t.get("id")): t for j in _list(sc.get("journeys")) for t in _list(j.get("tasks"))}
        steps = {str(s.get("id")): s for t in tasks.values() for s in _list(t.get("steps"))}
        problems: dict[tuple[str, ...], list[Mapping[str, Any]]] = {}
        for finding in _list(sc.get("findings")):
            problems.setdefault(_problem(finding), []).append(finding)
        places = {f"finding-{i}": seen for i, seen in enumerate(problems.values(), start=1)}
        findings = [(fid, seen[0]) for fid, seen in places.items()]
        summary = summary_of(sc)
        passed, sentence = verdict(sc.get("gate"), summary)
        return cls(findings, places, summary, steps, tasks, passed, sentence)

    def elsewhere(self, fid: str) -> list[list[Crumb]]:
        """Where else the same problem was seen (other tasks that met it), as crumbs."""
        return [self.where(f) for f in self.places.get(fid, [])[1:]]

    def times_found(self, findings: list[Finding]) -> int:
        """How many findings these problems stand for (each task that met a problem counts)."""
        return sum(len(self.places.get(fid, [])) or 1 for fid, _ in findings)

    def categories(self) -> list[tuple[str, str]]:
        """(id, title) of the categories the findings belong to, in the scorecard's order."""
        present = list(dict.fromkeys(str(f.get("category") or "") for _, f in self.findings))
        return [(c, CATEGORY_TITLES.get(c, humanise(c).capitalize())) for c in present if c]

    def groups(self) -> list[tuple[str, str, list[Finding]]]:
        """Findings by severity, most severe first; empty groups left out."""
        grouped = [(sev, label, [f for f in self.findings if f[1].get("severity") == sev])
                   for sev, label in SEVERITIES]
        return [group for group in grouped if group[2]]

    def top(self) -> list[Finding]:
        """The few findings to read first: errors, then warnings."""
        return [f for sev, _, group in self.groups() if sev != "info" for f in group][:TOP_FINDINGS]

    def reason(self, finding: Mapping[str, Any]) -> str | None:
        """Why a task could not be completed, in the run's words: a failed task's finding names the
        symptom ("could not be completed"), the reason names what the visitor ran into."""
        if finding.get("audit") != "task-success":
            return None
        error = (self.tasks.get(str(finding.get("task"))) or {}).get("error")
        return str(error) if error else None

    def where(self, finding: Mapping[str, Any]) -> list[Crumb]:
        """Journey › task › step of a finding, each with an in-page link when that place is in the report."""
        crumbs: list[Crumb] = []
        if finding.get("journey"):
            name = finding.get("journey_name") or finding["journey"]
            crumbs.append((str(name), "#" + anchor("journey", finding["journey"])))
        task = self.tasks.get(str(finding.get("task")))
        if finding.get("task"):
            name = finding.get("task_name") or (task or {}).get("name") or finding["task"]
            crumbs.append((str(name), "#" + anchor("task", finding["task"]) if task else None))
        if finding.get("step"):
            crumbs.append(self._step_crumb(str(finding["step"])))
        return crumbs

    def _step_crumb(self, step_id: str) -> Crumb:
        step = self.steps.get(step_id)
        if step is None:
            return f"Step {step_id.rsplit('/', 1)[-1]}", None
        label = f"Step {step.get('index')}: {step.get('name') or step.get('action')}"
        return label, "#" + anchor("step", step_id)

    def at_step(self, step_id: object) -> list[Finding]:
        """Problems raised at one step (by any task that met them), to link from the timeline."""
        return [(fid, seen[0]) for fid, seen in self.places.items() if any(f.get("step") == step_id for f in seen)]


def _problem(finding: Mapping[str, Any]) -> tuple[str, ...]:
    """What makes two findings the same problem for a reader: the same check and severity on the
    same page, whatever its query string, and the same rule or element where the check has one
    (the scorecard has one finding per task that met it)."""
    page = str(finding.get("url") or "").split("#")[0].split("?")[0]
    task = str(finding.get("task")) if finding.get("audit") in PER_TASK_AUDITS else ""
    return str(finding.get("audit")), str(finding.get("severity")), page, str(finding.get("key")), task


def summary_of(sc: Mapping[str, Any]) -> Mapping[str, Any]:
    """The scorecard's summary, or one counted from journeys and findings when it is absent."""
    given = sc.get("summary")
    if isinstance(given, Mapping):
        return given
    statuses = Counter(status_of(t) for j in _list(sc.get("journeys")) for t in _list(j.get("tasks")))
    severities = Counter(f.get("severity") for f in _list(sc.get("findings")))
    return {"journeys": len(_list(sc.get("journeys"))), "tasks": sum(statuses.values()),
            "tasks_completed": statuses["passed"], "tasks_failed": statuses["failed"],
            "tasks_skipped": statuses["skipped"], "findings": {s: severities[s] for s, _ in SEVERITIES}}


def verdict(gate: object, summary: Mapping[str, Any]) -> tuple[bool | None, str]:
    """Whether the release gate passed, and why, in plain sentences."""
    if not isinstance(gate, Mapping) or not isinstance(gate.get("passed"), bool):
        return None, "No release gate was checked in this run."
    unmet = "; ".join(str(c.get("description") or c.get("id")) for c in _list(gate.get("checks"))
                      if not c.get("passed"))
    if gate["passed"]:
        return True, "This run passes the release gate." + (f" Warnings: {unmet}." if unmet else "")
    fails = "This run would fail the release gate"
    incomplete = _incomplete(summary)
    if not incomplete:
        return False, fails + (f": not met: {unmet}." if unmet else ".")
    return False, f"{fails}: {incomplete}." + (f" Not met: {unmet}." if unmet else "")


def _incomplete(summary: Mapping[str, Any]) -> str:
    total, done = summary.get("tasks") or 0, summary.get("tasks_completed") or 0
    if not isinstance(total, int) or not isinstance(done, int) or done >= total:
        return ""
    failed, skipped = summary.get("tasks_failed") or 0, summary.get("tasks_skipped") or 0
    detail = f" ({failed} failed, {skipped} skipped)" if skipped else ""
    return f"{total - done} of {total} task{'' if total == 1 else 's'} could not be completed{detail}"


def _list(value: object) -> list[Mapping[str, Any]]:
    """The mappings in a list field; anything else (absent, null, malformed) is an empty list."""
    return [item for item in value if isinstance(item, Mapping)] if isinstance(value, list) else []


def safe_href(url: object) -> str | None:
    """The URL if it may become a link (http or https only), else None: it is then shown as text."""
    return url if isinstance(url, str) and _SAFE_URL.fullmatch(url) else None


def own_report(path: object) -> str | None:
    """A relative link to one of the run's Lighthouse reports, or None for anything else."""
    if not isinstance(path, str) or not _OWN_REPORT.fullmatch(path) or ".." in path.split("/"):
        return None
    return quote(path)  # journey ids are file names: spaces, `#` or `?` must not change the link


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
    rating = item.get("rating") if isinstance(item, Mapping) else None
    if rating in RATING_WORDS:
        return str(rating)
    score = _number(item.get("score")) if isinstance(item, Mapping) else None
    if score is None:
        return "none"
    return "good" if score >= 90 else "needs-work" if score >= 50 else "poor"


def rating_word(rating: str) -> str:
    """The rating as a designer says it."""
    return RATING_WORDS.get(rating, "Not rated")


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


@dataclass(frozen=True)
class TrendPoint:
    """One run on the score-trend chart (SVG user units, y grows downwards)."""

    x: float
    y: float
    score: int
    rating: str
    label: str  # its date, for the chart's text alternative
    current: bool
    day: str  # its date in short, under the first and last runs: "21 Nov"


@dataclass(frozen=True)
class TrendChart:
    """The site score over past runs: where each run and each grid line goes."""

    points: list[TrendPoint]
    grid: list[tuple[int, float]]  # (score, y): the good and poor thresholds, and 0
    x_from: float
    x_to: float
    width: float = TREND_WIDTH
    height: float = TREND_HEIGHT


def trend_chart(trend: object) -> TrendChart | None:
    """The scorecard's `trend` laid out, oldest on the left; None with fewer than two runs."""
    runs = [r for r in _list(trend) if _number(r.get("score")) is not None]
    if len(runs) < 2:
        return None
    left, right, top, bottom = TREND_MARGINS
    step = (TREND_WIDTH - left - right) / (len(runs) - 1)
    scale = (TREND_HEIGHT - top - bottom) / 100

    def y(score: float) -> float:
        return round(top + (100 - score) * scale, 1)

    points = [TrendPoint(round(left + i * step, 1), y(percent(r["score"])), percent(r["score"]),
                         rating_of({"score": r["score"]}), run_date(r.get("started_at")), i == len(runs) - 1,
                         _short_day(r.get("started_at")))
              for i, r in enumerate(runs)]
    return TrendChart(points, [(level, y(level)) for level in (90, 50, 0)], left, TREND_WIDTH - right)


def _short_day(iso: object) -> str:
    try:
        moment = datetime.fromisoformat(str(iso))
    except ValueError:
        return ""
    return f"{moment.day} {moment:%b %H:%M}"


def timing_words(timing: Mapping[str, Any]) -> tuple[str, str]:
    """(what happened, how it was judged) for one task's time against the baseline, in plain words."""
    change = {"slower": "Slower", "faster": "Faster"}.get(str(timing.get("change")), "No clear change")
    if timing.get("method") == "mann-whitney":
        how = (f"Statistical test over {timing.get('runs_before')} and {timing.get('runs_now')} runs "
               f"(Mann–Whitney p = {timing.get('p_value')}, effect {timing.get('effect')})")
    else:
        how = f"Typical times compared: a statistical test needs {MIN_RUNS} runs on each side"
    return change, how
