"""Single-page apps in real Chromium, on the lab's small app: every route change is a page visit,
freezes are measured and named, and silent failures get words."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.e2e.conftest import journey_file, run_pipeline
from uxaudit.demo.server import DemoShop


@pytest.fixture(scope="module")
def spa_run(tmp_path_factory: pytest.TempPathFactory, clean_shop: DemoShop) -> dict[str, Any]:
    folder = tmp_path_factory.mktemp("journeys")
    journey_file(folder, "app.yaml", """
        name: Lab app
        timeout: 4000
        tasks:
          - name: Browse
            steps:
              - goto: /lab/spa/
              - click: List
              - click: Blue teapot
              - click: Slow list
              - click: Home
              - click: Sort by price
              - click: Reviews
              - click: About
              - click: Home
              - click: Inert
              - click: Freeze
          - name: Details
            steps:
              - click: Form
              - fill: {target: Given name, value: Ada}
              - fill: {target: Surname, value: Sanchez}
              - click: Send
            success:
              - visible: Thank you
    """)
    journey_file(folder, "busy.yaml", """
        name: Busy app
        timeout: 8000
        steps:
          - goto: /lab/spa/
          - click: Long freeze
          - click: List
          - goto: /lab/spa/ticker
          - click: All items
    """)
    return run_pipeline([folder], tmp_path_factory.mktemp("out"), base_url=clean_shop.url, workers=1)


def tasks(card: dict[str, Any], journey: str = "app") -> list[dict[str, Any]]:
    return list(next(j for j in card["journeys"] if j["id"] == journey)["tasks"])


def findings(card: dict[str, Any], audit: str) -> list[dict[str, Any]]:
    return [f for f in card["findings"] if f["audit"] == audit]


def test_every_route_change_is_a_page_visit_and_anchors_and_replaced_queries_are_not(spa_run: dict[str, Any]) -> None:
    pages = tasks(spa_run)[0]["pages"]
    paths = [(p["step"], p["kind"], p["final_url"].split("/lab/spa", 1)[1]) for p in pages]
    assert paths == [(1, "document", "/"), (2, "route", "/list"), (3, "route", "/item/green-mug"),
                     (4, "route", "/slow-list"), (5, "route", "/"), (8, "route", "/?sort=price#/about"),
                     (9, "route", "/"), (11, "route", "/frozen")]


def test_a_route_visit_is_timed_from_the_click_to_the_screen_drawn(spa_run: dict[str, Any]) -> None:
    slow = next(p for p in tasks(spa_run)[0]["pages"] if p["final_url"].endswith("/slow-list"))
    assert 600 <= slow["load_ms"] < 3000  # the screen waits for a 600 ms answer, then draws the list
    assert slow["lcp_ms"] is not None and slow["lcp_ms"] >= 600


def test_a_frozen_click_is_named_with_the_page_it_ended_on(spa_run: dict[str, Any]) -> None:
    freeze = next(f for f in findings(spa_run, "main-thread-freeze") if "“Freeze”" in f["title"])
    assert freeze["title"].startswith("The page froze for 0.7 s after clicking “Freeze” (on /lab/spa/frozen)")
    frozen = tasks(spa_run)[0]["pages"][-1]
    assert frozen["blocking_ms"] >= 600


def test_the_silent_failures_are_found(spa_run: dict[str, Any]) -> None:
    (wrong,) = findings(spa_run, "wrong-item")
    assert wrong["title"] == "Clicked “Blue teapot”; the page shown is “Green mug”"
    (lost,) = findings(spa_run, "field-not-kept")
    assert lost["title"] == "Typed “Sanchez” into “Surname”; it stayed empty and “Given name” became “Sanchez”"
    (dead,) = findings(spa_run, "dead-click")
    assert dead["title"] == "Clicking “Inert” does nothing"


def test_a_failed_check_quotes_what_the_page_said(spa_run: dict[str, Any]) -> None:
    details = tasks(spa_run)[1]
    assert details["status"] == "failed"
    assert details["error"].endswith("; the page said: “Error: Surname is required”")


def test_each_screen_gets_its_own_page_audits(spa_run: dict[str, Any], tmp_path: Path) -> None:
    audited_pages = {f["url"].split("/lab/spa", 1)[1] for f in findings(spa_run, "accessibility") if f.get("url")}
    assert "/list" in audited_pages  # axe saw the route's screen, not only the first document


def test_a_page_too_busy_to_answer_keeps_its_freeze_and_the_screens_after_it(spa_run: dict[str, Any]) -> None:
    (busy,) = tasks(spa_run, "busy")
    long_freeze = next(f for f in findings(spa_run, "main-thread-freeze") if "Long freeze" in f["title"])
    assert float(long_freeze["title"].split("froze for ", 1)[1].split(" s", 1)[0]) >= 2.5
    routes = [p["final_url"].split("/lab/spa", 1)[1] for p in busy["pages"] if p["kind"] == "route"]
    assert routes == ["/frozen-long", "/list", "/list"]


def test_the_pages_own_motion_is_not_waited_for(spa_run: dict[str, Any]) -> None:
    (busy,) = tasks(spa_run, "busy")
    from_ticker = busy["steps"][4]
    assert from_ticker["status"] == "passed" and from_ticker["duration_ms"] < 1500  # not the 2 s give-up
