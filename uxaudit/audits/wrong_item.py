"""wrong-item: a link or button named after an item opens that item, not another one of its kind
("Clicked “Trail Running Shoes”; the page shown is “Insulated Water Bottle”").

Kept precise on purpose: the page shown must be named (its main heading) after ANOTHER item of the
same list on the page where the click happened (links of one repeated structure, outside menus),
and neither name may contain the other; navigation words ("Next", "Home") never count."""

from __future__ import annotations

import re
from collections.abc import Iterator

from bs4 import BeautifulSoup, Tag

from ..artifacts import JourneyRecord, PageVisit, StepRecord, TaskRecord
from .base import Audit, AuditInput, Finding, Where, make_finding
from .page_text import attr, first_heading, is_shown, parse, squash

NAVIGATION_WORDS = frozenset({
    "next", "previous", "prev", "back", "home", "continue", "more", "see more", "read more", "learn more",
    "view", "view all", "details", "open", "go", "start", "get started", "shop now", "buy now", "menu",
    "close", "cancel", "ok", "submit", "search", "login", "log in", "sign in", "sign up", "register"})
MENUS = ("nav", "header", "footer", "aside")  # site furniture, not a list of items


def check(data: AuditInput) -> list[Finding]:
    """An error per click on an item whose page is named after another item of the same list."""
    findings = []
    for journey in data.run.journeys:
        for task, step, before, after in _item_clicks(journey):
            label = step.element.label if step.element else ""
            shown = first_heading(parse(data.page_html(after)))
            other = _other_item(parse(data.page_html(before)), label, shown)
            if other is not None:
                findings.append(_wrong(journey, task, step, after, label, other))
    return findings


def _item_clicks(journey: JourneyRecord) -> Iterator[tuple[TaskRecord, StepRecord, PageVisit, PageVisit]]:
    """(task, click, the page clicked on, the page it led to) for clicks that showed a new page."""
    shown: PageVisit | None = None
    for task in journey.tasks:
        for step in task.steps:
            led_to = [v for v in task.pages if v.step == step.index and v.error is None and v.html_file]
            if (step.action == "click" and step.ok and step.element and led_to and shown is not None
                    and _names_an_item(step.element.label)):
                yield task, step, shown, led_to[-1]
            if led_to:
                shown = led_to[-1]


def _names_an_item(label: str) -> bool:
    return len(_words(label)) >= 1 and _plain(label) not in NAVIGATION_WORDS and len(label) <= 80


def _other_item(page: BeautifulSoup, label: str, heading: str) -> str | None:
    """The other item `heading` names, when it and `label` are items of one list on `page`."""
    if not heading or not label or _related(label, heading):
        return None
    clicked = _items_named(page, label)
    others = _items_named(page, heading)
    if any(_same_list(a, b) for a in clicked for b in others if a is not b):
        return heading
    return None


def _items_named(page: BeautifulSoup, name: str) -> list[Tag]:
    """Shown links and buttons outside menus whose words are `name`."""
    wanted = _plain(name)
    return [tag for tag in page.find_all(("a", "button")) if _plain(squash(tag.get_text(" "))) == wanted
            and is_shown(tag) and tag.find_parent(MENUS) is None]


def _same_list(a: Tag, b: Tag) -> bool:
    """Both come from one repeated structure: the same tags and classes from their common container down."""
    a_chain, b_chain = [a, *a.parents], [b, *b.parents]
    common = next((parent for parent in a_chain if any(parent is other for other in b_chain)), None)
    if common is None or common.name in ("body", "html", "[document]"):
        return False
    return _path(a, common) == _path(b, common)


def _path(tag: Tag, container: Tag) -> list[tuple[str, str]]:
    path = []
    for node in [tag, *tag.parents]:
        if node is container:
            break
        path.append((node.name, " ".join(sorted(attr(node, "class").split()))))
    return path


def _related(label: str, heading: str) -> bool:
    """One name contains the other ("Shoes" and "Trail Running Shoes"): the right page."""
    a, b = _plain(label), _plain(heading)
    return a in b or b in a


def _plain(text: str) -> str:
    return " ".join(_words(text))


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.casefold())


def _wrong(journey: JourneyRecord, task: TaskRecord, step: StepRecord, page: PageVisit, label: str,
           other: str) -> Finding:
    evidence = [{"step": step.index, "clicked": label, "link": step.element.href if step.element else None,
                 "page shown": page.final_url, "its main heading": other}]
    return make_finding(AUDIT, Where(journey, task, step.index, page.final_url), score=0.0,
                        title=f"Clicked “{label}”; the page shown is “{other}”", evidence=evidence,
                        display_value="wrong page", screenshot=step.screenshot, key=label)


AUDIT = Audit(
    id="wrong-item",
    category="navigation",
    title="Links open the item they name",
    failure_title="A link opens a different item than the one it names",
    description="Someone who clicks a product, article or record expects to see that one. Shown another, "
                "they may not notice and buy, read or change the wrong thing; if they do notice, they lose "
                "trust in every link on the site.",
    hint="Check the link's address (or the id the app routes by) for the item named in the evidence: an "
         "off-by-one index, a list sorted differently from the data it links to, or a stale cache key.",
    check=check,
)
