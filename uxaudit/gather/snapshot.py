"""Read a settled page: navigation timing, Web Vitals, title, visible text, HTML, screenshots."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from playwright.async_api import Error, Locator, Page

from .bounded import within
from .marks import ActedOn, marked, place
from .step_failure import StepFailure

VITALS_SCRIPT = (Path(__file__).with_name("vitals.js")).read_text(encoding="utf-8")
MAX_TEXT = 200_000  # characters of visible text kept per page: enough for any real reading audit
# Characters of HTML kept per page (about 5 MB): real pages are far smaller; a hostile 20 MB document
# would otherwise be saved, parsed for links and read by every content audit in full.
MAX_HTML = 5_000_000
CUT_MARKER = "<!-- uxaudit: the page was cut here: it had {total:,} characters, the first {kept:,} are saved -->"

_TIMING_JS = """() => {
  const nav = performance.getEntriesByType('navigation')[0];
  const vitals = window.__uxaudit || {};
  const ms = (v) => (v && v > 0 ? Math.round(v * 10) / 10 : null);
  return {
    ttfb_ms: nav ? ms(nav.responseStart) : null,
    dom_content_loaded_ms: nav ? ms(nav.domContentLoadedEventEnd) : null,
    load_ms: nav ? ms(nav.loadEventEnd) : null,
    fcp_ms: ms(vitals.fcp), lcp_ms: ms(vitals.lcp),
    cls: typeof vitals.cls === 'number' ? Math.round(vitals.cls * 10000) / 10000 : null,
    lcp_element: vitals.lcpElement || null, shifted: vitals.shifted || [],
  };
}"""


@dataclass(frozen=True)
class PageSnapshot:
    """What the current document looks like once it has settled."""

    timing: dict[str, Any]
    title: str
    visible_text: str
    html: str


SNAPSHOT_SECONDS = 5.0
MARKED_CAPTURE_QUALITY = 90  # a thumbnail to be marked is captured finer, as it is encoded twice
VISIBLE_TEXT_JS = "() => document.body ? document.body.innerText : ''"


async def take_snapshot(page: Page) -> PageSnapshot:
    """Timing, title, text and HTML of the current document (empty values if it is gone or stuck)."""
    try:
        return await within(_read(page), SNAPSHOT_SECONDS, "reading the page")
    except (Error, StepFailure):
        return PageSnapshot({}, "", "", "")


async def _read(page: Page) -> PageSnapshot:
    timing = await page.evaluate(_TIMING_JS)
    title = await page.title()
    text = await page.evaluate(VISIBLE_TEXT_JS)
    timing["shifted"] = tuple(timing.get("shifted") or ())
    return PageSnapshot(timing, title, str(text)[:MAX_TEXT], capped_html(await page.content()))


def capped_html(html: str, limit: int = MAX_HTML) -> str:
    """The HTML as saved: whole, or its first `limit` characters and a comment saying it was cut."""
    if len(html) <= limit:
        return html
    return html[:limit] + "\n" + CUT_MARKER.format(total=len(html), kept=limit) + "\n"


_SHIFTS_SINCE_JS = """(since) => {
  const vitals = window.__uxaudit;
  if (!vitals || !vitals.clsSince) return null;
  const shift = vitals.clsSince(since);
  return {cls: Math.round(shift.cls * 10000) / 10000, shifted: shift.shifted};
}"""


async def read_layout_shift(page: Page, since_ms: float = 0) -> tuple[float | None, tuple[str, ...]]:
    """The page's CLS (worst session window) since `since_ms` (page time: an in-app route's start;
    0 for the document), and the elements that moved (shifts can come long after loading)."""
    try:
        shift = await within(page.evaluate(_SHIFTS_SINCE_JS, since_ms), SNAPSHOT_SECONDS, "reading layout shifts")
    except (Error, StepFailure):
        return None, ()
    if not isinstance(shift, dict):
        return None, ()
    return shift.get("cls"), tuple(shift.get("shifted") or ())


async def save_screenshot(page: Page, path: Path, full_page: bool = False, masks: Sequence[Locator] = (),
                          secrets: Iterable[str] = (), acted: ActedOn | None = None) -> bool:
    """A JPEG thumbnail of the viewport, or a full-page PNG; password fields, fields typed a secret
    into, and every element whose text or value shows a secret are masked; the element `acted` on
    is marked (gather/marks.py)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    options: dict[str, Any] = {"path": str(path), "full_page": full_page, "timeout": 10_000,
                               "animations": "disabled"}
    try:
        hidden = [*await _password_fields(page), *masks, *await _showing_secrets(page, secrets)]
    except (Error, StepFailure):
        return False
    if hidden:  # masking costs ~0.1 s a shot even when nothing matches, so only when needed
        options["mask"] = hidden
    if path.suffix == ".jpg":
        options.update(type="jpeg", quality=55, scale="css")
    marks = await place(page, acted, full_page) if acted is not None else None
    if marks is not None:  # captured finer (Chromium's PNG takes ~5x as long as a JPEG), then marked
        options.update(path=None, quality=MARKED_CAPTURE_QUALITY if path.suffix == ".jpg" else None)
    try:
        picture = await page.screenshot(**options)
    except Error:
        return False
    if marks is not None:
        path.write_bytes(marked(picture, marks, jpeg=path.suffix == ".jpg"))
    return True


async def _showing_secrets(page: Page, secrets: Iterable[str]) -> list[Locator]:
    """The elements whose text, or whose field value as the page sent it, holds a secret (a site
    that echoes a token back, a greeting with the user's password in it)."""
    found = []
    for secret in secrets:
        if not secret.strip():
            continue
        quoted = secret.replace("\\", "\\\\").replace('"', '\\"')
        for element in (page.get_by_text(secret), page.locator(f'[value*="{quoted}"]')):
            if await within(element.count(), SNAPSHOT_SECONDS, "looking for secrets on the page"):
                found.append(element)
    return found


async def _password_fields(page: Page) -> list[Locator]:
    fields = page.locator("input[type=password]")
    return [fields] if await within(fields.count(), SNAPSHOT_SECONDS, "looking for password fields") else []
