"""`url:` conditions as a pure function (gather/conditions.url_matches): paths, full URLs, contains, matches."""

from __future__ import annotations

import pytest

from uxaudit.gather.conditions import url_matches
from uxaudit.load.scenario import UrlMatch

BASE = "http://shop.test"


def path_is(current: str, expected: str, base: str = BASE) -> bool:
    return url_matches(current, UrlMatch(equals=expected), base)


def test_a_path_ignores_the_query_and_the_fragment() -> None:
    assert path_is("http://shop.test/cart?step=2#summary", "/cart")


def test_a_query_written_in_the_expected_path_is_ignored_too() -> None:
    assert path_is("http://shop.test/search?q=boots", "/search?q=socks")


@pytest.mark.parametrize("current", ["http://shop.test/cart/items", "http://shop.test/car", "http://shop.test/",
                                     "http://shop.test/Cart"])
def test_a_path_must_be_equal_not_a_prefix_part_or_other_case(current: str) -> None:
    assert not path_is(current, "/cart")


def test_a_trailing_slash_does_not_change_the_path() -> None:
    assert path_is("http://shop.test/cart/", "/cart") and path_is("http://shop.test/cart", "/cart/")


def test_the_root_path_matches_only_the_root() -> None:
    assert path_is("http://shop.test/", "/") and not path_is("http://shop.test/cart", "/")


def test_a_path_alone_does_not_compare_scheme_host_or_port() -> None:
    assert path_is("https://other.test:8443/cart", "/cart")


def test_a_relative_path_is_taken_below_the_base_urls_path() -> None:
    assert path_is("http://shop.test/app/cart", "cart", base="http://shop.test/app")
    assert not path_is("http://shop.test/cart", "cart", base="http://shop.test/app")


def test_an_absolute_path_is_taken_from_the_hosts_root() -> None:
    assert path_is("http://shop.test/cart", "/cart", base="http://shop.test/app")
    assert not path_is("http://shop.test/app/cart", "/cart", base="http://shop.test/app")


def test_a_full_url_ignores_the_query_and_the_fragment() -> None:
    assert path_is("http://shop.test/cart?x=1#top", "http://shop.test/cart")


@pytest.mark.parametrize("current", ["https://shop.test/cart", "http://other.test/cart", "http://shop.test:8080/cart",
                                     "http://shop.test/basket"], ids=["scheme", "host", "port", "path"])
def test_a_full_url_compares_scheme_host_and_path(current: str) -> None:
    assert not path_is(current, "http://shop.test/cart")


def test_a_full_url_compares_the_host_name_in_any_case() -> None:
    assert path_is("http://shop.test/cart", "http://Shop.Test/cart")


def test_a_full_url_with_the_schemes_default_port_is_the_same_address() -> None:
    assert path_is("http://shop.test/cart", "http://shop.test:80/cart")


def test_contains_looks_at_the_whole_url_query_and_fragment_included() -> None:
    current = "http://shop.test/orders?ref=order-42#receipt"
    assert all(url_matches(current, UrlMatch(contains=text), BASE) for text in ("shop.test/ord", "ref=order", "#rec"))
    assert not url_matches(current, UrlMatch(contains="basket"), BASE)


def test_matches_searches_the_regex_anywhere_in_the_whole_url() -> None:
    assert url_matches("http://shop.test/p/42", UrlMatch(matches=r"/p/\d+$"), BASE)
    assert url_matches("http://shop.test/p/42", UrlMatch(matches=r"^https?://shop\.test/p/"), BASE)


def test_matches_is_applied_to_the_full_url_not_the_path() -> None:
    assert not url_matches("http://shop.test/p/42", UrlMatch(matches="^/p/"), BASE)
    assert not url_matches("http://shop.test/p/42?page=2", UrlMatch(matches=r"/p/\d+$"), BASE)
