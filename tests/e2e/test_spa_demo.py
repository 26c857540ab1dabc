"""The bundled journeys against the demo shop built as a single-page app, defective and clean:
every seeded defect (the shop's own and the app's) is found by the right audit with the right
words, none on the clean app, and the shop's journeys pass and fail as on the server-rendered shop."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest

from tests.e2e.conftest import SCENARIOS, run_pipeline
from uxaudit.audits import AUDITS_BY_ID
from uxaudit.demo.checklist import found_at
from uxaudit.demo.defects import DEFECTS, SPA_DEFECTS, Defect
from uxaudit.demo.server import DemoShop

COVERED = [d for d in DEFECTS + SPA_DEFECTS if d.audit in AUDITS_BY_ID]
SPA_SCENARIOS = SCENARIOS / "_spa"


@pytest.fixture(scope="module")
def spa_shop() -> Iterator[DemoShop]:
    with DemoShop(spa=True) as shop:
        yield shop


@pytest.fixture(scope="module")
def clean_spa_shop() -> Iterator[DemoShop]:
    with DemoShop(spa=True, clean=True) as shop:
        yield shop


@pytest.fixture(scope="module")
def spa_card(tmp_path_factory: pytest.TempPathFactory, spa_shop: DemoShop) -> dict[str, Any]:
    return run_pipeline([SCENARIOS, SPA_SCENARIOS], tmp_path_factory.mktemp("spa"), base_url=spa_shop.url,
                        workers=2, lighthouse_enabled=False)


@pytest.fixture(scope="module")
def clean_spa_card(tmp_path_factory: pytest.TempPathFactory, clean_spa_shop: DemoShop) -> dict[str, Any]:
    return run_pipeline([SCENARIOS, SPA_SCENARIOS], tmp_path_factory.mktemp("spa-clean"),
                        base_url=clean_spa_shop.url, workers=1, lighthouse_enabled=False)


def statuses(card: dict[str, Any]) -> dict[str, str]:
    return {t["id"]: t["status"] for j in card["journeys"] for t in j["tasks"]}


def titles(card: dict[str, Any], audit: str) -> list[str]:
    return [f["title"] for f in card["findings"] if f["audit"] == audit]


@pytest.mark.parametrize("defect", [d for d in COVERED if d.audit != "lighthouse"], ids=lambda d: d.id)
def test_each_seeded_defect_is_found_in_the_app(defect: Defect, spa_card: dict[str, Any]) -> None:
    found = [f for f in spa_card["findings"] if found_at(defect, f)]
    assert found, f"{defect.id}: no {defect.audit} finding at {defect.where}"


def test_the_apps_defects_are_named_in_plain_words(spa_card: dict[str, Any]) -> None:
    freezes = titles(spa_card, "main-thread-freeze")
    assert freezes and all(re.fullmatch(r"The page froze for 5\.\d s after clicking “Log in” \(on /orders\)", t)
                           for t in freezes)
    assert "Typed “Lovelace” into “Surname”; it stayed empty and “Given name” became “Lovelace”" in titles(
        spa_card, "field-not-kept")
    assert "Clicked “Hiking Backpack 30L”; the page shown is “Merino Wool Socks”" in titles(spa_card, "wrong-item")
    assert "Clicking “Add to wishlist” does nothing" in titles(spa_card, "dead-click")
    newsletter = next(t for j in spa_card["journeys"] for t in j["tasks"] if t["id"].startswith("newsletter/"))
    assert "the page said: “Error: Email address is required.”" in newsletter["error"]


def test_a_freeze_costs_the_speed_score(spa_card: dict[str, Any]) -> None:
    log_in = next(t for j in spa_card["journeys"] if j["id"] == "log-in" for t in j["tasks"])
    assert log_in["status"] == "passed" and log_in["categories"]["speed"] < 100


def test_every_screen_of_the_app_is_a_page_visit(spa_card: dict[str, Any]) -> None:
    find = next(t for j in spa_card["journeys"] if j["id"] == "buy-trail-shoes" for t in j["tasks"])
    assert [p["kind"] for p in find["pages"]] == ["document", "route", "route"]
    assert find["pages"][-1]["final_url"].endswith("/products/trail-running-shoes")
    assert find["pages"][-1]["load_ms"] >= 3000  # the product picture arrives after 3.5 s


def test_the_clean_app_completes_every_task_with_no_warnings(clean_spa_card: dict[str, Any]) -> None:
    assert [t for t, status in statuses(clean_spa_card).items() if status != "passed"] == []
    assert [(f["audit"], f["title"]) for f in clean_spa_card["findings"] if f["severity"] != "info"] == []


@pytest.mark.parametrize("defect", COVERED, ids=lambda d: d.id)
def test_each_seeded_defect_is_absent_in_the_clean_app(defect: Defect, clean_spa_card: dict[str, Any]) -> None:
    assert [f["title"] for f in clean_spa_card["findings"] if found_at(defect, f)] == []


def test_the_shops_journeys_pass_and_fail_as_on_the_server_rendered_shop(
        spa_card: dict[str, Any], defective_card: dict[str, Any]) -> None:
    app, classic = statuses(spa_card), statuses(defective_card)
    assert {task: app[task] for task in classic} == classic
