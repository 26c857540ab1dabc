"""Reading a saved page as a visitor does: its main content, its language, its heading, its subject.

Shared by the content audits (readability, soft-404, media-relevance); pure functions over HTML.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterator
from urllib.parse import urlsplit

from bs4 import BeautifulSoup, Tag, XMLParsedAsHTMLWarning
from bs4.builder._lxml import LXMLTreeBuilder  # where BeautifulSoup defines it (its own lxml builder)
from bs4.element import NavigableString, PageElement

from ..artifacts import JourneyRecord, PageVisit, TaskRecord
from .base import AuditInput, page_visits
from .url_template import is_hash_route

# Site furniture and things that are not read as text: menus, banners, scripts, media fallbacks,
# and the option lists of form controls (a list of sizes is not prose). Labels and hints stay.
UNREAD_TAGS = ("script", "style", "noscript", "template", "svg", "nav", "header", "footer", "aside",
               "select", "datalist", "textarea", "iframe", "video", "audio", "canvas", "object", "pre")
# Elements that start a new line: their text never runs on into the next block's sentence.
BLOCK_TAGS = ("address", "article", "blockquote", "caption", "dd", "details", "dialog", "div", "dl", "dt",
              "fieldset", "figcaption", "figure", "form", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "label",
              "legend", "li", "main", "ol", "p", "section", "summary", "table", "td", "th", "tr", "ul")
_BREAK = "\u2029"  # paragraph separator: never in ordinary page text
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)


def content_pages(data: AuditInput) -> Iterator[tuple[JourneyRecord, TaskRecord, PageVisit]]:
    """Each page a task showed (answered 2xx, or an app's in-app screen), once per task and address."""
    seen: set[tuple[str, str, str]] = set()
    for journey, task, visit in page_visits(data.run):
        key = (journey.id, task.id, screen_address(visit.final_url))
        answered = visit.kind == "route" or (visit.status is not None and 200 <= visit.status < 300)
        if answered and not visit.error and key not in seen:
            seen.add(key)
            yield journey, task, visit


def screen_address(url: str) -> str:
    """The address of the screen a URL shows: an anchor (`#reviews`) is the same screen, a hash route
    (`#/cart`, `#!/cart`) is not."""
    address, _, fragment = url.partition("#")
    return url if is_hash_route(fragment) else address


def parse(html: str) -> BeautifulSoup:
    """The page as a tree, read by lxml (libxml2's HTML parser): forgiving of bad markup and linear in the
    page's size. (BeautifulSoup's html.parser builder is quadratic in the `<br>` tags followed by end tags:
    100,000 lines took minutes.) huge_tree: without it libxml2 turns a comment over 10 MB into text.
    A lone surrogate, which JavaScript can write into a page, becomes U+FFFD as the browser shows it
    (neither parser can take it). Should lxml still refuse the text, Python's own parser reads it."""
    if not html.isascii():
        html = _LONE_SURROGATE.sub("\ufffd", html)
    try:
        with warnings.catch_warnings():  # a page served as XHTML (`<?xml …>`) is still read as a browser reads it
            warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)
            return BeautifulSoup(html, builder=_VoidClosingBuilder(huge_tree=True))
    except Exception:  # whatever lxml refuses, the page is still read, by the one other parser
        return BeautifulSoup(html, "html.parser")


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")

# The void elements of the HTML standard: they never hold anything, whatever follows them.
VOID_TAGS = frozenset(("area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "img", "input",
                       "keygen", "link", "meta", "param", "source", "track", "wbr"))


class _VoidClosingBuilder(LXMLTreeBuilder):
    """lxml's tree builder, with each void element closed where it starts. libxml2 (2.14) does not know
    `<source>`, `<track>`, `<wbr>` and `<embed>` as void: it would put the text and tags after them inside
    them, up to their parent's end (a `<wbr hidden>` would hide the rest of its paragraph). libxml2's own
    end for the element comes later and finds nothing open by that name: BeautifulSoup ignores it."""

    def start(self, tag: str | bytes, attrib: dict[str | bytes, str | bytes], nsmap: dict[str, str] | None = None,
              ) -> None:
        super().start(tag, attrib, nsmap or {})
        if tag in VOID_TAGS and self.soup is not None:
            self.soup.endData()
            self.soup.handle_endtag(str(tag))


def attr(tag: Tag, name: str) -> str:
    """An attribute as plain text ("" when absent); multi-valued ones such as class are joined."""
    value = tag.get(name)
    if isinstance(value, list):
        return " ".join(value)
    return value or ""


def squash(text: str) -> str:
    """Runs of whitespace as one space, trimmed."""
    return " ".join(text.split())


def is_hidden(tag: Tag) -> bool:
    """Hidden by its own markup: `hidden`, `aria-hidden="true"` or an inline display:none."""
    return (tag.has_attr("hidden") or attr(tag, "aria-hidden").lower() == "true"
            or bool(_HIDDEN_STYLE.search(attr(tag, "style"))))


def is_shown(tag: Tag) -> bool:
    """Neither the element nor any element around it is hidden by its markup (or never rendered)."""
    if tag.find_parent(("template", "noscript")) is not None:
        return False
    return not is_hidden(tag) and not any(is_hidden(parent) for parent in tag.parents)


def page_language(soup: BeautifulSoup) -> str:
    """The primary language of `<html lang>`, lower case ("" when the page does not say)."""
    html = soup.find("html")
    lang = attr(html, "lang") if html else ""
    return re.split(r"[-_]", lang.strip().lower(), maxsplit=1)[0]


def main_content(soup: BeautifulSoup) -> Tag:
    """The page's main content: `<main>` or role=main when marked up, else the body."""
    for found in (soup.find("main"), soup.find(role="main"), soup.body):
        if found is not None:
            return found
    return soup


def first_heading(soup: BeautifulSoup) -> str:
    """The text of the first shown `<h1>`, in the main content if it has one ("" when there is none)."""
    for root in (main_content(soup), soup):
        heading = next((squash(h1.get_text(" ")) for h1 in root.find_all("h1") if is_shown(h1)), "")
        if heading:
            return heading
    return ""


def page_title(soup: BeautifulSoup, visit: PageVisit) -> str:
    """The title the browser showed, else the `<title>` of the saved HTML."""
    title = soup.find("title")
    return visit.title or (squash(title.get_text()) if title else "")


def read_blocks(soup: BeautifulSoup) -> list[str]:
    """The main content's text as a visitor reads it, one entry per block (paragraph, item, label...)."""
    root = main_content(soup)
    wanted = root.interesting_string_types or Tag.MAIN_CONTENT_STRING_TYPES  # as get_text() picks strings
    return [block for chunk in "".join(_read_pieces(root, wanted)).split(_BREAK) if (block := squash(chunk))]


def _read_pieces(root: Tag, wanted: type | set[type] | tuple[type, ...]) -> Iterator[str]:
    """The shown strings under `root` in document order, with a break around each block and at each
    `<br>`. One pass without changing the tree: inserting or removing among many siblings would cost
    time in proportion to their number each time, quadratic on a page of 100,000 paragraphs."""
    stack: list[PageElement | str] = list(reversed(root.contents))
    while stack:
        node = stack.pop()
        if isinstance(node, str) and not isinstance(node, NavigableString):  # a break pushed below
            yield node
        elif isinstance(node, NavigableString):
            if type(node) is wanted if isinstance(wanted, type) else type(node) in wanted:
                yield node
        elif isinstance(node, Tag) and node.name not in UNREAD_TAGS and not is_hidden(node):
            if node.name == "br":
                yield _BREAK
                continue
            block = node.name in BLOCK_TAGS
            if block:
                yield _BREAK
                stack.append(_BREAK)
            stack.extend(reversed(node.contents))


def file_words(url: str) -> str:
    """The words of a file name in a URL: `/media/trail-running-shoes.mp4` → `trail running shoes`."""
    name = urlsplit(url).path.rstrip("/").rsplit("/", 1)[-1]
    return " ".join(re.split(r"[^A-Za-z0-9]+", name.rsplit(".", 1)[0] if "." in name else name)).strip()
