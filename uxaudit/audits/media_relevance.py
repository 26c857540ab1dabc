"""media-relevance: videos, embeds and big pictures are about what the page is about."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bs4 import BeautifulSoup, Tag

from ..artifacts import JourneyRecord, PageVisit, TaskRecord
from .base import Audit, AuditInput, Finding, Where, make_finding, short_url
from .page_text import attr, content_pages, file_words, first_heading, is_shown, page_title, parse, squash

SCORE = 0.6
MIN_SIZE = 200  # px: a picture this wide or tall is part of the content, not an icon
FURNITURE = ("header", "nav", "footer", "aside")
# Words that say nothing about a subject: grammar, and words any media or page may carry.
STOPWORDS = frozenset("""
a about after all also an and any are as at be been before but by can could did do does each for from
get had has have how i if in into is it its just make more most my new no not of on one only or other
our out over so some such than that the their them then there these they this to too up us use very was
we were what when where which who why will with you your
video videos clip film movie image images photo photos picture pictures img pic still thumbnail thumb
poster cover banner hero large small full size watch play player embed embedded media file files asset
assets upload uploads static default caption captions subtitle subtitles track english page home site
official http https www com html mp4 webm mov jpg jpeg png gif svg webp avif
""".split())


@dataclass(frozen=True)
class Media:
    """A media element as a visitor meets it: its kind and the text that says what it shows."""

    kind: str
    described: tuple[str, ...]  # what a person wrote: title, caption, alt, labels
    file_names: tuple[str, ...]  # the words of its file names, used when people wrote too little


def check(data: AuditInput) -> list[Finding]:
    """A warning per page with media whose describing words share none with the page's subject."""
    findings = []
    for journey, task, visit in content_pages(data):
        soup = parse(data.page_html(visit))
        subject = subject_texts(soup, visit)
        min_words = data.thresholds_for(journey, task).media_min_words
        unrelated = [m for m in page_media(soup) if is_unrelated(m, subject, min_words)]
        if unrelated:
            findings.append(_unrelated(journey, task, visit, unrelated, subject))
    return findings


def subject_texts(soup: BeautifulSoup, visit: PageVisit) -> tuple[str, ...]:
    """What the page is about: its title, main heading and product name, as written."""
    og = soup.find("meta", property="og:title")
    product = soup.find(itemprop="name")
    texts = (page_title(soup, visit), first_heading(soup), attr(og, "content") if og else "",
             squash(product.get_text(" ")) if product else "")
    return tuple(dict.fromkeys(text for text in texts if text))


def page_media(soup: BeautifulSoup) -> list[Media]:
    """Every shown video, iframe and prominent picture outside the site's header, menus and footer."""
    found = []
    for tag in soup.find_all(("video", "iframe", "img")):
        if not is_shown(tag) or tag.find_parent(FURNITURE) or not _prominent(tag):
            continue
        if tag.name == "img" and tag.has_attr("alt") and not attr(tag, "alt").strip():
            continue  # alt="" marks a decorative picture
        found.append(Media(tag.name, _described(tag, soup), _file_names(tag)))
    return found


def is_unrelated(media: Media, subject: tuple[str, ...], min_words: int) -> bool:
    """True only when both sides have enough meaningful words and share none of them."""
    topic = meaningful_words(" ".join(subject))
    words = meaningful_words(" ".join(media.described))
    if len(words) < min_words:
        words |= meaningful_words(" ".join(media.file_names))
    return len(topic) >= min_words and len(words) >= min_words and not topic & words


def meaningful_words(text: str) -> set[str]:
    """Lower-case word stems, without stopwords, numbers, codes and words under 3 letters."""
    return {stem(word) for word in re.findall(r"[a-z]+(?:'[a-z]+)?", text.lower())
            if len(word) >= 3 and word not in STOPWORDS and not _near(text, word)}


def stem(word: str) -> str:
    """A light stem, so that shoes/shoe, running/run and packed/packing/pack meet."""
    for suffix, replacement in (("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)] + replacement
            break
    if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "aeiou":
        word = word[:-1]  # runn(ing) -> run
    return word[:-1] if len(word) > 3 and word.endswith("e") else word


def _near(text: str, word: str) -> bool:
    # Letters glued to digits are codes or hashes (DSC01234, 4f9ab2), not words.
    return re.search(rf"(?i)\d{word}|{word}\d", text) is not None


def _prominent(tag: Tag) -> bool:
    sizes = [int(value) for name in ("width", "height") if (value := attr(tag, name).strip()).isdigit()]
    if sizes:
        return max(sizes) >= MIN_SIZE
    return tag.name != "img" or tag.find_parent(("main", "figure")) is not None


def _described(tag: Tag, soup: BeautifulSoup) -> tuple[str, ...]:
    texts = [attr(tag, "title"), attr(tag, "aria-label"), attr(tag, "alt"), _labelled_by(tag, soup)]
    figure = tag.find_parent("figure")
    caption = figure.find("figcaption") if figure else None
    if caption:
        texts.append(caption.get_text(" "))
    # A track label is usually just its language ("English"): kept only when it says more.
    texts += [label for track in tag.find_all("track") if meaningful_words(label := attr(track, "label"))]
    return tuple(dict.fromkeys(text for raw in texts if (text := squash(raw))))


def _labelled_by(tag: Tag, soup: BeautifulSoup) -> str:
    labels = (soup.find(id=ident) for ident in attr(tag, "aria-labelledby").split())
    return " ".join(label.get_text(" ") for label in labels if label)


def _file_names(tag: Tag) -> tuple[str, ...]:
    urls = [attr(tag, "src"), attr(tag, "poster")] + [attr(source, "src") for source in tag.find_all("source")]
    return tuple(words for url in urls if url and (words := file_words(url)))


def _unrelated(journey: JourneyRecord, task: TaskRecord, visit: PageVisit, media: list[Media],
               subject: tuple[str, ...]) -> Finding:
    name = visit.title or short_url(visit.final_url)
    kinds = {"img": "picture", "iframe": "embedded frame", "video": "video"}
    evidence = [{"media": kinds[m.kind], "says it shows": " · ".join(m.described or m.file_names),
                 "page is about": " · ".join(subject)} for m in media]
    what = kinds[media[0].kind] if len(media) == 1 else f"{len(media)} media"
    return make_finding(AUDIT, Where(journey, task, visit.step, visit.final_url), score=SCORE,
                        title=f"The {what} on “{name}” seems unrelated to the page", evidence=evidence,
                        value=len(media), display_value=f"{len(media)} unrelated")


AUDIT = Audit(
    id="media-relevance",
    category="content",
    title="Videos and pictures match the page",
    failure_title="A video or picture seems unrelated to the page",
    description="A video or picture that has nothing to do with the page wastes the visitor's time and "
                "attention, and makes the page look careless or wrong. Screen reader users hear its title "
                "and wonder whether they are in the right place.",
    hint="Check that the right file is used here. If it is, give it a title, caption or alternative text "
         "that says how it relates to the page; if not, replace or remove it.",
    check=check,
)
