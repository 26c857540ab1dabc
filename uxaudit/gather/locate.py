"""Targets → Playwright locators, with the documented resolution order for plain text.

Plain text is tried in tiers: (1) a control with that accessible name, (2) a form field with that
label, (3) a placeholder, (4) visible text. A step that types or chooses (`fill`, `select`) tries
only tiers 2 and 3 (a label includes a field's own aria-label), so a "Show password" button never
takes the password. Within a tier an exact match (case-insensitive, white
space folded) beats a substring match. The first tier with visible matches wins; several visible
matches there are an error unless `nth:` picks one. A failure to find says what was nearly found
and why it was not taken, and suggests a target (near_misses.py); a locator the browser rejects is
uxaudit's fault (ToolFault) unless the user wrote it (`css:`).
"""

from __future__ import annotations

import asyncio
import json
import re
import time
from collections.abc import Callable

from playwright.async_api import Error, Locator, Page

from ..load.scenario import Target
from .bounded import within
from .near_misses import advice, listed, near_misses, pick_one, placed
from .step_failure import StepFailure, ToolFault, browser_words, is_selector_error, tool_fault

CONTROL_ROLES = ("button", "link", "menuitem", "tab", "checkbox", "radio", "option")
POLL_SECONDS = 0.1
Pattern = re.Pattern[str]


def text_patterns(text: str) -> tuple[Pattern, Pattern]:
    """(exact, substring) case-insensitive patterns with white space folded. A `/` is escaped too:
    Playwright writes a pattern into its selectors as /source/flags, where a bare `/` ends it."""
    words = r"\s+".join(re.escape(word).replace("/", r"\/") for word in text.split())
    return re.compile(rf"^\s*{words}\s*$", re.IGNORECASE), re.compile(words, re.IGNORECASE)


def _controls(page: Page, pattern: Pattern) -> Locator:
    locator = page.get_by_role(CONTROL_ROLES[0], name=pattern)  # type: ignore[arg-type]
    for role in CONTROL_ROLES[1:]:
        locator = locator.or_(page.get_by_role(role, name=pattern))  # type: ignore[arg-type]
    return locator


PLAIN_TIERS: tuple[tuple[str, Callable[[Page, Pattern], Locator]], ...] = (
    ("a button, link or other control named", _controls),
    ("a form field labelled", lambda page, p: page.get_by_label(p)),
    ("a field with the placeholder", lambda page, p: page.get_by_placeholder(p)),
    ("visible text", lambda page, p: page.get_by_text(p)),
)
FIELD_TIERS = PLAIN_TIERS[1:3]  # a label (aria-label included) or a placeholder: what can be typed into


def candidates(page: Page, target: Target, fields_only: bool = False) -> list[tuple[str, Locator]]:
    """The locators to try in order, each with words for messages; `fields_only` for plain text
    that a step types into or chooses in."""
    if target.kind == "auto":
        exact, sub = text_patterns(target.value)
        tiers = FIELD_TIERS if fields_only else PLAIN_TIERS
        return [(f"{words} '{target.value}'", make(page, p)) for words, make in tiers for p in (exact, sub)]
    if target.kind in ("text", "label", "placeholder") or (target.kind == "role" and target.name):
        return [(target.describe(), loc) for loc in _named(page, target)]
    if target.kind == "role":
        return [(target.describe(), page.get_by_role(target.value))]  # type: ignore[arg-type]
    if target.kind == "test_id":
        quoted = json.dumps(target.value)
        return [(target.describe(), page.locator(f"[data-test={quoted}], [data-testid={quoted}]"))]
    return [(target.describe(), page.locator(target.value))]


def _named(page: Page, target: Target) -> list[Locator]:
    exact, sub = text_patterns(target.name if target.kind == "role" and target.name else target.value)
    if target.kind == "role":
        return [page.get_by_role(target.value, name=p) for p in (exact, sub)]  # type: ignore[arg-type]
    finder = {"text": page.get_by_text, "label": page.get_by_label, "placeholder": page.get_by_placeholder}
    return [finder[target.kind](p) for p in (exact, sub)]


async def visible_matches(page: Page, target: Target, seconds: float = 5.0,
                          fields_only: bool = False) -> tuple[str, Locator, int] | None:
    """The first candidate with visible matches: (words, visible locator, count), or None."""
    for words, locator in candidates(page, target, fields_only):
        visible = locator.filter(visible=True)
        try:
            count = await within(visible.count(), seconds, f"looking for {target.describe()}")
        except Error as error:
            raise _rejected(target, error) from None
        if count:
            return words, visible, count
    return None


def _rejected(target: Target, error: Error) -> Exception:
    """A locator the browser would not run: the user's (`css:`), or one uxaudit built (its fault)."""
    if target.kind == "css":
        return StepFailure(f"invalid target {target.describe()}: {error.message.splitlines()[0]}")
    if is_selector_error(error.message):
        return ToolFault(tool_fault(f"the browser rejected the locator uxaudit built for {target.describe()}",
                                    browser_words(error.message)))
    return error


async def resolve(page: Page, target: Target, deadline: float, fields_only: bool = False) -> Locator:
    """The one element a step acts on, waiting for it to appear until the deadline; `fields_only`:
    a step that types or chooses, which plain text never points at a button or link for."""
    while True:
        found = await visible_matches(page, target, deadline - time.monotonic(), fields_only)
        if found:
            return await _pick(target, *found)
        if time.monotonic() >= deadline:
            message = f"no visible element matches {_looked_for(target, fields_only)}"
            raise StepFailure(message + await _nearly(page, target, fields_only))
        await asyncio.sleep(POLL_SECONDS)


async def _nearly(page: Page, target: Target, fields_only: bool) -> str:
    """`. Seen: …. Try: …` for a target that found nothing ('' when nothing on the page is like it)."""
    seen, total = await near_misses(page, target, fields_only)
    if not seen:
        return ""

    async def count(form: Target) -> int:
        try:
            found = await visible_matches(page, form, 0.5)
        except (Error, StepFailure):
            return 0
        return found[2] if found else 0
    return f". Seen: {listed(seen, total)}. {await advice(seen, fields_only, count)}"


async def _pick(target: Target, words: str, visible: Locator, count: int) -> Locator:
    if target.nth and target.nth <= count:
        return visible.nth(target.nth - 1)
    if count == 1 and not target.nth:
        return visible.first
    matches = await placed(visible)
    found = f": {listed(matches, count)}" if matches else ""
    if target.nth:
        raise StepFailure(f"nth: {target.nth} asked for, but only {count} visible match {words}{found}")
    pick = pick_one(target, matches) if matches else "e.g. {text: ..., nth: 1}, or a more precise target"
    raise StepFailure(f"{count} visible elements match {words}{found}. Pick one with `nth:`, {pick}")


def _looked_for(target: Target, fields_only: bool = False) -> str:
    if target.kind == "auto" and fields_only:
        return (f"'{target.value}' (looked for a form field with that label, placeholder or name; "
                "buttons and links are not filled)")
    if target.kind == "auto":
        return (f"'{target.value}' (looked for a button or link with that name, a field with that label, "
                "a placeholder, and visible text)")
    return target.describe()
