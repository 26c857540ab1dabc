"""report.html and the comparison page of a real demo run, laid out in real Chromium at a phone's width
(390 px) and a desktop's (1440 px): nothing is cut off or sticks out to the right, the default view of
the defective demo's report is under 10 screens on a desktop, and axe-core finds no serious or
critical problem at either width. Screenshots: /tmp/report-390.png and /tmp/report-1440.png."""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from playwright.async_api import Page, async_playwright

from tests.e2e.conftest import SCENARIOS, run_pipeline, uxaudit_cli
from uxaudit.demo.server import DemoShop
from uxaudit.gather.accessibility import AccessibilityChecker
from uxaudit.gather.browser import find_chromium, launch_args

PHONE, DESKTOP = 390, 1440
SCREEN = 900  # one screen's height
MAX_SCREENS = 10
SHOTS = Path("/tmp")

# Every visible element whose right edge is past the viewport (an element inside a closed <details>
# has no box, so it is not visible); the report makes no sideways-scrolling box on purpose.
STICKING_OUT = """() => {
  const width = innerWidth, out = [];
  for (const el of document.body.querySelectorAll('*')) {
    const box = el.getBoundingClientRect();
    if (box.width > 0 && box.height > 0 && box.right > width + 0.5) {
      out.push(`${el.tagName.toLowerCase()}.${[...el.classList].join('.')} right edge ${Math.round(box.right)}`);
    }
  }
  return {scrollWidth: document.scrollingElement.scrollWidth, innerWidth: width,
          height: document.scrollingElement.scrollHeight, out: out.slice(0, 20)};
}"""
# Lazy images have no height until they load: load them all, so the page is as tall as a reader sees it.
LOAD_IMAGES = """Promise.all([...document.images].map(img => { img.loading = 'eager';
  return img.decode().catch(() => null); }))"""
FIRST_SCREEN_TEXT = """() => [...document.querySelectorAll('main p, main li, main h3, main dt, main dd')]
  .filter(e => { const box = e.getBoundingClientRect(); return box.height > 0 && box.bottom <= innerHeight; })
  .map(e => e.innerText).join(' ')"""
OPEN_ALL = "() => document.querySelectorAll('details').forEach(d => { d.open = true; })"


@dataclass(frozen=True)
class Layout:
    """How a page laid out at one width."""

    width: int
    scroll_width: int
    height: int
    sticking_out: list[str]  # with only the default view open
    sticking_out_opened: list[str]  # with every folded part open
    serious: list[tuple[str, str, tuple[str, ...]]]  # axe-core's serious and critical violations


def laid_out(page_file: Path, shot: str | None = None) -> dict[int, Layout]:
    """The page at the phone's and the desktop's width."""
    async def at(width: int, browser: Any) -> Layout:
        tab: Page = await browser.new_page(viewport={"width": width, "height": SCREEN})
        await tab.goto(page_file.resolve().as_uri())
        await tab.evaluate(LOAD_IMAGES)
        shown = await tab.evaluate(STICKING_OUT)
        if shot:
            await tab.screenshot(path=str(SHOTS / f"{shot}-{width}.png"), full_page=True)
        violations = (await AccessibilityChecker.installed().check(tab)).violations
        await tab.evaluate(OPEN_ALL)
        opened = await tab.evaluate(STICKING_OUT)
        await tab.close()
        serious = [(v.rule, v.impact, v.targets) for v in violations if v.impact in ("serious", "critical")]
        return Layout(width, shown["scrollWidth"], shown["height"], shown["out"], opened["out"], serious)

    async def both() -> dict[int, Layout]:
        async with async_playwright() as playwright:
            browser = await playwright.chromium.launch(executable_path=find_chromium().executable,
                                                       args=launch_args())
            layouts = {width: await at(width, browser) for width in (PHONE, DESKTOP)}
            await browser.close()
        return layouts

    assert AccessibilityChecker.installed().available, "axe-core is not installed (npm ci)"
    return asyncio.run(both())


@pytest.fixture(scope="module")
def report_layout(defective_card: dict[str, Any], defective_out: Path) -> dict[int, Layout]:
    assert defective_card["findings"] and defective_card["lighthouse"]  # the report has all its parts
    return laid_out(defective_out / "report.html", shot="report")


@pytest.fixture(scope="module")
def compare_page(defective_card: dict[str, Any], clean_shop: DemoShop,
                 tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The defective run against a later run in which two of its broken journeys were fixed."""
    out = tmp_path_factory.mktemp("fixed")
    fixed = run_pipeline([SCENARIOS / "my-account.yaml", SCENARIOS / "gift-cards.yaml"], out,
                         base_url=clean_shop.url, workers=1)
    page = out / "compare.html"
    result = uxaudit_cli("compare", defective_card["run"]["id"], fixed["run"]["id"], "--out", str(page))
    assert result.code == 0, result.stderr
    return page


@pytest.mark.parametrize("width", [PHONE, DESKTOP])
def test_nothing_in_the_report_is_cut_off_or_sticks_out(report_layout: dict[int, Layout], width: int) -> None:
    layout = report_layout[width]
    assert layout.scroll_width <= layout.width
    assert layout.sticking_out == []
    assert layout.sticking_out_opened == []  # nor in any part a reader opens (tables become cards)


def test_the_reports_default_view_fits_in_ten_desktop_screens(report_layout: dict[int, Layout]) -> None:
    assert report_layout[DESKTOP].height < MAX_SCREENS * SCREEN, f"{report_layout[DESKTOP].height / SCREEN:.1f} screens"


@pytest.mark.parametrize("width", [PHONE, DESKTOP])
def test_the_report_has_no_serious_accessibility_problem(report_layout: dict[int, Layout], width: int) -> None:
    assert report_layout[width].serious == []


def test_the_first_screen_says_how_good_what_is_worst_and_what_to_fix_first(defective_card: dict[str, Any],
                                                                          defective_out: Path) -> None:
    async def first_screen() -> str:
        async with async_playwright() as playwright:
            browser = await playwright.chromium.launch(executable_path=find_chromium().executable,
                                                       args=launch_args())
            tab = await browser.new_page(viewport={"width": DESKTOP, "height": SCREEN})
            await tab.goto((defective_out / "report.html").resolve().as_uri())
            text = str(await tab.evaluate(FIRST_SCREEN_TEXT))
            await browser.close()
        return " ".join(text.split())

    text = asyncio.run(first_screen())
    assert f"Grade {defective_card['grade']}" in text and "Worst journey" in text
    assert "Fix these first" in text and "Stops" in text


@pytest.fixture(scope="module")
def compare_layout(compare_page: Path) -> dict[int, Layout]:
    return laid_out(compare_page, shot="compare")


@pytest.mark.parametrize("width", [PHONE, DESKTOP])
def test_the_comparison_page_fits_both_widths_and_passes_axe(compare_layout: dict[int, Layout], width: int) -> None:
    layout = compare_layout[width]
    assert layout.scroll_width <= layout.width and layout.sticking_out == [] and layout.sticking_out_opened == []
    assert layout.serious == []


def test_the_summary_and_the_report_count_the_same_problems(defective_card: dict[str, Any],
                                                            defective_out: Path) -> None:
    from uxaudit.report.problems import group_problems

    problems = len(group_problems(defective_card["findings"]))
    summary = (defective_out / "summary.md").read_text(encoding="utf-8")
    report = (defective_out / "report.html").read_text(encoding="utf-8")
    assert f"{problems} problems, met {len(defective_card['findings'])} times" in summary
    assert f"{problems} problems</strong>" in report
    assert json.loads((defective_out / "scorecard.json").read_text())["findings"] == defective_card["findings"]
