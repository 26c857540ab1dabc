"""axe-core on the page state each step leaves: which WCAG A/AA rules the page breaks, and where.

axe runs inside the page (it needs the rendered styles to judge contrast), after the step and
outside its timed span. A page state already checked in this run (same address, same markup) is
not checked again: its result is reused, which keeps journeys that revisit pages cheap.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from playwright.async_api import Error, Page

from ..artifacts import A11yViolation
from .bounded import within
from .node_tools import axe_script
from .step_failure import StepFailure

# The rules of WCAG 2.x levels A and AA, the level laws and most accessibility policies ask for.
# axe's "best-practice" rules are left out: they are advice, and a clean page must not fail them.
WCAG_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa")
AXE_SECONDS = 20.0  # a huge page can take a few seconds; a stuck one must not stop the journey
PROBE_SECONDS = 2.0  # a page that cannot even say what it shows is frozen: axe is not tried
MAX_TARGETS = 5
MAX_HTML = 240

# A cheap fingerprint of the markup, so a revisited page state is recognised without running axe.
_FINGERPRINT_JS = """() => {
  const html = document.documentElement ? document.documentElement.outerHTML : '';
  let hash = 0x811c9dc5;
  for (let i = 0; i < html.length; i++) hash = Math.imul(hash ^ html.charCodeAt(i), 16777619);
  // The viewport too: target sizes and responsive styles differ between a phone and a desktop.
  return [location.href, innerWidth, innerHeight, devicePixelRatio, html.length, (hash >>> 0).toString(16)].join(' ');
}"""
_HAS_AXE_JS = "() => typeof window.axe === 'object' && typeof window.axe.run === 'function'"
# uxaudit must not add requests to the page it judges: by default axe "preloads" the CSSOM, fetching
# every @import-ed and cross-origin stylesheet again with XMLHttpRequest (an @import inside a fetched
# sheet resolved against the page's address, a file the page never asked for), and those failures
# would be reported as the site's. Only `css-orientation-lock`, an experimental rule outside WCAG_TAGS,
# reads that CSSOM. The media preload only waits for autoplaying media's metadata: it sends nothing.
PRELOAD = {"assets": ["media"]}
_RUN_JS = """async ({tags, maxTargets, maxHtml, preload}) => {
  const result = await window.axe.run(document, {runOnly: {type: 'tag', values: tags},
                                                 resultTypes: ['violations'], preload});
  return result.violations.map((v) => ({
    rule: v.id, impact: v.impact || 'minor', help: v.help, help_url: v.helpUrl, nodes: v.nodes.length,
    targets: v.nodes.slice(0, maxTargets).map((n) => n.target.map(String).join(' ')),
    html: v.nodes.length ? v.nodes[0].html.slice(0, maxHtml) : '',
    fix: v.nodes.length ? (v.nodes[0].failureSummary || '') : '',
    wcag: v.tags.filter((t) => /^wcag\\d{3,}$/.test(t)),
  }));
}"""


CHECKED_SCHEMES = ("http://", "https://", "file://")


@dataclass(frozen=True)
class Checked:
    """What axe-core found in one page state; `unchecked` says why it could not tell (then no violation
    is known, which is not the same as none)."""

    violations: tuple[A11yViolation, ...] = ()
    unchecked: str | None = None


TOO_SLOW = f"axe-core did not finish checking it within {AXE_SECONDS:.0f} s"


class AccessibilityChecker:
    """One per run, shared by its workers; `available` is False when axe-core is not installed."""

    def __init__(self, script: Path | None) -> None:
        self._source = script.read_text(encoding="utf-8") if script else None
        self._seen: dict[str, tuple[dict[str, Any], ...]] = {}
        self._too_slow: set[str] = set()  # states axe could not finish: not tried again (each try costs AXE_SECONDS)

    @classmethod
    def installed(cls) -> AccessibilityChecker:
        """With the axe-core that `npm ci` installed, if any."""
        return cls(axe_script())

    @property
    def available(self) -> bool:
        """True when axe-core was found."""
        return self._source is not None

    async def check(self, page: Page) -> Checked:
        """The violations of the page as it is now; none when axe is missing or the page is gone. Only
        documents are checked (a site's pages; files, for uxaudit's own reports): after a failed load
        Chromium shows its own error page (chrome-error://), whose faults are not the site's. A state
        too big for axe to finish in AXE_SECONDS is `unchecked`, and not tried again."""
        if self._source is None or not page.url.startswith(CHECKED_SCHEMES):
            return Checked()
        try:
            fingerprint = str(await within(page.evaluate(_FINGERPRINT_JS), PROBE_SECONDS, "reading the page"))
        except (Error, StepFailure):
            return Checked()  # a page that navigated away or froze meanwhile: its next state is checked
        if fingerprint in self._too_slow:
            return Checked(unchecked=TOO_SLOW)
        try:
            raw = await within(self._violations(page, fingerprint, self._source), AXE_SECONDS,
                               "checking accessibility")
        except StepFailure:
            self._too_slow.add(fingerprint)
            return Checked(unchecked=TOO_SLOW)
        except Error:
            return Checked()
        url = page.url
        return Checked(tuple(A11yViolation(**{**item, "targets": tuple(item["targets"]), "wcag": tuple(item["wcag"])},
                                           page_url=url) for item in raw))

    async def _violations(self, page: Page, fingerprint: str, source: str) -> tuple[dict[str, Any], ...]:
        if fingerprint in self._seen:
            return self._seen[fingerprint]
        if not await page.evaluate(_HAS_AXE_JS):
            await page.evaluate(source)
        raw = await page.evaluate(_RUN_JS, {"tags": list(WCAG_TAGS), "maxTargets": MAX_TARGETS, "maxHtml": MAX_HTML,
                                            "preload": PRELOAD})
        self._seen[fingerprint] = tuple(raw)
        return self._seen[fingerprint]
