"""The element a step acted on, marked in the step's screenshot: a box around it and, for a click,
a dot where it was clicked, so the picture of a click that did nothing shows what was clicked.

The marks are drawn on the image after capture, never in the page: the page's own
MutationObservers feed the dead-click and screen-drawn evidence, which a drawn overlay would fool."""

from __future__ import annotations

import io
from dataclasses import dataclass

from PIL import Image, ImageDraw
from playwright.async_api import Error, Locator, Page

from .bounded import within
from .step_failure import StepFailure

# Boxes in page coordinates (CSS px from the document's top-left): they stay true when the page
# scrolls, which a click does first to bring its element into view.
PAGE_BOX_JS = "[r.left + window.scrollX, r.top + window.scrollY, r.width, r.height]"  # r: a client rect
_PLACE_JS = f"""els => [els.map((el) => {{ const r = el.getBoundingClientRect(); return {PAGE_BOX_JS}; }}),
  window.scrollX, window.scrollY, window.devicePixelRatio || 1]"""
COLOUR = (255, 64, 0)  # orange-red, unlike the magenta of masked secrets; a white halo for dark pages
HALO = (255, 255, 255)
PAD, LINE, DOT = 3, 3, 6  # CSS px: space around the element, box line width, dot radius
JPEG_QUALITY = 55  # as the unmarked thumbnails


@dataclass(frozen=True)
class Box:
    """A rectangle: x, y, width, height."""

    x: float
    y: float
    width: float
    height: float


@dataclass(frozen=True)
class ActedOn:
    """The element a step acted on."""

    element: Locator  # found again before the screenshot: the page may have moved it since
    url: str  # the page's address at action time: an old place means nothing on another screen
    box: Box | None = None  # page coordinates at action time, when read then (a click's: it may vanish)
    clicked: bool = False  # clicked at its centre, as Playwright clicks


@dataclass(frozen=True)
class Marks:
    """Where the marks go in the picture, in its pixels."""

    box: Box
    dot: tuple[float, float] | None
    scale: float  # image pixels per CSS px: line widths grow with it


def acted_on(element: Locator, box: list[float] | None = None, clicked: bool = False) -> ActedOn:
    """The element a step acts on; `box` as read before the action (PAGE_BOX_JS), if it was."""
    return ActedOn(element, element.page.url, Box(*box) if box and len(box) == 4 else None, clicked)


async def place(page: Page, acted: ActedOn, full_page: bool) -> Marks | None:
    """Where the marks go in the picture about to be taken. The element's box now when it is still
    shown (the page may have scrolled or moved it since the action); else where it was at action
    time, if that was read and the page still shows that address; else no marks. One round trip."""
    try:
        found, scroll_x, scroll_y, scale = await within(acted.element.evaluate_all(_PLACE_JS), 1,
                                                        "measuring the element acted on")
    except (Error, StepFailure, ValueError, TypeError):
        return None
    if found:
        box = Box(*found[0])
    elif acted.box is not None and page.url == acted.url:
        box = acted.box
    else:
        return None
    if full_page:  # a full page is drawn from the document's top-left, in device pixels
        scroll_x = scroll_y = 0
    else:  # a thumbnail shows the viewport, in CSS pixels
        scale = 1
    return _in_picture(box, scroll_x, scroll_y, float(scale), _click_point(acted, box))


def _click_point(acted: ActedOn, box: Box) -> tuple[float, float] | None:
    """Where the click landed, in page coordinates: the centre of the element's box at action time,
    kept at the same place within the element should it have moved or grown since (an editor's
    new lines), and inside it should it have shrunk."""
    if not acted.clicked:
        return None
    clicked_in = acted.box or box
    return (box.x + min(clicked_in.width / 2, box.width), box.y + min(clicked_in.height / 2, box.height))


def _in_picture(box: Box, scroll_x: float, scroll_y: float, scale: float,
                click: tuple[float, float] | None) -> Marks | None:
    if box.width <= 0 and box.height <= 0:
        return None
    shown = Box((box.x - scroll_x) * scale, (box.y - scroll_y) * scale, box.width * scale, box.height * scale)
    dot = ((click[0] - scroll_x) * scale, (click[1] - scroll_y) * scale) if click else None
    return Marks(shown, dot, scale)


def marked(picture: bytes, marks: Marks, jpeg: bool) -> bytes:
    """The picture (PNG bytes) with the marks drawn, encoded as JPEG or PNG."""
    image = Image.open(io.BytesIO(picture)).convert("RGB")
    draw(image, marks)
    out = io.BytesIO()
    if jpeg:
        image.save(out, "JPEG", quality=JPEG_QUALITY)
    else:
        image.save(out, "PNG", compress_level=1)  # a full page at the default level costs ~10x the time
    return out.getvalue()


def draw(image: Image.Image, marks: Marks) -> None:
    """A box around the element (a white halo outside a coloured line) and the click's dot."""
    pen = ImageDraw.Draw(image)
    pad, line = PAD * marks.scale, max(1, round(LINE * marks.scale))
    b = marks.box
    outline = [b.x - pad, b.y - pad, b.x + b.width + pad - 1, b.y + b.height + pad - 1]  # PIL's corners are inclusive
    pen.rectangle(_grown(outline, line), outline=HALO, width=line)
    pen.rectangle(outline, outline=COLOUR, width=line)
    if marks.dot is not None:
        x, y = marks.dot
        radius = DOT * marks.scale
        pen.ellipse([x - radius - line, y - radius - line, x + radius + line, y + radius + line], fill=HALO)
        pen.ellipse([x - radius, y - radius, x + radius, y + radius], fill=COLOUR)


def _grown(rectangle: list[float], by: float) -> list[float]:
    left, top, right, bottom = rectangle
    return [left - by, top - by, right + by, bottom + by]
