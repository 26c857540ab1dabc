"""Read a form back after `fill` or `select`: did the field keep what was typed, and did the typing
land in another field instead? A form that loses input fails its visitor silently."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from playwright.async_api import Error, Locator, Page

from ..artifacts import FieldChange, FieldCheck
from .bounded import within
from .step_failure import StepFailure

HIDDEN = "•••"  # what is kept of a password's or a secret's value
MIN_MOVED = 3  # characters (letters and digits) a value needs before "it landed in another field" is told
# The fields a visitor can type into: shown, enabled, not read-only. A hidden copy of a form (the
# mobile layout's) or a field the page fills itself (a read-only total) is not one.
_FIELDS_JS = """() => [...document.querySelectorAll(
  'input:not([type=hidden]):not([type=submit]):not([type=button]):not([type=reset]),select,textarea')]
  .filter((el) => !el.disabled && !el.readOnly && (!el.checkVisibility || el.checkVisibility()))"""
_READ_JS = f"""() => ({_FIELDS_JS})().slice(0, 300).map((el) => {{
  const words = (node) => (node.innerText || node.textContent || '').trim().replace(/\\s+/g, ' ');
  const label = (el.labels && el.labels[0] && words(el.labels[0])) || el.getAttribute('aria-label')
    || el.placeholder || el.name || el.id || el.tagName.toLowerCase();
  let value = el.value;
  let text = null;
  if (el.type === 'checkbox' || el.type === 'radio') value = el.checked ? 'checked' : '';
  if (el.tagName === 'SELECT') text = [...el.selectedOptions].map((o) => o.label).join(', ');
  return {{label: label.replace(/[\\s:*]+$/, '').slice(0, 80), value: String(value), text,
          secret: el.type === 'password'}};
}})"""
_INDEX_JS = f"(el) => ({_FIELDS_JS})().indexOf(el)"


@dataclass(frozen=True)
class FormState:
    """Every form field on the page and what it showed, in document order."""

    fields: tuple[dict[str, Any], ...]


async def read_form(page: Page) -> FormState | None:
    """The page's form fields now (None when the page cannot be read or is stuck)."""
    try:
        fields = await within(page.evaluate(_READ_JS), 1, "reading the form")
    except (Error, StepFailure):
        return None
    return FormState(tuple(fields))


async def check_field(element: Locator, typed: str, before: FormState | None,
                      secrets: frozenset[str] = frozenset()) -> FieldCheck | None:
    """What `element` shows after the step, and which other fields received `typed` meanwhile
    (values are hidden when the field is a password or what was typed holds a secret)."""
    after = await read_form(element.page)
    if after is None:
        return None
    try:  # the field may be gone (the form was replaced): then there is nothing to read back
        index = await within(element.evaluate(_INDEX_JS, timeout=1000), 2, "finding the field")
    except (Error, StepFailure):
        return None
    if not 0 <= index < len(after.fields):
        return None
    field = after.fields[index]
    kept = _shown(field, typed)
    kept_typed = kept_what_was_typed(typed, kept)
    check = FieldCheck(field=str(field["label"]), typed=typed, kept=kept, kept_typed=kept_typed,
                       others=_received(before, after, index, typed, kept_typed))
    return _hidden(check) if field["secret"] or any(secret in typed for secret in secrets) else check


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


def _received(before: FormState | None, after: FormState, index: int, typed: str,
              kept_typed: bool) -> tuple[FieldChange, ...]:
    """Other fields that now show exactly what was typed (formatting aside), and did not before: the
    typing went astray. When the field kept it too, only a field whose own value was overwritten
    counts (a billing address copied into its empty fields is deliberate). A field that fills itself
    in from it (a city from a postcode) shows something else; a value too short to tell ("2") is
    not judged."""
    typed_plain = _plain(typed)
    if before is None or len(before.fields) != len(after.fields) or len(typed_plain) < MIN_MOVED:
        return ()
    changes = []
    for position, (old, new) in enumerate(zip(before.fields, after.fields, strict=True)):
        if position == index or new["secret"] or _plain(str(old["value"])) == typed_plain:
            continue
        if kept_typed and not _plain(str(old["value"])):
            continue  # a copy into an empty field, the typed field keeping it too: a mirror, by design
        if _plain(str(new["value"])) == typed_plain:
            changes.append(FieldChange(str(new["label"]), str(old["value"]), str(new["value"])))
    return tuple(changes[:3])


def _hidden(check: FieldCheck) -> FieldCheck:
    others = tuple(FieldChange(o.label, HIDDEN if o.before else "", HIDDEN) for o in check.others)
    return FieldCheck(check.field, HIDDEN, HIDDEN if check.kept else "", check.kept_typed, others)


def _plain(value: str) -> str:
    return "".join(ch for ch in value.casefold() if ch.isalnum())
