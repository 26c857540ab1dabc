"""HTTP-level tests of the demo shop, no browser: every page, every seeded defect on and off, the lab routes."""

from __future__ import annotations

import json
import re
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from email.message import Message
from urllib.parse import urlencode, urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup, Tag

from uxaudit.demo import DEFECTS, DemoShop, defect_ids
from uxaudit.demo.catalog import PRODUCTS, search

KNOWN_AUDITS = {
    "load-time", "redirect-chain", "redirect-loop", "http-error", "console-error", "task-success",
    "media-relevance", "slow-interaction", "misdirect", "broken-link", "dead-click", "readability",
    "accessibility", "failed-request", "layout-shift", "soft-404", "lighthouse",
}


# --- helpers ----------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Reply:
    """One HTTP answer, redirects not followed."""

    status: int
    headers: Message
    text: str
    seconds: float

    @property
    def location(self) -> str:
        """The Location header, or ''."""
        return self.headers.get("Location", "")

    @property
    def soup(self) -> BeautifulSoup:
        """The body parsed as HTML."""
        return BeautifulSoup(self.text, "html.parser")


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


# No proxy: a developer's http_proxy must not swallow requests to 127.0.0.1.
_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}), _NoRedirects())


def fetch(url: str, form: dict[str, str] | None = None, cookie: str = "", body: object = None,
          method: str | None = None) -> Reply:
    """GET (or POST a form / a JSON body) without following redirects."""
    data = urlencode(form).encode() if form is not None else None
    headers = {"Cookie": cookie} if cookie else {}
    if body is not None:
        data, headers["Content-Type"] = json.dumps(body).encode(), "application/json"
    request = urllib.request.Request(url, data=data, headers=headers, method=method)
    started = time.perf_counter()
    try:
        with _OPENER.open(request, timeout=30) as response:
            return Reply(response.status, response.headers, response.read().decode(), time.perf_counter() - started)
    except urllib.error.HTTPError as error:
        return Reply(error.code, error.headers, error.read().decode(), time.perf_counter() - started)


def hops(url: str, limit: int = 10) -> list[tuple[int, str]]:
    """(status, path) for each answer along a redirect chain, carrying cookies like a browser."""
    chain: list[tuple[int, str]] = []
    cookies: dict[str, str] = {}
    for _ in range(limit):
        reply = fetch(url, cookie="; ".join(f"{k}={v}" for k, v in cookies.items()))
        parts = urlsplit(url)
        chain.append((reply.status, parts.path + (f"?{parts.query}" if parts.query else "")))
        for header in reply.headers.get_all("Set-Cookie") or []:
            name, _, value = header.split(";")[0].partition("=")
            cookies[name] = value
        if not reply.location:
            break
        url = urljoin(url, reply.location)
    return chain


def attr(tag: Tag | None, name: str) -> str:
    """An attribute of a tag as text ('' when the tag or attribute is missing)."""
    value = tag.get(name) if tag is not None else None
    return value if isinstance(value, str) else ""


def cart_cookie(url: str, slug: str = "trail-running-shoes", size: str = "UK 9", cookie: str = "") -> str:
    """Add an item through the shop and return the `cart` cookie it sets."""
    reply = fetch(f"{url}/cart/add", {"slug": slug, "size": size}, cookie=cookie)
    return (reply.headers.get("Set-Cookie") or "").split(";")[0]


@pytest.fixture(scope="module")
def defective() -> Iterator[str]:
    """A shop with every seeded defect on."""
    with DemoShop() as shop:
        yield shop.url


@pytest.fixture(scope="module")
def clean() -> Iterator[str]:
    """A shop with every seeded defect off."""
    with DemoShop(clean=True) as shop:
        yield shop.url


# --- the server -------------------------------------------------------------------------------------

def test_shop_starts_and_answers() -> None:
    # How fast it starts is measured in benchmarks/bench_demo_start.py, not here (timed tests flake).
    shop = DemoShop()
    try:
        url = shop.start()
        assert re.fullmatch(r"http://127\.0\.0\.1:\d+", url)
        assert fetch(url + "/").status == 200
    finally:
        shop.stop()


def test_a_taken_port_falls_back_to_a_free_one_only_when_asked() -> None:
    with DemoShop() as first:
        port = int(first.url.rsplit(":", 1)[1])
        with DemoShop(port=port, fallback_to_any_port=True) as second:
            assert second.url != first.url
        with pytest.raises(OSError):
            DemoShop(port=port).start()


def test_url_before_start_is_an_error() -> None:
    with pytest.raises(RuntimeError, match="start"):
        _ = DemoShop().url


def test_unknown_defect_id_names_the_valid_ones() -> None:
    with pytest.raises(ValueError, match="Did you mean 'slow-product-page'") as error:
        DemoShop(disabled=frozenset({"slow-product-pages"}))
    assert all(defect.id in str(error.value) for defect in DEFECTS)


def test_defects_switch_on_and_off() -> None:
    assert DemoShop().active_defects() == defect_ids()
    assert DemoShop(clean=True).active_defects() == frozenset()
    one_off = DemoShop(disabled=frozenset({"home-script-error"})).active_defects()
    assert one_off == defect_ids() - {"home-script-error"}


def test_one_disabled_defect_leaves_the_others_on() -> None:
    with DemoShop(disabled=frozenset({"home-script-error"})) as shop:
        home = fetch(shop.url + "/")
    assert "analytics" not in home.text
    assert attr(home.soup.find("a", string="Terms"), "href") == "/legal/terms"


def test_two_shops_run_at_once(defective: str, clean: str) -> None:
    assert defective != clean
    assert attr(fetch(defective + "/").soup.find("a", string="Terms"), "href") == "/legal/terms"
    assert attr(fetch(clean + "/").soup.find("a", string="Terms"), "href") == "/terms"


def test_defects_table_is_well_formed() -> None:
    ids = [defect.id for defect in DEFECTS]
    assert len(ids) == len(set(ids)) >= 8
    assert set(ids) == defect_ids()
    for defect in DEFECTS:
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", defect.id)
        assert defect.audit in KNOWN_AUDITS
        assert defect.where.startswith("/") and defect.description


def test_head_static_and_wrong_method(clean: str) -> None:
    head = fetch(clean + "/", method="HEAD")
    assert head.status == 200 and head.text == "" and int(head.headers["Content-Length"]) > 0
    assert fetch(clean + "/static/shop.css").headers.get_content_type() == "text/css"
    assert fetch(clean + "/favicon.ico").headers.get_content_type() == "image/svg+xml"
    wrong = fetch(clean + "/cart/add")
    assert wrong.status == 405 and wrong.headers["Allow"] == "POST"


# --- pages ------------------------------------------------------------------------------------------

PAGES = [
    ("/", "Gear for every trail"),
    ("/shop", "Shop all gear"),
    ("/search?q=trail+shoes", "Trail Running Shoes"),
    *[(f"/products/{product.slug}", product.name) for product in PRODUCTS],
    ("/cart", "Your cart is empty"),
    ("/checkout", "Your cart is empty"),
    ("/support", "Your question"),
    ("/inbox", "Open the order portal"),
    ("/portal", "Please sign in with the link we emailed you"),
    ("/get-started", "Create your account"),
    ("/account", "Your account"),
    ("/login", "Sign in"),
    ("/terms", "Terms of service"),
    ("/returns", "Returns policy"),
    ("/contact", "Contact us"),
    ("/care", "Care guide"),
    ("/gift-cards", "Gift cards"),
    ("/order/confirmed?order=TH-12345", "TH-12345"),
]


@pytest.mark.parametrize(("path", "text"), PAGES)
def test_page_answers_with_a_proper_document(clean: str, path: str, text: str) -> None:
    reply = fetch(clean + path)
    assert reply.status == 200
    assert text in reply.soup.get_text()
    assert_proper_document(reply)


def assert_proper_document(reply: Reply) -> None:
    """lang, a title, one h1, a viewport for phones."""
    soup = reply.soup
    assert attr(soup.find("html"), "lang") == "en"
    assert soup.title is not None and soup.title.get_text().strip()
    assert len(soup.find_all("h1")) == 1
    assert "width=device-width" in attr(soup.find("meta", attrs={"name": "viewport"}), "content")


def test_unknown_paths_answer_404(clean: str) -> None:
    for path in ("/no-such-page", "/products/kayak", "/legal/terms"):
        reply = fetch(clean + path)
        assert reply.status == 404 and "Page not found" in reply.text


def test_home_page_search_form_and_get_started(clean: str) -> None:
    soup = fetch(clean + "/").soup
    field = soup.find("input", attrs={"type": "search", "name": "q"})
    assert isinstance(field, Tag)
    label = soup.find("label", attrs={"for": attr(field, "id")})
    assert label is not None and label.get_text().strip() == "Search"
    buttons = [button.get_text().strip() for button in soup.find_all("button")]
    assert buttons == ["Go"]  # a button named "...search..." would shadow the field for plain-text targets
    assert attr(soup.find("a", string="Get started"), "href") == "/get-started"
    featured = {link.get_text() for link in soup.select(".card a")}
    assert featured == {product.name for product in PRODUCTS}
    assert [link.get_text() for link in soup.select("nav[aria-label=Main] a")] == [
        "Shop", "Support", "Cart", "My account"]


def test_search_matches_words_and_tags(clean: str) -> None:
    assert [product.name for product in search("trail shoes")] == ["Trail Running Shoes"]
    assert [product.name for product in search("Waterproof coat")] == ["Rain Jacket"]
    assert search("") == [] and search("kayak") == []
    links = [link.get_text() for link in fetch(clean + "/search?q=trail+shoes").soup.select(".card a")]
    assert links == ["Trail Running Shoes"]
    assert "nothing matches" in fetch(clean + "/search?q=kayak").text


def test_product_page_controls(clean: str) -> None:
    soup = fetch(clean + "/products/trail-running-shoes").soup
    size = soup.find("select", attrs={"name": "size"})
    assert isinstance(size, Tag) and "UK 9" in size.get_text()
    assert soup.find("label", attrs={"for": attr(size, "id")}) is not None
    assert soup.find("button", attrs={"data-testid": "add-to-cart"}) is not None
    video = soup.find("video")
    assert attr(video, "preload") == "none" and attr(video, "controls") == ""


def test_cart_lives_in_a_cookie(clean: str) -> None:
    added = fetch(f"{clean}/cart/add", {"slug": "trail-running-shoes", "size": "UK 9"})
    assert added.status == 303 and added.location == "/products/trail-running-shoes?added=1"
    cookie = (added.headers.get("Set-Cookie") or "").split(";")[0]
    assert cookie.startswith("cart=")
    assert "Added to cart" in fetch(clean + added.location, cookie=cookie).text
    cart = fetch(clean + "/cart", cookie=cookie).soup
    assert "UK 9" in cart.get_text() and "$129.00" in cart.get_text()
    assert [button.get_text() for button in cart.find_all("button")] == ["Checkout"]
    twice = fetch(clean + "/cart", cookie=cart_cookie(clean, cookie=cookie))
    assert "$258.00" in twice.text
    assert "Your cart is empty" in fetch(clean + "/cart").text


def test_checkout_form_has_unambiguous_labels(clean: str) -> None:
    soup = fetch(clean + "/checkout", cookie=cart_cookie(clean)).soup
    labels = [label.get_text().strip() for label in soup.find_all("label")]
    assert labels == ["Name", "Email address", "Street address", "Delivery", "I accept the terms"]
    assert soup.find("input", attrs={"placeholder": "Promo code"}) is not None
    assert [option.get_text() for option in soup.select("select#delivery option")] == ["Standard", "Express"]
    assert [button.get_text() for button in soup.find_all("button")] == ["Place order"]


def test_order_redirects_to_a_confirmation(clean: str) -> None:
    placed = fetch(clean + "/order", {"name": "Ada Lovelace", "delivery": "Express"}, cookie=cart_cookie(clean))
    assert placed.status == 303
    assert re.fullmatch(r"/order/confirmed\?order=TH-\d{5}", placed.location)
    assert "Max-Age=0" in (placed.headers.get("Set-Cookie") or "")
    confirmed = fetch(clean + placed.location)
    assert "Thank you for your order" in confirmed.text and placed.location[-8:] in confirmed.text


def test_order_without_a_name_shows_the_form_again(clean: str) -> None:
    reply = fetch(clean + "/order", {"name": "  ", "email": "ada@example.com"}, cookie=cart_cookie(clean))
    assert reply.status == 200 and "Please enter your name." in reply.text
    assert attr(reply.soup.find("input", attrs={"name": "email"}), "value") == "ada@example.com"
    assert "Your cart is empty." in fetch(clean + "/order", {"name": "Ada"}).text


def test_chat_answers_with_the_inbox_link(clean: str) -> None:
    reply = fetch(clean + "/api/chat", body={"question": "How do I order?"})
    answer = json.loads(reply.text)
    assert "emailed you a link to your order portal" in answer["answer"]
    assert answer["link"] == {"href": "/inbox", "text": "Open inbox"}
    assert reply.seconds < 2.5
    support = fetch(clean + "/support").soup
    assert support.select_one("[aria-live=polite]") is not None
    assert [button.get_text() for button in support.find_all("button")] == ["Send"]


def test_portal_signs_in_with_the_emailed_token(clean: str) -> None:
    login = fetch(clean + "/portal/login?token=7f3a9c2e")
    assert login.status == 302 and login.location == "/portal"
    cookie = (login.headers.get("Set-Cookie") or "").split(";")[0]
    assert cookie == "portal=7f3a9c2e"
    portal = fetch(clean + "/portal", cookie=cookie).soup
    labels = {label.get_text() for label in portal.find_all("label")}
    assert labels == {f"Quantity of {product.name}" for product in PRODUCTS}
    placed = fetch(clean + "/portal/order", {"qty-trail-running-shoes": "2"}, cookie=cookie)
    assert placed.status == 303 and placed.location.startswith("/portal/confirmed?order=TP-")
    assert "Thank you for your order" in fetch(clean + placed.location).text
    assert "Choose a quantity" in fetch(clean + "/portal/order", {"qty-rain-jacket": "0"}, cookie=cookie).text


def test_sign_up_goes_to_the_account(clean: str) -> None:
    created = fetch(clean + "/get-started", {"email": "ada@example.com", "password": "x" * 12})
    assert created.status == 303 and created.location == "/account?welcome=1"
    assert "Welcome aboard" in fetch(clean + created.location).text


def test_clean_shop_links_all_work_within_one_hop(clean: str) -> None:
    """Every link and resource a clean page refers to answers 200, after at most one redirect."""
    cookie = cart_cookie(clean)
    seen: set[str] = set()
    todo = ["/", "/cart", "/checkout", "/products/trail-running-shoes", "/support", "/inbox"]
    while todo:
        path = todo.pop()
        if path in seen:
            continue
        seen.add(path)
        chain = hops(clean + path)
        assert len(chain) <= 2 and chain[-1][0] == 200, (path, chain)
        if path.startswith("/") and not re.search(r"\.(css|svg|vtt|mp4)$", urlsplit(path).path):
            todo += _references(fetch(clean + path, cookie=cookie).soup)
    assert len(seen) > 20


def _references(soup: BeautifulSoup) -> list[str]:
    found = [attr(tag, "href") for tag in soup.find_all(["a", "link"])]
    found += [attr(tag, "src") for tag in soup.find_all(["img", "source", "track"])]
    found += [attr(tag, "poster") for tag in soup.find_all("video")]
    return [ref for ref in found if ref.startswith("/")]


# --- each seeded defect, on and off -----------------------------------------------------------------

def check_slow_product_page(url: str, on: bool) -> None:
    page = fetch(url + "/products/hiking-backpack-30l")
    assert page.seconds < 3
    hero = page.soup.find("img", class_="hero-img")
    image = fetch(url + attr(hero, "src"))
    assert image.status == 200 and image.headers.get_content_type() == "image/svg+xml"
    assert (3.0 < image.seconds < 10) if on else image.seconds < 1.5


def check_unrelated_video(url: str, on: bool) -> None:
    video = fetch(url + "/products/trail-running-shoes").soup.find("video")
    assert isinstance(video, Tag) and attr(video, "preload") == "none"
    expected = "Office summer party 2024 bloopers" if on else "How to lace Trail Running Shoes for steep descents"
    assert attr(video, "title") == expected
    captions = fetch(url + attr(video.find("track"), "src"))
    assert captions.text.startswith("WEBVTT") and expected in captions.text
    assert fetch(url + attr(video, "poster")).status == 200


def check_get_started_bounces_home(url: str, on: bool) -> None:
    if on:
        assert hops(url + "/get-started") == [(302, "/get-started"), (302, "/start"), (301, "/welcome"), (200, "/")]
    else:
        reply = fetch(url + "/get-started")
        assert reply.status == 200 and reply.soup.h1 is not None
        assert reply.soup.h1.get_text() == "Create your account"


def check_account_redirect_loop(url: str, on: bool) -> None:
    if on:
        assert fetch(url + "/account").location == "/login?next=/account"
        assert fetch(url + "/login?next=/account").location == "/account"
        assert all(status == 302 for status, _ in hops(url + "/account", limit=12))
    else:
        assert "Your account" in fetch(url + "/account").text
        assert fetch(url + "/login").status == 200


def check_broken_terms_link(url: str, on: bool) -> None:
    href = attr(fetch(url + "/").soup.find("a", string="Terms"), "href")
    assert href == ("/legal/terms" if on else "/terms")
    reply = fetch(url + href)
    assert reply.status == (404 if on else 200)
    assert ("Page not found" if on else "Terms of service") in reply.text


def check_moved_care_guide(url: str, on: bool) -> None:
    for page in ("/", "/shop", "/support"):
        href = attr(fetch(url + page).soup.find("a", string="Care guide"), "href")
        assert href == ("/guides/care-2019.pdf" if on else "/care")
    assert fetch(url + href).status == (404 if on else 200)


def check_product_pages_noindex(url: str, on: bool) -> None:
    robots = fetch(url + "/products/rain-jacket").soup.find("meta", attrs={"name": "robots"})
    assert (robots is not None and attr(robots, "content") == "noindex") is on
    assert fetch(url + "/").soup.find("meta", attrs={"name": "robots"}) is None


def check_home_script_error(url: str, on: bool) -> None:
    assert ("window.analytics.track(" in fetch(url + "/").text) is on


def check_slow_support_chat(url: str, on: bool) -> None:
    reply = fetch(url + "/api/chat", body={"question": "Where is my order?"})
    assert reply.status == 200
    assert (5.0 < reply.seconds < 15) if on else reply.seconds < 2.5


def check_emailed_link_redirects(url: str, on: bool) -> None:
    href = attr(fetch(url + "/inbox").soup.find("a", string="Open the order portal"), "href")
    chain = hops(url + href)
    assert chain[-1] == (200, "/portal")
    assert len(chain) - 1 == (3 if on else 1)
    assert href.startswith("/email/click?" if on else "/portal/login?token=")


def check_dead_size_guide(url: str, on: bool) -> None:
    soup = fetch(url + "/products/rain-jacket").soup
    button = soup.find("button", string="Size guide")
    assert isinstance(button, Tag)
    assert (attr(button, "aria-controls") == "") is on
    assert ("size-guide-button" in "".join(script.get_text() for script in soup.find_all("script"))) is not on


def check_hero_image_no_alt(url: str, on: bool) -> None:
    hero = fetch(url + "/products/merino-wool-socks").soup.find("img", class_="hero-img")
    assert isinstance(hero, Tag)
    assert ("alt" not in hero.attrs) if on else "Merino Wool Socks" in attr(hero, "alt")


def check_missing_badge_image(url: str, on: bool) -> None:
    badge = fetch(url + "/cart", cookie=cart_cookie(url)).soup.find("img", alt="Secure checkout")
    assert fetch(url + attr(badge, "src")).status == (404 if on else 200)


def check_late_promo_banner(url: str, on: bool) -> None:
    assert ("promo-banner" in fetch(url + "/support").text) is on


def check_jargon_returns_policy(url: str, on: bool) -> None:
    prose = fetch(url + "/returns").soup.select_one(".prose")
    assert prose is not None
    sentences = [s for s in re.split(r"[.!?]\s", prose.get_text(" ")) if s.strip()]
    longest = max(len(sentence.split()) for sentence in sentences)
    assert longest > 40 if on else longest <= 20


def check_gift_cards_soft_404(url: str, on: bool) -> None:
    reply = fetch(url + "/gift-cards")
    assert reply.status == 200 and reply.soup.h1 is not None
    assert reply.soup.h1.get_text() == ("Page not found" if on else "Gift cards")


CHECKS: dict[str, Callable[[str, bool], None]] = {
    "slow-product-page": check_slow_product_page,
    "unrelated-video": check_unrelated_video,
    "get-started-bounces-home": check_get_started_bounces_home,
    "account-redirect-loop": check_account_redirect_loop,
    "broken-terms-link": check_broken_terms_link,
    "moved-care-guide": check_moved_care_guide,
    "product-pages-noindex": check_product_pages_noindex,
    "home-script-error": check_home_script_error,
    "slow-support-chat": check_slow_support_chat,
    "emailed-link-redirects": check_emailed_link_redirects,
    "dead-size-guide": check_dead_size_guide,
    "hero-image-no-alt": check_hero_image_no_alt,
    "missing-badge-image": check_missing_badge_image,
    "late-promo-banner": check_late_promo_banner,
    "jargon-returns-policy": check_jargon_returns_policy,
    "gift-cards-soft-404": check_gift_cards_soft_404,
}


def test_every_defect_has_a_check() -> None:
    assert set(CHECKS) == defect_ids()


@pytest.mark.parametrize("on", [True, False], ids=["on", "off"])
@pytest.mark.parametrize("defect_id", sorted(CHECKS))
def test_defect(defect_id: str, on: bool, defective: str, clean: str) -> None:
    CHECKS[defect_id](defective if on else clean, on)


# --- the lab ----------------------------------------------------------------------------------------

def test_lab_status(clean: str) -> None:
    for code in (200, 404, 500, 503):
        reply = fetch(f"{clean}/lab/status/{code}")
        assert reply.status == code and f"Status {code}" in reply.text
    assert fetch(clean + "/lab/status/204").status == 204


def test_lab_delay_and_slow_load(clean: str) -> None:
    assert 0.25 < fetch(clean + "/lab/delay/300").seconds < 3
    page = fetch(clean + "/lab/slow-load/600")
    assert page.seconds < 2
    image = fetch(clean + attr(page.soup.find("img"), "src"))
    assert 0.55 < image.seconds < 3 and image.headers["Cache-Control"] == "no-store"


def test_lab_redirects_and_loop(clean: str) -> None:
    chain = hops(clean + "/lab/redirect/3")
    assert chain == [(302, "/lab/redirect/3"), (302, "/lab/redirect/2"), (302, "/lab/redirect/1"),
                     (200, "/lab/redirect/0")]
    assert "Arrived" in fetch(clean + "/lab/redirect/0").text
    assert fetch(clean + "/lab/loop").location == "/lab/loop"


def test_lab_members_page_needs_the_session_cookie(clean: str) -> None:
    assert hops(clean + "/lab/sign-in") == [(303, "/lab/sign-in"), (200, "/lab/members")]
    assert fetch(clean + "/lab/members").status == 401
    assert "Members area" in fetch(clean + "/lab/members", cookie="lab_session=signed-in").text


def test_lab_pages(clean: str) -> None:
    script = fetch(clean + "/lab/console-error").text
    assert "console.error(" in script and "throw new Error(" in script
    blank = fetch(clean + "/lab/blank").soup
    assert [button.get_text() for button in blank.find_all("button")] == ["Does nothing", "Show message"]
    message = blank.find(id="message")
    assert message is not None and message.get_text() == "Message shown" and message.has_attr("hidden")
    password = fetch(clean + "/lab/password").soup.find("input", attrs={"type": "password"})
    assert password is not None


def test_lab_form(clean: str, defective: str) -> None:
    form = fetch(clean + "/lab/form")
    soup = form.soup
    assert {label.get_text() for label in soup.find_all("label")} == {"Email", "Colour", "Subscribe"}
    assert [option.get_text() for option in soup.select("select option")] == ["Red", "Green"]
    assert soup.find("input", attrs={"placeholder": "Your city"}) is not None
    assert soup.select_one("[data-test=ok-button]") is not None
    assert len(soup.find_all("button", string="Duplicate")) == 2
    assert attr(soup.find("form"), "action") == "/lab/thanks"
    assert fetch(defective + "/lab/form").text == form.text
    thanks = fetch(clean + "/lab/thanks", {"email": "a@b.c", "colour": "Green", "city": "Oslo", "subscribe": "yes"})
    assert all(text in thanks.text for text in ("Email: a@b.c", "Colour: Green", "City: Oslo", "Subscribe: yes"))


def test_lab_flaky_page_fails_every_other_visit(clean: str) -> None:
    assert [fetch(clean + "/lab/flaky/shop-test").status for _ in range(4)] == [200, 503, 200, 503]
