"""HTTP-level tests of the demo shop's single-page app (`spa=True`), no browser: the shell answered for
every client route, the JSON API, the server's own pages, unknown addresses, SPA defects on and off."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import pytest
from rich.console import Console

from tests.demo.test_shop import attr, fetch, hops
from uxaudit.demo import DEFECTS, SPA_DEFECTS, DemoShop, defect_ids, defects_for
from uxaudit.demo.catalog import PRODUCTS
from uxaudit.demo.checklist import defect_checklist
from uxaudit.demo.spa import CLIENT_ROUTES

CLIENT_PATHS = ["/", "/shop", "/search", "/search?q=trail+shoes", *[f"/products/{p.slug}" for p in PRODUCTS],
                "/cart", "/checkout", "/order/confirmed?order=TH-12345", "/support", "/terms", "/returns",
                "/contact", "/care", "/gift-cards", "/blog", "/log-in", "/orders", "/address", "/newsletter",
                "/newsletter/thanks"]
NEW_AUDITS = {"main-thread-freeze", "field-not-kept", "wrong-item", "dead-click", "task-success", "soft-404"}


@pytest.fixture(scope="module")
def spa() -> Iterator[str]:
    """The single-page app with every seeded defect on."""
    with DemoShop(spa=True) as shop:
        yield shop.url


@pytest.fixture(scope="module")
def clean_spa() -> Iterator[str]:
    """The single-page app with every defect off."""
    with DemoShop(spa=True, clean=True) as shop:
        yield shop.url


def api(url: str, body: object = None, cookie: str = "") -> tuple[int, Any, str]:
    """(status, JSON answer, the cookie it set) of a GET, or of a POST of `body` as JSON."""
    reply = fetch(url, body=body, cookie=cookie)
    assert reply.headers.get_content_type() == "application/json"
    return reply.status, json.loads(reply.text), (reply.headers.get("Set-Cookie") or "").split(";")[0]


def shell_config(url: str) -> dict[str, Any]:
    """The configuration the shell hands to spa.js."""
    script = fetch(url).soup.find("script", id="shop-config")
    assert script is not None
    return dict(json.loads(script.get_text()))


# --- defects ----------------------------------------------------------------------------------------

def test_spa_defects_are_seeded_in_the_spa_only() -> None:
    spa_ids = {defect.id for defect in SPA_DEFECTS}
    assert len(SPA_DEFECTS) == 6 and spa_ids.isdisjoint(defect_ids())
    assert defect_ids(spa=True) == defect_ids() | spa_ids
    assert defects_for(spa=False) == DEFECTS and defects_for(spa=True) == DEFECTS + SPA_DEFECTS
    assert DemoShop().active_defects() == defect_ids()
    assert DemoShop(spa=True).active_defects() == defect_ids(spa=True)
    assert DemoShop(spa=True, clean=True).active_defects() == frozenset()
    for defect in SPA_DEFECTS:
        assert re.fullmatch(r"spa(-[a-z0-9]+)+", defect.id) and defect.audit in NEW_AUDITS
        assert defect.description.startswith("Single-page app only:") and defect.where.startswith("/")


def test_spa_defects_switch_off_by_id() -> None:
    assert DemoShop(spa=True, disabled=frozenset({"spa-inert-button"})).active_defects() == \
        defect_ids(spa=True) - {"spa-inert-button"}
    # Switching an SPA defect off in the classic shop is no mistake: it is off there anyway.
    assert DemoShop(disabled=frozenset({"spa-inert-button"})).active_defects() == defect_ids()
    with pytest.raises(ValueError, match="Did you mean 'spa-inert-button'"):
        DemoShop(spa=True, disabled=frozenset({"spa-inert-buton"}))


def test_the_shell_tells_the_app_which_defects_are_on(spa: str, clean_spa: str) -> None:
    assert shell_config(spa)["defects"] == sorted(defect_ids(spa=True))
    assert shell_config(clean_spa)["defects"] == []
    with DemoShop(spa=True, disabled=frozenset({"spa-frozen-login"})) as shop:
        assert "spa-frozen-login" not in shell_config(shop.url)["defects"]


def test_the_checklist_expects_the_spa_defects_only_of_the_spa() -> None:
    def rows(spa: bool) -> set[str]:
        console = Console(record=True, width=200, color_system=None)
        console.print(defect_checklist({"findings": []}, clean=False, spa=spa))
        return {cells[2].strip() for line in console.export_text().splitlines()
                if len(cells := line.split("│")) > 3 and cells[1].strip() in ("✓", "✗")}
    assert rows(spa=False) == defect_ids()
    assert rows(spa=True) == defect_ids(spa=True)


# --- the shell and the server's own pages -----------------------------------------------------------

@pytest.mark.parametrize("path", CLIENT_PATHS)
def test_every_client_route_answers_the_shell(spa: str, path: str) -> None:
    reply = fetch(spa + path)
    assert reply.status == 200
    soup = reply.soup
    assert attr(soup.find("html"), "lang") == "en" and soup.find("main", id="main") is not None
    assert attr(soup.find("script", src=True), "src") == "/static/spa.js"
    assert [link.get_text() for link in soup.select("nav[aria-label=Main] a")] == [
        "Shop", "Support", "Cart", "My account", "Blog", "Log in"]
    assert "Newsletter" in [link.get_text() for link in soup.select("nav[aria-label=Footer] a")]


def test_the_shell_is_the_same_document_for_every_route(clean_spa: str) -> None:
    # Only the current page's mark in the menu differs.
    bodies = {re.sub(r' aria-current="page"', "", fetch(clean_spa + path).text) for path in CLIENT_PATHS}
    assert len(bodies) == 1
    assert len(CLIENT_ROUTES) == 19


def test_the_app_script_head_and_wrong_method(spa: str) -> None:
    script = fetch(spa + "/static/spa.js")
    assert script.status == 200 and script.headers.get_content_type() == "text/javascript"
    assert "history.pushState" in script.text and "popstate" in script.text
    head = fetch(spa + "/shop", method="HEAD")
    assert head.status == 200 and head.text == ""
    wrong = fetch(spa + "/api/orders")
    assert wrong.status == 405 and wrong.headers["Allow"] == "POST"


def test_unknown_addresses_answer_404(spa: str) -> None:
    for path in ("/no-such-page", "/products/kayak", "/legal/terms", "/guides/care-2019.pdf", "/blog/2019"):
        reply = fetch(spa + path)
        assert reply.status == 404 and "Page not found" in reply.text, path


def test_server_pages_answer_as_in_the_classic_shop(spa: str, clean_spa: str) -> None:
    assert hops(spa + "/get-started") == [(302, "/get-started"), (302, "/start"), (301, "/welcome"), (200, "/")]
    assert fetch(spa + "/account").location == "/login?next=/account"
    assert "Create your account" in fetch(clean_spa + "/get-started").text
    assert "Your account" in fetch(clean_spa + "/account").text
    inbox = fetch(spa + "/inbox").soup.find("a", string="Open the order portal")
    assert len(hops(spa + attr(inbox, "href"))) == 4
    assert fetch(clean_spa + "/media/hero/rain-jacket.svg").headers.get_content_type() == "image/svg+xml"
    assert "emailed you a link" in fetch(clean_spa + "/api/chat", body={"question": "Hi"}).text


# --- the API ----------------------------------------------------------------------------------------

def test_products_and_search(clean_spa: str) -> None:
    status, listed, _ = api(clean_spa + "/api/products")
    assert status == 200 and [p["name"] for p in listed["products"]] == [p.name for p in PRODUCTS]
    assert listed["products"][0] == {"slug": "trail-running-shoes", "name": "Trail Running Shoes",
                                     "price": "$129.00", "summary": PRODUCTS[0].summary}
    _, found, _ = api(clean_spa + "/api/search?q=trail+shoes")
    assert found["query"] == "trail shoes" and [p["slug"] for p in found["products"]] == ["trail-running-shoes"]
    assert api(clean_spa + "/api/search?q=kayak")[1]["products"] == []


def test_one_product_with_its_video(spa: str, clean_spa: str) -> None:
    _, shoes, _ = api(clean_spa + "/api/products/trail-running-shoes")
    assert shoes["sizes"] == list(PRODUCTS[0].sizes) and shoes["description"] == PRODUCTS[0].description
    assert shoes["video"] == {"title": "How to lace Trail Running Shoes for steep descents",
                              "src": "/media/video/trail-running-shoes.mp4",
                              "poster": "/media/poster/trail-running-shoes.svg",
                              "captions": "/media/captions/trail-running-shoes.vtt"}
    assert api(spa + "/api/products/trail-running-shoes")[1]["video"]["title"] == "Office summer party 2024 bloopers"
    status, missing, _ = api(clean_spa + "/api/products/kayak")
    assert status == 404 and missing["error"]


def test_cart_lives_in_the_same_cookie(spa: str, clean_spa: str) -> None:
    status, cart, cookie = api(clean_spa + "/api/cart", {"slug": "rain-jacket", "size": "M"})
    assert status == 200 and cookie.startswith("cart=")
    assert cart["lines"] == [{"slug": "rain-jacket", "name": "Rain Jacket", "size": "M", "quantity": 1,
                              "total": "$159.00"}]
    _, again, cookie = api(clean_spa + "/api/cart", {"slug": "rain-jacket", "size": "M"}, cookie)
    assert again["lines"][0]["quantity"] == 2 and again["total"] == "$318.00"
    assert api(clean_spa + "/api/cart", cookie=cookie)[1] == again
    assert again["badge"] == "/static/secure-checkout.svg"
    assert api(spa + "/api/cart")[1]["badge"] == "/static/img/secure-checkout-badge.png"
    assert api(clean_spa + "/api/cart", {"slug": "kayak"})[0] == 404


def test_orders(clean_spa: str) -> None:
    assert api(clean_spa + "/api/orders", {"name": "Ada"})[1]["error"] == "Your cart is empty."
    _, _, cookie = api(clean_spa + "/api/cart", {"slug": "rain-jacket", "size": "M"})
    status, refused, _ = api(clean_spa + "/api/orders", {"name": " "}, cookie)
    assert status == 422 and refused == {"error": "Please enter your name.", "field": "name"}
    status, placed, emptied = api(clean_spa + "/api/orders", {"name": "Ada Lovelace"}, cookie)
    assert status == 201 and re.fullmatch(r"TH-\d{5}", placed["order"])
    assert placed["confirmation"] == f"/order/confirmed?order={placed['order']}" and emptied == "cart="


def test_log_in_address_and_newsletter(clean_spa: str) -> None:
    assert api(clean_spa + "/api/login", {"email": "ada@example.com"})[:2] == (200, {"email": "ada@example.com"})
    assert api(clean_spa + "/api/login", {"email": ""})[0] == 422
    address = {"given": "Ada", "surname": "Lovelace", "street": "1 Harbour Lane", "town": "Keswick",
               "postcode": "CA12 5AB"}
    assert api(clean_spa + "/api/address", address)[1] == {"saved": "Ada Lovelace, 1 Harbour Lane, Keswick, CA12 5AB"}
    status, refused, _ = api(clean_spa + "/api/address", {**address, "surname": ""})
    assert status == 422 and refused == {"error": "Please enter your surname.", "field": "surname"}
    assert api(clean_spa + "/api/newsletter", {"email": "grace@example.com"})[:2] == (
        200, {"subscribed": "grace@example.com"})
    assert api(clean_spa + "/api/newsletter", {"mail": "grace@example.com"})[1]["error"] == \
        "Error: Email address is required."
    assert api(clean_spa + "/api/newsletter", {"email": "grace"})[0] == 422


def test_content_pages_are_the_classic_shops_words(spa: str, clean_spa: str) -> None:
    for name, heading in (("terms", "Terms of service"), ("returns", "Returns policy"), ("contact", "Contact us"),
                          ("care", "Care guide"), ("gift-cards", "Gift cards"), ("blog", "Blog")):
        status, page, _ = api(f"{clean_spa}/api/pages/{name}")
        assert status == 200 and page["title"] == heading and page["html"].startswith(f"<h1>{heading}</h1>")
    assert "Pursuant to the provisions" in api(spa + "/api/pages/returns")[1]["html"]
    assert "Pursuant" not in api(clean_spa + "/api/pages/returns")[1]["html"]
    assert api(spa + "/api/pages/gift-cards")[1]["title"] == "Page not found"
    assert api(spa + "/api/pages/news")[0] == 404  # the old name the defective app asks for


def test_the_commands_take_spa() -> None:
    from uxaudit.cli import build_parser

    parser = build_parser()
    assert parser.parse_args(["serve-demo", "--spa", "--port", "8123"]).spa is True
    assert parser.parse_args(["demo", "--spa", "--clean"]).spa is True
    assert parser.parse_args(["demo"]).spa is False
