"""A step's screenshot marks what it acted on, in real Chromium: a box around the element and a dot
where it was clicked, drawn on the image (the page is never touched), where the element is in the
picture even after the page scrolled; a new document gets no marks."""

from __future__ import annotations

import asyncio
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PIL import Image, ImageChops, ImageStat
from playwright.async_api import async_playwright

from tests.e2e.conftest import journey_file, run_pipeline, serve_pages
from uxaudit.gather.browser import find_chromium, launch_args
from uxaudit.gather.marks import COLOUR, LINE, PAD, PAGE_BOX_JS, acted_on
from uxaudit.gather.snapshot import save_screenshot

BLUE = (37, 99, 235)
BUTTON = "border:0;width:160px;height:48px;background:rgb(37,99,235);color:#fff;font:16px sans-serif"
HEAD = ('<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{0}</title></head>'
        '<body style="margin:0;background:#fff"><h1>{0}</h1>')
PAGES = {
    # A button that does nothing, at a known place.
    "/dead": HEAD.format("Dead") + f'<button style="position:absolute;left:200px;top:150px;{BUTTON}">Do nothing'
             '</button><a href="/other" style="position:absolute;left:20px;top:400px">Elsewhere</a>',
    "/other": HEAD.format("Other"),
    # Far down: the click scrolls the page first.
    "/far": HEAD.format("Far") + f'<div style="height:1500px"></div><button style="{BUTTON}">Far button</button>'
            '<div style="height:800px"></div>',
    # Moved once clicked: a notice pushes it 100 px down.
    "/shift": HEAD.format("Shift") + f'<div id="top"></div><button style="{BUTTON}" onclick="document.getElementById'
              "('top').style.height = '100px'\">Shifting button</button>",
    # Far down, and gone once clicked: a green bar marks where it was.
    "/vanish": HEAD.format("Vanish") + '<div style="height:1500px"></div>'
               '<div style="height:10px;width:160px;background:rgb(0,160,0)"></div>'
               f'<button style="{BUTTON}" onclick="this.remove()">Vanishing button</button>'
               '<div style="height:800px"></div>',
}


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    with serve_pages(PAGES) as address:
        yield address


def _near(pixel: Any, colour: tuple[int, int, int], tolerance: int = 40) -> bool:
    return all(abs(int(a) - b) <= tolerance for a, b in zip(pixel[:3], colour, strict=True))


def _marked_pixels(image: Image.Image) -> tuple[int, int, int, int] | None:
    """The bounding box of the mark-coloured pixels."""
    bands = image.convert("RGB").split()
    near = [band.point(lambda v, c=c: 255 if abs(v - c) <= 50 else 0) for band, c in zip(bands, COLOUR, strict=True)]
    return ImageChops.multiply(ImageChops.multiply(near[0], near[1]), near[2]).getbbox()


async def _captures(url: str, folder: Path, scale: float) -> dict[str, Any]:
    """The dead button clicked, then captured marked and unmarked, as a full page and a thumbnail."""
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=find_chromium().executable, args=launch_args())
        page = await browser.new_page(viewport={"width": 800, "height": 600}, device_scale_factor=scale)
        await page.goto(url + "/dead")
        button = page.get_by_role("button", name="Do nothing").filter(visible=True).first
        box = await button.evaluate(f"el => {{ const r = el.getBoundingClientRect(); return {PAGE_BOX_JS}; }}")
        acted = acted_on(button, box, clicked=True)
        await button.click()
        shots = {}
        for name, full in (("marked.png", True), ("plain.png", True), ("marked.jpg", False), ("plain.jpg", False)):
            path = folder / name
            assert await save_screenshot(page, path, full, acted=acted if name.startswith("marked") else None)
            shots[name] = Image.open(io.BytesIO(path.read_bytes())).convert("RGB")
        await browser.close()
    return shots


@pytest.mark.parametrize("scale", [1, 2])
def test_a_dead_click_is_marked_exactly_around_the_button(site: str, tmp_path: Path, scale: float) -> None:
    shots = asyncio.run(_captures(site, tmp_path, scale))
    marked, plain = shots["marked.png"], shots["plain.png"]
    assert marked.size == plain.size
    # The coloured line lies PAD outside the button, its white halo outside it (unseen on a white page).
    near, reach = PAD * scale, (PAD + LINE) * scale
    left, top, right, bottom = ImageChops.difference(marked, plain).getbbox() or (0, 0, 0, 0)
    assert 200 * scale - reach - 1 <= left <= 200 * scale - near
    assert 150 * scale - reach - 1 <= top <= 150 * scale - near
    assert 360 * scale + near <= right <= 360 * scale + reach + 1
    assert 198 * scale + near <= bottom <= 198 * scale + reach + 1
    # Far from the button the two pictures are the same, pixel for pixel.
    assert marked.crop((0, 300 * scale, marked.width, marked.height)) == plain.crop((0, 300 * scale, plain.width,
                                                                                      plain.height))
    # The dot is at the button's centre; between it and the box the button shows as it is.
    assert _near(marked.getpixel((280 * scale, 174 * scale)), COLOUR, 5)
    assert _near(plain.getpixel((280 * scale, 174 * scale)), BLUE, 5)
    assert _near(marked.getpixel((205 * scale, 155 * scale)), BLUE, 5)
    assert _near(marked.getpixel((int(200 * scale - 2 * scale), 174 * scale)), COLOUR, 5)  # the box's left line
    # The thumbnail (CSS pixels) is marked at the same place.
    thumb, plain_thumb = shots["marked.jpg"], shots["plain.jpg"]
    assert thumb.size == (800, 600)
    assert _near(thumb.getpixel((280, 174)), COLOUR) and _near(thumb.getpixel((198, 174)), COLOUR)
    far_away = ImageChops.difference(thumb.crop((0, 300, 800, 600)), plain_thumb.crop((0, 300, 800, 600)))
    assert max(ImageStat.Stat(far_away).mean) < 1.5  # JPEG noise (around text) only, nothing drawn


def _step_shots(site: str, tmp_path: Path) -> tuple[Path, dict[str, Any]]:
    folder = tmp_path / "journeys"
    folder.mkdir()
    journey_file(folder, "marks.yaml", f"""
        name: Marks
        base_url: {site}
        tasks:
          - name: Far
            steps:
              - goto: /far
              - click: Far button
          - name: Vanish
            steps:
              - goto: /vanish
              - click: Vanishing button
          - name: Shift
            steps:
              - goto: /shift
              - click: Shifting button
          - name: Away
            steps:
              - goto: /dead
              - click: Elsewhere
    """)
    out = tmp_path / "out"
    run_pipeline([folder], out, workers=1, check_links=False, trace="off")
    return out, json.loads((out / "journeys" / "marks.json").read_text())


def test_step_screenshots_mark_the_element_where_the_picture_shows_it(site: str, tmp_path: Path) -> None:
    out, record = _step_shots(site, tmp_path)
    far, vanish, shift, away = (task["steps"][1] for task in record["tasks"])
    # The page scrolled to the button: the box is around it where it now shows, with the dot inside.
    picture = Image.open(out / far["screenshot"]).convert("RGB")
    box = _marked_pixels(picture)
    assert box is not None
    left, top, right, bottom = box
    assert abs((right - left) - (160 + 2 * PAD)) <= 3 and abs((bottom - top) - (48 + 2 * PAD)) <= 3
    assert _near(picture.getpixel((left + LINE + PAD + 4, top + LINE + PAD + 4)), BLUE)
    assert _near(picture.getpixel(((left + right) // 2, (top + bottom) // 2)), COLOUR)
    # Gone once clicked: the box shows where it was, just under the green bar that stayed.
    picture = Image.open(out / vanish["screenshot"]).convert("RGB")
    box = _marked_pixels(picture)
    assert box is not None
    left, top, right, bottom = box
    assert abs((right - left) - (160 + 2 * PAD)) <= 3
    assert _near(picture.getpixel((left + PAD + LINE + 10, top - 2)), (255, 255, 255), 30)  # the halo
    bar = [y for y in range(top - 30, top) if _near(picture.getpixel((left + PAD + LINE + 20, y)), (0, 160, 0))]
    assert bar and top - max(bar) <= PAD + 2 * LINE + 2
    # Moved by the click: the box is where the button went, not where it was clicked.
    picture = Image.open(out / shift["screenshot"]).convert("RGB")
    box = _marked_pixels(picture)
    assert box is not None
    assert _near(picture.getpixel((box[0] + LINE + PAD + 4, box[1] + LINE + PAD + 4)), BLUE)
    assert _near(picture.getpixel((box[0] + LINE + PAD + 4, box[1] - 30)), (255, 255, 255), 10)  # the notice
    # A click that opened a new document: that picture shows another page, nothing is marked on it.
    assert away["url"].endswith("/other")
    assert _marked_pixels(Image.open(out / away["screenshot"])) is None
