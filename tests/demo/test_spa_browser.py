"""The single-page app in real headless Chromium: it moves between screens without loading a document,
each SPA defect behaves as seeded in the defective app and is absent in the clean one, and the classic
defects that live in the page are there too."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

from uxaudit.demo import DemoShop
from uxaudit.gather.browser import find_chromium, launch_args

pytestmark = pytest.mark.e2e
OnOff = pytest.mark.parametrize("on", [True, False], ids=["on", "off"])
Opener = Callable[[bool, str], Page]

# Records what a visitor could see change (an attribute set to the value it had is not a change).
WATCH_CHANGES = """() => {
  window.changes = [];
  window.rewrites = 0;
  new MutationObserver((records) => records.forEach((r) => {
    if (r.type === 'attributes' && r.target.getAttribute(r.attributeName) === r.oldValue) window.rewrites += 1;
    else window.changes.push(r.type);
  })).observe(document.body, {subtree: true, childList: true, attributes: true, characterData: true,
                              attributeOldValue: true});
}"""


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """One headless Chromium, launched as uxaudit launches it."""
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=find_chromium().executable, args=launch_args())
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def shops() -> Iterator[dict[bool, str]]:
    """The app's base URL with its defects on (True) and off (False)."""
    with DemoShop(spa=True) as defective, DemoShop(spa=True, clean=True) as clean:
        yield {True: defective.url, False: clean.url}


@pytest.fixture
def open_page(browser: Browser, shops: dict[bool, str]) -> Iterator[Opener]:
    """Opens a path of the defective (True) or clean (False) app in a fresh context, once it is drawn."""
    contexts: list[BrowserContext] = []

    def open_(on: bool, path: str = "/") -> Page:
        context = browser.new_context(base_url=shops[on], viewport={"width": 1280, "height": 800})
        contexts.append(context)
        page = context.new_page()
        page.goto(path)
        page.locator("main h1").wait_for()
        return page

    yield open_
    for context in contexts:
        context.close()


def heading(page: Page) -> str:
    """The screen's main heading, once the app has drawn one."""
    return page.locator("main h1").inner_text()


# --- the app ----------------------------------------------------------------------------------------

def test_a_purchase_never_loads_another_document(open_page: Opener) -> None:
    page = open_page(False, "/")
    documents: list[str] = []
    page.on("request", lambda request: documents.append(request.url) if request.resource_type == "document" else None)
    assert page.title() == "Outdoor gear for every trail – Trailhead Outfitters"
    page.get_by_label("Search").fill("trail shoes")
    page.keyboard.press("Enter")
    page.get_by_role("link", name="Trail Running Shoes").click()
    page.wait_for_url("**/products/trail-running-shoes")
    page.locator("main h1", has_text="Trail Running Shoes").wait_for()
    assert page.title() == "Trail Running Shoes – Trailhead Outfitters"
    page.get_by_test_id("add-to-cart").click()
    page.get_by_text("Added to cart").wait_for()
    page.get_by_role("link", name="Cart", exact=True).click()
    page.get_by_role("button", name="Checkout").click()
    page.get_by_label("Name", exact=True).fill("Ada Lovelace")
    page.get_by_role("button", name="Place order").click()
    page.get_by_text("Thank you for your order").wait_for()
    assert "/order/confirmed?order=TH-" in page.url and documents == []
    page.go_back()  # popstate: the previous screen, drawn again
    page.wait_for_url("**/checkout")
    page.locator("main h1", has_text="Checkout").wait_for()
    assert "Your cart is empty" in page.locator("main").inner_text()


def test_server_pages_are_loaded_from_the_server(open_page: Opener) -> None:
    page = open_page(True, "/")
    with page.expect_navigation() as navigation:
        page.get_by_role("link", name="Terms").click()
    response = navigation.value
    assert response is not None and response.status == 404 and page.url.endswith("/legal/terms")
    assert heading(page) == "Page not found"


# --- each SPA defect, on and off --------------------------------------------------------------------

@OnOff
def test_spa_frozen_login(open_page: Opener, on: bool) -> None:
    page = open_page(on, "/log-in")
    page.get_by_label("Email address").fill("ada@example.com")
    page.get_by_label("Password").fill("correct horse battery staple")
    started = time.monotonic()
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/orders")
    seconds = time.monotonic() - started
    assert (4.5 <= seconds < 9) if on else seconds < 2
    page.get_by_text("You are logged in.").wait_for()


@OnOff
def test_spa_swapped_field(open_page: Opener, on: bool) -> None:
    page = open_page(on, "/address")
    page.get_by_label("Given name").fill("Ada")
    page.get_by_label("Surname").fill("Lovelace")
    kept = (page.get_by_label("Given name").input_value(), page.get_by_label("Surname").input_value())
    assert kept == (("Lovelace", "") if on else ("Ada", "Lovelace"))
    page.get_by_label("Street address").fill("1 Harbour Lane")
    page.get_by_role("button", name="Save address").click()
    if on:
        assert page.get_by_role("alert").inner_text() == "Please enter your surname."
    else:
        page.wait_for_url("**/orders")
        page.get_by_text("Address saved: Ada Lovelace, 1 Harbour Lane.").wait_for()


@OnOff
def test_spa_wrong_product_link(open_page: Opener, on: bool) -> None:
    page = open_page(on, "/shop")
    page.get_by_role("link", name="Hiking Backpack 30L").click()
    page.wait_for_url("**/products/**")
    page.locator("main h1").filter(has_not_text="Shop all gear").wait_for()
    assert (page.url.rsplit("/", 1)[1], heading(page)) == (
        ("merino-wool-socks", "Merino Wool Socks") if on else ("hiking-backpack-30l", "Hiking Backpack 30L"))
    page.go_back()
    page.get_by_role("link", name="Rain Jacket").click()  # the journeys' products open as they should
    page.wait_for_url("**/products/rain-jacket")
    page.locator("main h1", has_text="Rain Jacket").wait_for()


@OnOff
def test_spa_inert_button(open_page: Opener, on: bool) -> None:
    page = open_page(on, "/products/trail-running-shoes")
    button = page.get_by_role("button", name="Add to wishlist")
    page.evaluate(WATCH_CHANGES)
    button.click()
    page.wait_for_timeout(300)
    changes, rewrites = page.evaluate("() => [window.changes, window.rewrites]")
    if on:
        assert changes == [] and rewrites == 1  # the handler ran, and set aria-pressed to what it was
        assert button.get_attribute("aria-pressed") == "false" and page.locator("#wishlist-status").is_hidden()
    else:
        assert changes and page.get_by_role("button", name="Saved to wishlist").get_attribute("aria-pressed") == "true"
        assert page.get_by_text("Saved to your wishlist.").is_visible()


@OnOff
def test_spa_alert_only_error(open_page: Opener, on: bool) -> None:
    page = open_page(on, "/newsletter")
    page.get_by_label("Email address").fill("grace@example.com")
    page.get_by_role("button", name="Subscribe").click()
    if on:
        page.get_by_role("alert").wait_for()
        assert page.get_by_role("alert").inner_text() == "Error: Email address is required."
        assert page.url.endswith("/newsletter") and page.locator("[aria-invalid]").count() == 0
    else:
        page.wait_for_url("**/newsletter/thanks")
        page.locator("main h1", has_text="You are subscribed").wait_for()


@OnOff
def test_spa_not_found_route(open_page: Opener, on: bool) -> None:
    page = open_page(on, "/")
    page.get_by_role("link", name="Blog").click()
    page.wait_for_url("**/blog")
    page.locator("main h1").filter(has_not_text="Gear for every trail").wait_for()
    title = "Page not found" if on else "Blog"
    assert heading(page) == title and page.title() == f"{title} – Trailhead Outfitters"
    response = page.reload()  # the server answers the shell either way: 200
    assert response is not None and response.status == 200
    page.locator("main h1", has_text=title).wait_for()


# --- the classic defects that live in the page ------------------------------------------------------

@OnOff
def test_classic_defects_drawn_by_the_app(open_page: Opener, on: bool) -> None:
    page = open_page(on, "/shop")
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.get_by_role("link", name="Trailhead Outfitters").click()  # the logo: home, drawn in the page
    page.locator("main h1", has_text="Gear for every trail").wait_for()
    page.wait_for_timeout(200)  # the page-view tracking runs just after the screen is drawn
    assert len(errors) == (1 if on else 0) and all("track" in error for error in errors)
    page.goto("/products/merino-wool-socks")
    page.locator("main h1").wait_for()
    hero = page.locator("img.hero-img")
    assert (hero.get_attribute("alt") is None) is on
    assert (page.locator('meta[name="robots"][content="noindex"]').count() == 1) is on
    page.get_by_role("button", name="Size guide").click()
    assert page.locator("#size-guide").is_hidden() is on
    assert page.locator("figcaption").inner_text() == (
        "Office summer party 2024 bloopers" if on else "Merino Wool Socks: washing and care")
    page.get_by_role("link", name="Returns").click()
    page.locator("main h1", has_text="Returns policy").wait_for()
    assert ("Pursuant to the provisions" in page.locator("main").inner_text()) is on
