"""uxaudit against a hand-written Playwright script of the same steps, on the demo shop built as a
single-page app (clean): what auditing a journey costs over just running it.

Both drive the same Chromium with the same flags, a fresh context per journey, one journey at a
time, and wait for the same success checks; uxaudit runs every audit but Lighthouse (the link
checker included). Rounds alternate (script, uxaudit, script, …) in one sitting, so a machine that
slows down slows both; the ratio of the medians is reported, with the machine's CPU steal.

Run: .venv/bin/python benchmarks/bench_spa_overhead.py [--rounds N]
"""

from __future__ import annotations

import argparse
import asyncio
import re
import statistics
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

from playwright.async_api import Locator, Page, async_playwright, expect

from uxaudit import pipeline
from uxaudit.demo.server import DemoShop
from uxaudit.gather.browser import find_chromium, launch_args
from uxaudit.gather.runner import SilentListener
from uxaudit.load.config import RunConfig

SPA_SCENARIOS = Path(__file__).resolve().parents[1] / "scenarios" / "_spa"
Journey = Callable[[Page, str], Awaitable[None]]


def named(page: Page, name: str) -> Locator:
    """A link or button by its accessible name, as a QA engineer would write it."""
    return page.get_by_role("link", name=name, exact=True).or_(page.get_by_role("button", name=name, exact=True))


async def log_in(page: Page, base: str) -> None:
    await page.goto(base + "/")
    await named(page, "Log in").first.click()
    await page.get_by_label("Email address").fill("ada@example.com")
    await page.get_by_label("Password").fill("correct horse battery staple")
    await page.get_by_role("button", name="Log in").click()
    await expect(page).to_have_url(re.compile(r"/orders$"))


async def log_in_for_orders(page: Page, base: str) -> None:
    await log_in(page, base)
    await expect(page.get_by_text("You are logged in")).to_be_visible()


async def delivery_address(page: Page, base: str) -> None:
    await log_in(page, base)
    await named(page, "Add a delivery address").click()
    for label, value in (("Given name", "Ada"), ("Surname", "Lovelace"), ("Street address", "1 Harbour Lane"),
                         ("Town", "Keswick"), ("Postcode", "CA12 5AB")):
        await page.get_by_label(label).fill(value)
    await named(page, "Save address").click()
    await expect(page.get_by_text("Address saved")).to_be_visible()
    await expect(page.get_by_text("Ada Lovelace").first).to_be_visible()


async def browse(page: Page, base: str) -> None:
    await page.goto(base + "/")
    await named(page, "Shop").first.click()
    await named(page, "Hiking Backpack 30L").first.click()
    await expect(page).to_have_url(re.compile(r"/products/hiking-backpack-30l$"))
    await expect(page).to_have_title(re.compile("Hiking Backpack 30L"))


async def blog(page: Page, base: str) -> None:
    await page.goto(base + "/")
    await named(page, "Blog").first.click()
    await expect(page).to_have_url(re.compile(r"/blog$"))
    await expect(page).to_have_title(re.compile("Blog"))


async def newsletter(page: Page, base: str) -> None:
    await page.goto(base + "/")
    await named(page, "Newsletter").first.click()
    await page.get_by_label("Email address").fill("grace@example.com")
    await named(page, "Subscribe").click()
    await expect(page).to_have_url(re.compile(r"/newsletter/thanks$"))
    await expect(page.get_by_text("You are subscribed")).to_be_visible()


async def wishlist(page: Page, base: str) -> None:
    await page.goto(base + "/")
    await page.get_by_label("Search").fill("trail shoes")
    await page.keyboard.press("Enter")
    await named(page, "Trail Running Shoes").first.click()
    await expect(page).to_have_url(re.compile(r"/products/trail-running-shoes$"))
    await named(page, "Add to wishlist").click()
    await expect(page.get_by_text("Saved to your wishlist")).to_be_visible()


JOURNEYS: tuple[Journey, ...] = (browse, log_in_for_orders, delivery_address, blog, newsletter, wishlist)


async def script_round(base: str) -> float:
    """The hand-written script: every journey in a fresh context of one browser."""
    started = time.perf_counter()
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=find_chromium().executable, args=launch_args())
        for journey in JOURNEYS:
            context = await browser.new_context()
            await journey(await context.new_page(), base)
            await context.close()
        await browser.close()
    return time.perf_counter() - started


def uxaudit_round(base: str) -> float:
    """uxaudit run on the same journeys (scenarios/_spa/), 1 worker, Lighthouse off."""
    with tempfile.TemporaryDirectory() as out:
        config = RunConfig(base_url=base, out_dir=Path(out), workers=1, lighthouse_enabled=False)
        started = time.perf_counter()
        journeys = pipeline.load([SPA_SCENARIOS], config)
        chromium, folder = pipeline.prepare(journeys, config)
        run = pipeline.gather_run(journeys, config, chromium, folder, SilentListener())
        pipeline.audit_and_report(run, folder, config)
        elapsed = time.perf_counter() - started
    failed = [t.id for j in run.journeys for t in j.tasks if t.status != "passed"]
    if failed:
        raise SystemExit(f"the clean app should pass every task; failed: {failed}")
    return elapsed


def cpu_steal() -> float:
    """The share of CPU time the hypervisor took since boot (/proc/stat), in percent."""
    fields = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    return 100 * fields[7] / sum(fields) if len(fields) > 7 else 0.0


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=3)
    rounds = parser.parse_args().rounds
    script, audited = [], []
    with DemoShop(clean=True, spa=True) as shop:
        asyncio.run(script_round(shop.url))  # warm-up: the first browser start pays for the disk cache
        for _ in range(rounds):
            script.append(asyncio.run(script_round(shop.url)))
            audited.append(uxaudit_round(shop.url))
    ratio = statistics.median(audited) / statistics.median(script)
    print(f"{len(JOURNEYS)} journeys of the single-page app, {rounds} alternating rounds")  # noqa: T201
    print(f"  hand-written Playwright script: median {statistics.median(script):.2f} s "  # noqa: T201
          f"({', '.join(f'{s:.2f}' for s in script)})")
    print(f"  uxaudit run (every audit but Lighthouse): median {statistics.median(audited):.2f} s "  # noqa: T201
          f"({', '.join(f'{s:.2f}' for s in audited)})")
    print(f"  uxaudit / script: {ratio:.2f}x; CPU steal since boot {cpu_steal():.1f}%")  # noqa: T201


if __name__ == "__main__":
    main()
