"""readability: the main text of each page is easy to read (Flesch–Kincaid grade, with textstat)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import textstat

from ..artifacts import JourneyRecord, PageVisit, TaskRecord
from .base import Audit, AuditInput, Finding, Where, make_finding, short_url
from .page_text import content_pages, page_language, parse, read_blocks
from .thresholds import Thresholds

HARDEST_SHOWN = 3
QUOTE_CHARS = 300
_SENTENCE_END = re.compile(r"(?:(?<=[.!?…])|(?<=[.!?…][\"'”’)]))\s+(?=[\"'“‘(]?[A-Z0-9])")
_DECIMAL = re.compile(r"(?<=\d)[.,](?=\d)")  # "$9.95" is one word, not the end of a sentence


@dataclass(frozen=True)
class Reading:
    """How hard a page's text is: grade, reading ease, counts, and its sentences with their grades."""

    grade: float
    ease: float
    words: int
    words_per_sentence: float
    sentences: tuple[tuple[str, float], ...]


def check(data: AuditInput) -> list[Finding]:
    """A finding per page whose main text reads above the warning grade; short or non-English pages are skipped."""
    findings = []
    for journey, task, visit in content_pages(data):
        thresholds = data.thresholds_for(journey, task)
        reading = measure(data.page_html(visit), thresholds)
        if reading is not None and reading.grade > thresholds.readability_warning_grade:
            findings.append(_hard(journey, task, visit, reading, thresholds))
    return findings


def measure(html: str, thresholds: Thresholds) -> Reading | None:
    """The page's reading level, or None when it cannot be judged (too little text, not English)."""
    soup = parse(html)
    if page_language(soup) not in ("", "en"):
        return None
    sentences = prose_sentences(read_blocks(soup))
    text = " ".join(sentences)
    words = textstat.lexicon_count(text)
    if words < thresholds.readability_min_words or len(sentences) < thresholds.readability_min_sentences:
        return None
    graded = tuple((sentence, float(textstat.flesch_kincaid_grade(sentence))) for sentence in sentences)
    return Reading(float(textstat.flesch_kincaid_grade(text)), float(textstat.flesch_reading_ease(text)),
                   words, words / len(sentences), graded)


def prose_sentences(blocks: list[str]) -> list[str]:
    """The sentences of the text blocks; fragments of one or two words (labels, prices) are not prose."""
    sentences = []
    for block in blocks:
        for sentence in _SENTENCE_END.split(_DECIMAL.sub("", block)):
            if textstat.lexicon_count(sentence) > 2:
                sentences.append(sentence if sentence[-1] in ".!?…" else sentence.rstrip(",;:") + ".")
    return sentences


def score_for(grade: float, thresholds: Thresholds) -> float:
    """0.9 just above the warning grade, 0.5 at the error grade, 0.3 four grades beyond it and above."""
    warning, error = thresholds.readability_warning_grade, thresholds.readability_error_grade
    if grade <= warning:
        return 1.0
    if grade < error:
        return 0.9 - 0.4 * (grade - warning) / (error - warning)
    return max(0.3, 0.5 - 0.2 * (grade - error) / 4)


def _hard(journey: JourneyRecord, task: TaskRecord, visit: PageVisit, reading: Reading,
          thresholds: Thresholds) -> Finding:
    severity = "error" if reading.grade >= thresholds.readability_error_grade else "warning"
    name = visit.title or short_url(visit.final_url)
    return make_finding(AUDIT, Where(journey, task, visit.step, visit.final_url),
                        score=score_for(reading.grade, thresholds), severity=severity,
                        title=f"“{name}” is hard to read ({reading_level(reading.grade)}, "
                              f"school grade {reading.grade:.0f})",
                        evidence=_evidence(reading), value=round(reading.grade, 1),
                        display_value=f"grade {reading.grade:.1f}")


def reading_level(grade: float) -> str:
    """A US school grade in words anyone reads: who could read this comfortably."""
    if grade <= 8:
        return "plain English"
    if grade <= 12:
        return "secondary-school level"
    return "university level" if grade <= 16 else "beyond university level"


def _evidence(reading: Reading) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = [
        {"measure": "School grade needed (Flesch–Kincaid)", "value": round(reading.grade, 1)},
        {"measure": "Reading ease (Flesch: 60 and up is plain English, under 30 very hard)",
         "value": round(reading.ease, 1)},
        {"measure": "Words", "value": reading.words},
        {"measure": "Sentences", "value": len(reading.sentences)},
        {"measure": "Average words per sentence", "value": round(reading.words_per_sentence, 1)},
    ]
    hardest = sorted(reading.sentences, key=lambda s: (s[1], len(s[0])), reverse=True)[:HARDEST_SHOWN]
    for sentence, grade in hardest:
        words = textstat.lexicon_count(sentence)
        rows.append({"measure": f"Hard sentence: grade {grade:.0f}, {words} words", "value": _quote(sentence)})
    return rows


def _quote(sentence: str) -> str:
    short = sentence if len(sentence) <= QUOTE_CHARS else sentence[:QUOTE_CHARS].rsplit(" ", 1)[0] + " …"
    return f"“{short}”"


AUDIT = Audit(
    id="readability",
    category="content",
    title="Page text is easy to read",
    failure_title="Page text is hard to read",
    description="Long sentences and long words make visitors reread, skim past what matters, or give up. "
                "Text most people can read at the end of lower secondary school (about age 14-15) "
                "reaches the most visitors, including people reading in a second language.",
    hint="Start with the hard sentences in the evidence: split each into sentences of 15 to 20 words, "
         "one idea each, and swap long or formal words for everyday ones ('use' for 'utilise', "
         "'before' for 'prior to'). Lists and headings help too.",
    check=check,
)
