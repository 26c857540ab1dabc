"""What a target nearly matched when it matched nothing, and what each of several matches is: the
words a failed step adds so that its author can fix the target. Run only after a failure to find,
each look one bounded call into the page (near_misses.js)."""

from __future__ import annotations

import difflib
import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from playwright.async_api import Error, Locator, Page

from ..load.scenario import Target
from ..load.schema import ARIA_ROLES
from .bounded import within
from .step_failure import StepFailure

SCRIPT = Path(__file__).with_name("near_misses.js").read_text(encoding="utf-8")
LOOK_SECONDS = 1.0  # the whole look, answer included; the page's own walk stops after BUDGET_MS
BUDGET_MS = 150
SHOWN = 5  # candidates named in a message; the rest are counted
CLOSE = 0.6  # difflib's cutoff for a close match
LIST_CHARS = 320  # a message lists candidates up to about this length
BLOCKING = ("hidden", "disabled", "field")  # reasons a target written for that element would fail too
Count = Callable[[Target], Awaitable[int]]  # how many visible elements a target finds now
# What must happen before a target for the element can work, by the words of why it was not taken.
_FIRST = (("menu", "open its menu first (a click or hover step)"), ("dialog", "open the dialog first"),
          ("<details>", "open its <details> first"), ("tab not shown", "show its tab first"),
          ("aria-hidden", "make it available first"), ("hidden", "make it visible first (a click or hover step)"),
          ("disabled", "do what enables it first (e.g. fill the required fields)"),
          ("read-only", "do what makes it editable first"))


@dataclass(frozen=True)
class Seen:
    """An element like the target (or one of several matches): what it is, how it could be pointed
    at, and why it was not taken: (kind, words), kind hidden | disabled | field | role | covered | offscreen."""

    role: str
    tag: str
    kind: str  # in words: its role, `field`, `password field`
    name: str
    text: str  # the words that made it a candidate
    via: str = "name"  # name | placeholder | test id | name attribute | text | css | role
    field: bool = False
    label: str = ""
    placeholder: str = ""
    test_id: str = ""
    css: str = ""
    score: int = 3  # 3 the same words, 2 one contains the other, 1 close
    reasons: tuple[tuple[str, str], ...] = ()
    nth: int = 0  # among the visible elements with its role and name, from 1
    where: str = ""

    def words(self) -> str:
        """`link “Sign In” (hidden: inside a closed menu)`, `button “Add to cart” in the 2nd card`."""
        kind = self.kind or ("text" if self.via in ("text", "css") else f"<{self.tag}>")
        shown = _clip(self.text)
        what = {"placeholder": f"{kind} with placeholder “{shown}”", "test id": f"{kind} with test id “{shown}”",
                "name attribute": f"{kind} with name=“{shown}”"}.get(self.via, f"{kind} “{shown}”")
        notes = "; ".join(words for _, words in self.reasons)
        return what + (f" {self.where}" if self.where else "") + (f" ({notes})" if notes else "")

    def blocked_by(self) -> str:
        """The first reason a precise target would not work either ('' when it would)."""
        return next((words for kind, words in self.reasons if kind in BLOCKING), "")


async def near_misses(page: Page, target: Target, fields_only: bool = False) -> tuple[list[Seen], int]:
    """The elements closest to a target that found nothing, best first, and how many there were."""
    try:
        raw = await within(page.evaluate(SCRIPT, _look_for(target, fields_only)), LOOK_SECONDS,
                           "looking for what nearly matches")
    except (Error, StepFailure):
        return [], 0  # the failure stands without its hints
    seen = [_seen(item) for item in raw["items"]]
    kept = _ranked(_words(target), seen)
    return kept, int(raw["total"]) - len(seen) + len(kept)


async def placed(visible: Locator) -> list[Seen]:
    """What each of several visible matches is and where (at most SHOWN)."""
    try:
        raw = await within(visible.evaluate_all(SCRIPT, {"limit": SHOWN}), LOOK_SECONDS, "describing the matches")
    except (Error, StepFailure):
        return []
    return [_seen(item) for item in raw]


def _look_for(target: Target, fields_only: bool) -> dict[str, Any]:
    args: dict[str, Any] = {"budgetMs": BUDGET_MS, "limit": 40, "fieldsOnly": fields_only and target.kind == "auto",
                            "words": target.value}
    if target.kind == "role":
        args.update(role=target.value, words=target.name or "", anyRole=target.name is None)
    elif target.kind == "test_id":
        args["testId"] = target.value
    elif target.kind == "css":
        args["css"] = target.value
    return args


def _seen(item: dict[str, Any]) -> Seen:
    return Seen(role=item["role"], tag=item["tag"], kind=item["kind"], name=item["name"],
                text=item.get("text") or item["name"], via=item.get("via", "name"), field=item["field"],
                label=item["label"], placeholder=item["placeholder"], test_id=item["testId"], css=item["css"],
                score=item.get("score", 3),
                reasons=tuple((kind, words) for kind, words in item.get("reasons", ())),
                nth=item.get("nth", 0), where=item.get("where", ""))


def _words(target: Target) -> str:
    """The words a target looks for ('' for a CSS selector or a bare role: no words to be close to)."""
    if target.kind == "css" or (target.kind == "role" and target.name is None):
        return ""
    return target.name if target.kind == "role" and target.name else target.value


def _ranked(words: str, seen: list[Seen]) -> list[Seen]:
    """Same words first, then containing, then close (difflib's cutoff); document order within."""
    def closeness(s: Seen) -> float:
        return difflib.SequenceMatcher(None, _fold(words), _fold(s.text)).ratio() if words else 0.0
    close = [s for s in seen if s.score > 1 or closeness(s) >= CLOSE]
    return sorted(close, key=lambda s: (-s.score, -closeness(s)))


def listed(seen: list[Seen], total: int) -> str:
    """`a, b and 3 more`: the first few, up to about LIST_CHARS."""
    shown: list[str] = []
    for s in seen[:SHOWN]:
        if shown and sum(len(w) + 2 for w in shown) + len(s.words()) > LIST_CHARS:
            break
        shown.append(s.words())
    more = total - len(shown)
    return ", ".join(shown) + (f" and {more} more" if more > 0 else "")


async def advice(seen: list[Seen], fields_only: bool, count: Count) -> str:
    """`Try: …`: a precise target for the closest candidate that a step could use, checked against
    the page when the candidate is visible, and what must happen first when it is not usable."""
    best = next((s for s in seen if s.field or not fields_only), None)
    forms = _forms(best) if best else []
    if best is None or not forms:
        return "Try: a target for the field itself: {label: …}, {placeholder: …} or {css: …}"
    target = await _working(forms, best.nth, count) if not best.blocked_by() else forms[0]
    return f"Try: {_first(best)}{written(target)}"


def _first(seen: Seen) -> str:
    blocked = seen.blocked_by()
    if blocked:
        return next((f"{step}, then " for clue, step in _FIRST if clue in blocked), "")
    covered = next((words for kind, words in seen.reasons if kind == "covered"), "")
    return f"close {covered.removeprefix('covered by ')} first, then " if covered else ""


async def _working(forms: list[Target], nth: int, count: Count) -> Target:
    """The first form that finds exactly one visible element; else one that finds it among others
    (with `nth:`, its place among its twins); else the first."""
    fallback = None
    for form in forms[:3]:
        found = await count(form)
        if found == 1:
            return form
        if found > 1 and fallback is None:
            fallback = replace(form, nth=min(max(nth, 1), found))
    return fallback or forms[0]


def _forms(seen: Seen) -> list[Target]:
    """The precise targets that could point at an element, the ones people read best first."""
    forms = []
    if seen.field and seen.label:
        forms.append(Target("label", seen.label))
    if seen.field and seen.placeholder:
        forms.append(Target("placeholder", seen.placeholder))
    if seen.role in ARIA_ROLES and seen.name:
        forms.append(Target("role", seen.role, name=seen.name))
    if seen.via == "text" or not (forms or seen.field):  # words of a field are not its text
        forms.append(Target("text", seen.text))
    forms += [Target("test_id", seen.test_id)] if seen.test_id else []
    return forms + ([Target("css", seen.css)] if seen.css else [])


def pick_one(target: Target, matches: list[Seen]) -> str:
    """How to write a target that picks the first of several matches: `nth:`, or a test id."""
    first = matches[0]
    if target.kind != "auto":
        choice = replace(target, nth=1)
    else:
        choice = next(iter(_forms(replace(first, test_id="", css=""))), Target("text", first.text))
        twins = [m for m in matches if (m.role, _fold(m.text)) == (first.role, _fold(first.text))]
        choice = replace(choice, nth=1) if len(twins) > 1 else choice
    ids = {m.test_id for m in matches}
    by_id = f" or {written(Target('test_id', first.test_id))}" if first.test_id and len(ids) == len(matches) else ""
    return f"e.g. {written(choice)}{by_id}"


def written(target: Target) -> str:
    """A target as a journey file writes it: `{role: link, name: "Sign In"}`, `{label: "Email"}`."""
    if target.kind == "auto":
        return _quoted(target.value)
    parts = [f"{target.kind}: {target.value if target.kind == 'role' else _quoted(target.value)}"]
    parts += [f"name: {_quoted(target.name)}"] if target.name is not None else []
    parts += [f"nth: {target.nth}"] if target.nth else []
    return "{" + ", ".join(parts) + "}"


def _quoted(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar


def _clip(text: str, size: int = 40) -> str:
    return text if len(text) <= size else text[:size - 1].rstrip() + "…"


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()
