"""The link checker over real HTTP (the demo shop's lab routes, no browser) and the broken-link audit."""

from __future__ import annotations

import asyncio
import socket
import time
from dataclasses import replace

import httpx
import pytest

from tests.builders import BASE, journey, run, task
from uxaudit.artifacts import LinkCheck, LinkCheckSummary, LinkSource, RedirectHop
from uxaudit.audits import AUDITS_BY_ID
from uxaudit.audits.base import AuditInput
from uxaudit.demo.server import DemoShop
from uxaudit.gather.links import LinkChecker, checkable, probe


def probed(url: str) -> LinkCheck:
    async def go() -> LinkCheck:
        async with httpx.AsyncClient(timeout=5) as client:
            return await probe(client, url)
    return asyncio.run(go())


def test_a_working_link_is_checked_with_head(clean_shop: DemoShop) -> None:
    check = probed(clean_shop.url + "/care")
    assert (check.status, check.method, check.broken, check.redirects) == (200, "HEAD", False, ())


def test_a_missing_page_is_broken_and_confirmed_with_get(clean_shop: DemoShop) -> None:
    check = probed(clean_shop.url + "/lab/status/404")
    assert (check.status, check.method, check.broken) == (404, "GET", True)


def test_redirects_are_followed_hop_by_hop(clean_shop: DemoShop) -> None:
    check = probed(clean_shop.url + "/lab/redirect/3")
    assert check.status == 200 and not check.broken
    assert [hop.url.rsplit("/", 1)[1] for hop in check.redirects] == ["3", "2", "1"]
    assert check.final_url == clean_shop.url + "/lab/redirect/0"


def test_a_redirect_loop_is_broken(clean_shop: DemoShop) -> None:
    check = probed(clean_shop.url + "/lab/loop")
    assert check.broken and check.error == "redirects in a loop" and check.status is None


def test_a_server_that_does_not_answer_is_broken() -> None:
    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    check = probed(f"http://127.0.0.1:{port}/")
    assert check.broken and check.error is not None and check.error.startswith("could not connect")


@pytest.mark.parametrize(("url", "external", "expected"), [
    ("http://shop.test/a#top", False, "http://shop.test/a"),
    ("http://other.test/a", False, None),
    ("http://other.test/a", True, "http://other.test/a"),
    ("mailto:hello@shop.test", True, None),
    ("javascript:void(0)", True, None),
])
def test_which_links_are_checked(url: str, external: bool, expected: str | None) -> None:
    assert checkable(url, "http://shop.test/", external) == expected


def test_each_link_is_checked_once_with_every_page_it_sits_on(clean_shop: DemoShop) -> None:
    saved: list[tuple[list[LinkCheck], LinkCheckSummary]] = []
    checker = LinkChecker(concurrency=2, on_progress=lambda c, s: saved.append((c, s))).start()
    links = [(clean_shop.url + "/care", "Care guide"), (clean_shop.url + "/lab/status/404", "Old"),
             ("https://elsewhere.example/", "Partner")]
    for page in ("/", "/shop"):
        checker.submit(links, LinkSource(clean_shop.url + page, "j", "t", 1), clean_shop.url)
    checks, summary = checker.finish(limit_s=20)
    assert sorted(c.url.rsplit("/", 1)[1] for c in checks) == ["404", "care"]
    assert all(c.pages == 2 for c in checks)
    assert all([s.page_url for s in c.sources] == [clean_shop.url + "/", clean_shop.url + "/shop"] for c in checks)
    assert (summary.checked, summary.unfinished, summary.concurrency) == (2, 0, 2)
    assert saved and saved[-1][1].checked == 2  # the last results were handed on to be saved


def test_secrets_in_links_are_masked(clean_shop: DemoShop) -> None:
    checker = LinkChecker(secrets=frozenset({"s3cret"})).start()
    checker.submit([(clean_shop.url + "/care?token=s3cret", "")], LinkSource(clean_shop.url + "/", "j", "t", 1),
                   clean_shop.url)
    checks, _ = checker.finish(limit_s=20)
    assert "s3cret" not in checks[0].url


def test_broken_link_finding_lists_the_pages_and_counts_in_the_first_task() -> None:
    sources = (LinkSource(BASE + "/", "shop", "find", 2, "Care guide"), LinkSource(BASE + "/shop", "shop", "find", 3))
    links = (LinkCheck(BASE + "/old", 404, None, BASE + "/old", (), "GET", 12.0, sources),
             LinkCheck(BASE + "/fine", 200, None, BASE + "/fine", (RedirectHop(BASE + "/f", 301),), "HEAD", 5.0,
                       sources))
    artifacts = run(journey(task()))
    artifacts = type(artifacts)(**{**artifacts.__dict__, "links": links})
    [finding] = AUDITS_BY_ID["broken-link"].check(AuditInput(artifacts))
    assert finding.task == "shop/find" and finding.step == 2 and finding.url == BASE + "/old"
    assert finding.severity == "warning" and "404 not found" in finding.title and "2 pages" in finding.title
    assert [row["on page"] for row in finding.evidence] == [BASE + "/", BASE + "/shop"]
    assert finding.evidence[0]["link text"] == "Care guide"
    assert finding.display_value == "404 not found" and finding.evidence[0]["checked with"] == "GET"


def test_a_link_on_more_pages_than_listed_says_how_many_more() -> None:
    sources = (LinkSource(BASE + "/", "shop", "find", 2, "Care guide"),)
    artifacts = run(journey(task()))
    links = (LinkCheck(BASE + "/old", 404, None, BASE + "/old", (), "HEAD", 12.0, sources, pages=17),)
    [finding] = AUDITS_BY_ID["broken-link"].check(AuditInput(replace(artifacts, links=links)))
    assert "on 17 pages" in finding.title
    assert [row["on page"] for row in finding.evidence] == [BASE + "/", "… and 16 more page(s)"]


def test_checks_still_running_when_time_is_up_are_counted_as_unfinished(clean_shop: DemoShop) -> None:
    checker = LinkChecker().start()
    checker.submit([(clean_shop.url + "/lab/delay/3000", "Slow")], LinkSource(clean_shop.url + "/", "j", "t", 1),
                   clean_shop.url)
    checks, summary = checker.finish(limit_s=0.3)
    assert checks == [] and summary.unfinished == 1


def test_a_paused_checker_starts_no_request_until_resumed(clean_shop: DemoShop) -> None:
    checker = LinkChecker().start()
    checker.pause()
    checker.submit([(clean_shop.url + "/care", "Care")], LinkSource(clean_shop.url + "/", "j", "t", 1), clean_shop.url)
    time.sleep(0.5)
    assert checker.snapshot()[1].checked == 0
    checker.resume()
    checks, _ = checker.finish(limit_s=10)
    assert [c.status for c in checks] == [200]


def test_without_a_base_url_links_of_the_pages_own_site_are_checked() -> None:
    assert checkable("http://shop.test/a", "http://shop.test/page", False) == "http://shop.test/a"
