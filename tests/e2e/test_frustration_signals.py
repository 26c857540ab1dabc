"""The visitor's story in real Chromium, on a small site served by the test: a button that answers only
the second click and pages that send the visitor back are found; a carousel's "Next" and a journey
that goes back on purpose are not; every journey has its effort and its funnel over the runs."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.e2e.conftest import journey_file, run_pipeline, serve_pages

# The pages go back 1.5 s after arriving, well after uxaudit's own work on the step that opened them
# (screenshot, accessibility check), so that the step during which they go back is the `wait`.
HEAD = '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{0}</title></head><body><h1>{0}</h1>'
PAGES = {
    "/": HEAD.format("Home") + '<a href="/product">Open product</a>',
    "/product": HEAD.format("Product") + "<p>Checking your session…</p>"
                "<script>setTimeout(() => history.back(), 1500);</script>",
    "/button": HEAD.format("Boots") + '<button id="add">Add to cart</button><p id="msg"></p><script>'
               "let armed = false; document.getElementById('add').addEventListener('click', () => {"
               "if (!armed) { armed = true; return; } document.getElementById('msg').textContent = 'Added';});"
               "</script>",
    "/carousel": HEAD.format("Pictures") + '<p id="pic">Picture 1</p><button id="next">Next</button><script>'
                 "let n = 1; document.getElementById('next').addEventListener('click', () => {"
                 "n += 1; document.getElementById('pic').textContent = 'Picture ' + n; });</script>",
    "/app": HEAD.format("App") + '<button id="details">Details</button><script>'
            "document.getElementById('details').addEventListener('click', () => {"
            "history.pushState({}, '', '/app/details'); document.querySelector('h1').textContent = 'Details';"
            "setTimeout(() => history.back(), 1500); });"
            "addEventListener('popstate', () => { document.querySelector('h1').textContent = 'App'; });</script>",
}


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    with serve_pages(PAGES) as address:
        yield address


@pytest.fixture(scope="module")
def card(site: str, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    folder = tmp_path_factory.mktemp("journeys")
    journey_file(folder, "bounce.yaml", """
        name: Product page that bounces back
        steps: [{goto: /}, {click: Open product}, {wait: 3000}]
    """)
    journey_file(folder, "app.yaml", """
        name: App details that go back
        steps: [{goto: /app}, {click: Details}, {wait: 3000}]
    """)
    journey_file(folder, "twice.yaml", """
        name: A button that needs two clicks
        steps: [{goto: /button}, {click: Add to cart}, {click: Add to cart}]
        success: [{visible: Added}]
    """)
    journey_file(folder, "carousel.yaml", """
        name: Browse the pictures
        steps: [{goto: /carousel}, {click: Next}, {click: Next}, {click: Next}]
        success: [{visible: Picture 4}]
    """)
    journey_file(folder, "compare.yaml", """
        name: Compare on purpose
        steps: [{goto: /}, {goto: /carousel}, {goto: /}]
    """)
    out = tmp_path_factory.mktemp("out")
    return run_pipeline([folder], out, base_url=site, workers=1, runs=2, check_links=False,
                        lighthouse_enabled=False, history=str(out / "history.sqlite"))


def findings(card: dict[str, Any], audit: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for finding in card["findings"]:
        if finding["audit"] == audit:
            found.setdefault(finding["journey"], []).append(finding["title"])
    return found


def journeys(card: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {j["id"]: j for j in card["journeys"]}


def test_pages_that_send_the_visitor_back_are_quick_backs(card: dict[str, Any]) -> None:
    assert findings(card, "quick-back") == {
        "bounce": ["/product sent the visitor back to / after 3.0 s"],
        "app": ["/app/details sent the visitor back to /app after 3.0 s"]}


def test_a_button_that_needs_a_second_click_is_found_and_a_carousel_is_not(card: dict[str, Any]) -> None:
    assert findings(card, "repeated-attempt") == {"twice": ["“Add to cart” answered only on click 2"]}
    assert journeys(card)["twice"]["effort"]["retries"] == 1
    assert journeys(card)["carousel"]["effort"]["retries"] == 0


def test_going_back_on_purpose_is_a_backtrack_not_a_finding(card: dict[str, Any]) -> None:
    effort = journeys(card)["compare"]["effort"]
    assert effort["backtracks"] == 1 and effort["quick_backs"] == 0 and effort["pages"] == 3


def test_every_journey_has_its_funnel_over_the_runs(card: dict[str, Any]) -> None:
    funnel = journeys(card)["twice"]["funnel"]
    assert funnel["runs"] == 2 and funnel["steps"][0]["reached"] == 2 and funnel["steps"][0]["completed"] == 2
    assert funnel["sentence"] == "2 started · 2 completed “A button that needs two clicks”"
