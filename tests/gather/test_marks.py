"""The marks' geometry and drawing (gather/marks.py) on hand-made pictures, no browser: page
coordinates to picture pixels, the click's place in a moved element, and what is drawn where."""

from __future__ import annotations

import io
from typing import Any

from PIL import Image

from uxaudit.gather.marks import COLOUR, HALO, LINE, PAD, ActedOn, Box, Marks, _click_point, _in_picture, draw, marked


def _acted(box: Box | None, clicked: bool = True) -> ActedOn:
    element: Any = None  # never read by the geometry
    return ActedOn(element, "http://x.test/", box, clicked)


def test_a_thumbnail_is_in_css_pixels_of_the_viewport() -> None:
    box = Box(200, 1650, 160, 48)  # far down the page, scrolled to 1400
    marks = _in_picture(box, 0, 1400, 1, _click_point(_acted(box), box))
    assert marks == Marks(Box(200, 250, 160, 48), (280, 274), 1)


def test_a_full_page_is_in_device_pixels_from_the_top() -> None:
    box = Box(200, 150, 160, 48)
    marks = _in_picture(box, 0, 0, 2, _click_point(_acted(box), box))
    assert marks == Marks(Box(400, 300, 320, 96), (560, 348), 2)


def test_the_click_stays_where_it_landed_in_an_element_that_grew_or_moved() -> None:
    clicked, grown = Box(10, 10, 400, 20), Box(10, 110, 400, 200)  # an editor pushed down, three lines more
    assert _click_point(_acted(clicked), grown) == (210, 120)
    assert _click_point(_acted(clicked), Box(10, 10, 50, 5)) == (60, 15)  # shrunk: kept inside it
    assert _click_point(_acted(None), grown) == (210, 210)  # not read at action time: its centre now
    assert _click_point(_acted(clicked, clicked=False), grown) is None


def test_an_element_without_a_size_is_not_marked() -> None:
    assert _in_picture(Box(5, 5, 0, 0), 0, 0, 1, None) is None


def test_the_box_surrounds_the_element_and_the_dot_is_at_the_click() -> None:
    image = Image.new("RGB", (200, 100), (0, 0, 0))
    draw(image, Marks(Box(50, 30, 100, 40), (100, 50), 1))
    assert image.getpixel((50 - PAD, 50)) == COLOUR and image.getpixel((50 - PAD - LINE, 50)) == HALO
    assert image.getpixel((149 + PAD, 50)) == COLOUR  # the right edge, as far out as the left
    assert image.getpixel((100, 50)) == COLOUR and image.getpixel((60, 40)) == (0, 0, 0)  # inside, untouched
    assert image.getpixel((5, 5)) == (0, 0, 0)


def test_marked_keeps_the_pictures_format() -> None:
    out = io.BytesIO()
    Image.new("RGB", (60, 40), (255, 255, 255)).save(out, "PNG")
    marks = Marks(Box(10, 10, 20, 10), None, 1)
    assert marked(out.getvalue(), marks, jpeg=True)[:3] == b"\xff\xd8\xff"
    assert marked(out.getvalue(), marks, jpeg=False)[:8] == b"\x89PNG\r\n\x1a\n"
