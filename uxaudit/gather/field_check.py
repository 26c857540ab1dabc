"""Read a form back after `fill` or `select`: did the field keep what was typed, and did the typing
land in another field instead? A form that loses input fails its visitor silently."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from playwright.async_api import Error, Locator, Page

from ..artifacts import FieldChange, FieldCheck
from .bounded import within
from .step_failure import StepFailure

HIDDEN = "•••"  # what is kept of a password field's value
_FIELDS = "input:not([type=hidden]):not([type=submit]):not([type=button]):not([type=reset]),select,textarea"
_READ_JS = """(selector) => [...document.querySelectorAll(selector)].slice(0, 300).map((el) => {
  const words = (node) => (node.innerText || node.textContent || '').trim().replace(/\\s+/g, ' ');
  const label = (el.labels && el.labels[0] && words(el.labels[0])) || el.getAttribute('aria-label')
    || el.placeholder || el.name || el.id || el.tagName.toLowerCase();
  let value = el.value;
  let text = null;
  if (el.type === 'checkbox' || el.type === 'radio') value = el.checked ? 'checked' : '';
  if (el.tagName === 'SELECT') text = [...el.selectedOptions].map((o) => o.label).join(', ');
  return {label: label.replace(/[\\s:*]+$/, '').slice(0, 80), value: String(value), text,
          secret: el.type === 'password'};
})"""
_INDEX_JS = "(el, selector) => [...document.querySelectorAll(selector)].indexOf(el)"


@dataclass(frozen=True)
class FormState:
    """Every form field on the page and what it showed, in document order."""

    fields: tuple[dict[str, Any], ...]


async def read_form(page: Page) -> FormState | None:
    """The page's form fields now (None when the page cannot be read or is stuck)."""
    try:
        fields = await within(page.evaluate(_READ_JS, _FIELDS), 1, "reading the form")
    except (Error, StepFailure):
        return None
    return FormState(tuple(fields))


async def check_field(element: Locator, typed: str, before: FormState | None) -> FieldCheck | None:
    """What `element` shows after the step, and which other fields received `typed` meanwhile."""
    after = await read_form(element.page)
    if after is None:
        return None
    try:  # the field may be gone (the form was replaced): then there is nothing to read back
        index = await within(element.evaluate(_INDEX_JS, _FIELDS, timeout=1000), 2, "finding the field")
    except (Error, StepFailure):
        return None
    if not 0 <= index < len(after.fields):
        return None
    field = after.fields[index]
    kept = _shown(field, typed)
    check = FieldCheck(field=str(field["label"]), typed=typed, kept=kept, kept_typed=kept_what_was_typed(typed, kept),
                       others=_received(before, after, index, typed))
    return _hidden(check) if field["secret"] else check


def kept_what_was_typed(typed: str, kept: str) -> bool:
    """The field shows what was typed, formatting aside: "555 123-4567" keeps "5551234567"."""
    typed_plain, kept_plain = _plain(typed), _plain(kept)
    return typed_plain == kept_plain or (bool(typed_plain) and typed_plain in kept_plain)


def _shown(field: dict[str, Any], typed: str) -> str:
    """A select shows its option's label; it kept the choice if either the label or value matches."""
    value, text = str(field["value"]), field.get("text")
    if text is None or kept_what_was_typed(typed, value):
        return value
    return str(text)


def _received(before: FormState | None, after: FormState, index: int, typed: str) -> tuple[FieldChange, ...]:
    """Other fields that did not show `typed` before and do now: the typing went astray."""
    if before is None or len(before.fields) != len(after.fields) or not _plain(typed):
        return ()
    changes = []
    for position, (old, new) in enumerate(zip(before.fields, after.fields, strict=True)):
        if position == index or old["value"] == new["value"] or new["secret"]:
            continue
        if kept_what_was_typed(typed, str(new["value"])) and not kept_what_was_typed(typed, str(old["value"])):
            changes.append(FieldChange(str(new["label"]), str(old["value"]), str(new["value"])))
    return tuple(changes[:3])


def _hidden(check: FieldCheck) -> FieldCheck:
    return FieldCheck(check.field, HIDDEN, HIDDEN if check.kept else "", check.kept_typed, check.others)


def _plain(value: str) -> str:
    return "".join(ch for ch in value.casefold() if ch.isalnum())
