"""The funnel drawing: well-formed, accessible SVG with every number written out, nothing fetched,
every text escaped; and its template partial."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Any

from jinja2 import ChainableUndefined, Environment, PackageLoader

from uxaudit.report.funnel_svg import WIDTH, funnel_svg

SVG = "{http://www.w3.org/2000/svg}"


def shop(**changes: Any) -> dict[str, Any]:
    funnel = {"runs": 10, "steps": [
        {"task": "shop/find", "name": "Find the product", "reached": 10, "completed": 10},
        {"task": "shop/cart", "name": "Add it to the cart", "reached": 10, "completed": 4},
        {"task": "shop/pay", "name": "Pay", "reached": 4, "completed": 0}],
        "sentence": "10 started · 10 completed “Find the product” · 4 completed “Add it to the cart” · "
                    "0 completed “Pay”"}
    return {"id": "buy-shoes", "name": "Buy shoes", "funnel": {**funnel, **changes}}


def parsed(journey: dict[str, Any]) -> ET.Element:
    return ET.fromstring(funnel_svg(journey))


def test_the_drawing_is_an_accessible_image_with_a_title_and_a_description() -> None:
    svg = parsed(shop())
    assert svg.get("role") == "img" and svg.get("aria-labelledby") == "funnel-buy-shoes-t funnel-buy-shoes-d"
    assert svg.findtext(f"{SVG}title") == "Funnel of “Buy shoes” over 10 runs"
    assert svg.findtext(f"{SVG}desc") == shop()["funnel"]["sentence"]


def test_every_number_is_written_as_text_beside_its_task() -> None:
    texts = [t.text for t in parsed(shop()).iter(f"{SVG}text")]
    assert texts[:8] == ["Started", "10", "Find the product", "10 of 10", "Add it to the cart", "4 of 10",
                         "Pay", "0 of 10"]
    titles = [t.text for t in parsed(shop()).iter(f"{SVG}title")]
    assert "Pay: reached in 4 of 10 runs, completed in 0" in titles


def test_it_is_320_wide_and_scales() -> None:
    svg = parsed(shop())
    assert svg.get("viewBox", "").startswith(f"0 0 {WIDTH} ") and WIDTH == 320 and svg.get("width") == "100%"


def test_bars_are_as_long_as_their_share_of_the_runs() -> None:
    rects = [r for r in parsed(shop()).iter(f"{SVG}rect") if "good-arc" in (r.get("style") or "")]
    widths = [float(r.get("width", 0)) for r in rects]
    assert widths[:3] == [304.0, 304.0, 121.6]  # started, 10 of 10, 4 of 10; 0 of 10 draws no bar


def test_it_fetches_nothing_and_escapes_what_the_site_named() -> None:
    hostile = shop(steps=[{"task": "t", "name": "<script>alert(1)</script> & “more”", "reached": 1, "completed": 1}])
    drawing = funnel_svg(hostile)
    assert "<script>" not in drawing and "&lt;script&gt;" in drawing
    assert "href" not in drawing and "url(" not in drawing and drawing.count("http") == 1  # the namespace
    ET.fromstring(drawing)


def test_a_long_task_name_is_shortened_on_its_line_but_whole_in_its_title() -> None:
    name = "Compare every pair of boots in the catalogue by weight and price"
    svg = parsed(shop(steps=[{"task": "t", "name": name, "reached": 1, "completed": 1}], runs=1))
    texts = [t.text or "" for t in svg.iter(f"{SVG}text")]
    assert any(t.endswith("…") and len(t) <= 40 for t in texts)
    assert any(name in (t.text or "") for t in svg.iter(f"{SVG}title"))


def test_no_funnel_draws_nothing() -> None:
    assert funnel_svg({"id": "x"}) == "" and funnel_svg({"funnel": {"runs": 1}}) == ""


def test_the_partial_draws_the_journey_funnel_and_nothing_without_one() -> None:
    env = Environment(loader=PackageLoader("uxaudit", "report/templates"), autoescape=True,
                      undefined=ChainableUndefined)
    env.globals["funnel_svg"] = funnel_svg
    template = env.get_template("_funnel.html.j2")
    html = template.render(journey=shop())
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="funnel-chart" role="img"' in html
    assert "10 started · 10 completed" in html
    assert template.render(journey={"id": "x"}).strip() == ""
