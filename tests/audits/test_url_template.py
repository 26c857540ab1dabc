"""Page templates: ids in a path become {id}, names stay, query and fragment go (a hash route stays),
and an address without ids keeps the page it always had in a finding's id."""

from __future__ import annotations

import pytest

from uxaudit.audits.base import current_id
from uxaudit.audits.url_template import page_template, path_template

BASE = "http://shop.test"


@pytest.mark.parametrize(("path", "template"), [
    ("/users/5/change/", "/users/{id}/change/"),  # Django admin, any record
    ("/users/9/change/", "/users/{id}/change/"),
    ("/p/123", "/p/{id}"),
    ("/orders/8f14e45f-ceea-467f-a2a1-0a1b2c3d4e5f", "/orders/{id}"),  # UUID
    ("/orders/8F14E45F-CEEA-467F-A2A1-0A1B2C3D4E5F/items", "/orders/{id}/items"),
    ("/a/5d41402abc4b2a76b9719d911017c592", "/a/{id}"),  # md5
    ("/blobs/507f1f77bcf86cd799439011", "/blobs/{id}"),  # Mongo ObjectId
    ("/commit/3f9a8b7c", "/commit/{id}"),
    ("/u/01ARZ3NDEKTSV4RRFFQ69G5FAV", "/u/{id}"),  # ULID
    ("/bookings/2026-11-22", "/bookings/{id}"),  # a date
    ("/reports/daily-2026-11-22T10:00:00Z", "/reports/daily-{id}"),
    ("/orders/order-12345", "/orders/order-{id}"),  # a long number among words
    ("/o/ORD-20261122-0042", "/o/ORD-{id}-{id}"),  # beside an id, numbers are part of it
    ("/posts/42-hello-world", "/posts/{id}-hello-world"),  # Rails' id-slug
    ("/avatars/5.png", "/avatars/{id}.png"),
    ("/static/app.3f9a8b7c.js", "/static/app.{id}.js"),  # a cache buster
    ("/blog/2026/11/first-snow", "/blog/{id}/{id}/first-snow"),
    ("/users/5/orders/8f14e45f-ceea-467f-a2a1-0a1b2c3d4e5f/", "/users/{id}/orders/{id}/"),
])
def test_ids_in_a_path_become_id(path: str, template: str) -> None:
    assert path_template(path) == template
    assert page_template(BASE + path) == BASE + template


@pytest.mark.parametrize("path", [
    "/products/trail-running-shoes",  # a slug is a name, not an id
    "/products/trail-running-shoes-2",  # nor is a slug made unique with a small number
    "/gpus/rtx-4090", "/blog/best-of-2026", "/docs/v2/setup", "/api/1.0/items", "/downloads/setup-1.2.3.exe",
    "/deadbeefcafe",  # hex letters only: a word
    "/windows10professional",  # one number in a long word: a name
    "/", "", "/cart/", "/A/B//c/", "/index.html", "/.well-known/security.txt", "/search",
])
def test_names_stay(path: str) -> None:
    assert path_template(path) == path
    assert page_template(BASE + path) == BASE + path


def test_query_and_fragment_are_dropped() -> None:
    assert page_template(f"{BASE}/search?q=shoes&page=2") == f"{BASE}/search"
    assert page_template(f"{BASE}/cart?_=1732280000#summary") == f"{BASE}/cart"
    assert page_template(f"{BASE}/users/5?tab=orders#top") == f"{BASE}/users/{{id}}"
    assert page_template(f"{BASE}?utm_source=mail") == BASE


def test_a_hash_route_is_a_path() -> None:
    assert page_template(f"{BASE}/#/users/5") == f"{BASE}/#/users/{{id}}"
    assert page_template(f"{BASE}/app#!/orders/9?tab=2") == f"{BASE}/app#!/orders/{{id}}"
    assert page_template(f"{BASE}/#/cart") == f"{BASE}/#/cart"
    assert page_template(f"{BASE}/faq#returns") == f"{BASE}/faq"  # an anchor, not a route


def test_the_origin_and_odd_addresses_are_kept_as_they_are() -> None:
    assert page_template("HTTP://Shop.Test:8080/Users/5") == "HTTP://Shop.Test:8080/Users/{id}"
    assert page_template("http://127.0.0.1:8000/p/7") == "http://127.0.0.1:8000/p/{id}"
    for address in ("about:blank", "chrome-error://chromewebdata/", "mailto:help@shop.test"):
        assert page_template(address) == address


def _old_id_page(url: str) -> str:
    """The page part of a finding id before templates (frozen history: what runs stored until 1.3)."""
    return url.split("#", 1)[0].split("?", 1)[0]


@pytest.mark.parametrize("url", [
    f"{BASE}/products/trail-running-shoes", f"{BASE}/cart?coupon=SNOW", f"{BASE}/faq#returns",
    f"{BASE}/", "http://127.0.0.1:8000/lab/members", f"{BASE}/search?q=5", "about:blank",
])
def test_an_address_without_ids_keeps_its_old_page(url: str) -> None:
    """Baselines stored before templates existed compare as before for such pages."""
    assert page_template(url) == _old_id_page(url)


@pytest.mark.parametrize(("stored", "url", "now"), [
    # before templates: the address without query and fragment
    ("http-error:shop/find:http://shop.test/users/5/change/", "http://shop.test/users/5/change/?next=1",
     "http-error:shop/find:http://shop.test/users/{id}/change/"),
    ("accessibility:shop/find:http://shop.test/users/5:image-alt", "http://shop.test/users/5#top",
     "accessibility:shop/find:http://shop.test/users/{id}:image-alt"),
    ("load-time:shop/find:http://shop.test/", "http://shop.test/#/users/5",
     "load-time:shop/find:http://shop.test/#/users/{id}"),
    # today's ids, and ids of pages without ids, are left as they are
    ("http-error:shop/find:http://shop.test/users/{id}/change/", "http://shop.test/users/5/change/",
     "http-error:shop/find:http://shop.test/users/{id}/change/"),
    ("load-time:shop/find:http://shop.test/#/users/{id}", "http://shop.test/#/users/5",
     "load-time:shop/find:http://shop.test/#/users/{id}"),
    ("load-time:shop/find:http://shop.test/cart", "http://shop.test/cart?x=1",
     "load-time:shop/find:http://shop.test/cart"),
    ("task-success:shop/find", None, "task-success:shop/find"),
])
def test_a_stored_id_is_read_in_todays_form(stored: str, url: str | None, now: str) -> None:
    assert current_id(stored, url) == now
    assert current_id(now, url) == now
