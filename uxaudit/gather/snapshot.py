"""Read a settled page: navigation timing, Web Vitals, title, visible text, HTML, screenshots."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from playwright.async_api import Error, Page

VITALS_SCRIPT = (Path(__file__).with_name("vitals.js")).read_text(encoding="utf-8")
MAX_TEXT = 200_000  # characters of visible text kept per page: enough for any real reading audit

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
  };
}"""


@dataclass(frozen=True)
class PageSnapshot:
    """What the current document looks like once it has settled."""

    timing: dict[str, Any]
    title: str
    visible_text: str
    html: str


async def take_snapshot(page: Page) -> PageSnapshot:
    """Timing, title, text and HTML of the current document (empty values if it is gone)."""
    try:
        timing = await page.evaluate(_TIMING_JS)
        title = await page.title()
        text = await page.evaluate("() => document.body ? document.body.innerText : ''")
        html = await page.content()
    except Error:
        return PageSnapshot({}, "", "", "")
    return PageSnapshot(timing, title, str(text)[:MAX_TEXT], html)


async def save_screenshot(page: Page, path: Path, full_page: bool = False) -> bool:
    """A JPEG thumbnail of the viewport, or a full-page PNG; password fields are masked."""
    path.parent.mkdir(parents=True, exist_ok=True)
    options: dict[str, Any] = {"path": str(path), "full_page": full_page, "timeout": 10_000,
                               "mask": [page.locator("input[type=password]")], "animations": "disabled"}
    if path.suffix == ".jpg":
        options.update(type="jpeg", quality=55, scale="css")
    try:
        await page.screenshot(**options)
    except Error:
        return False
    return True
