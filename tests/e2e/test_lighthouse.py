"""Lighthouse in the journey's own session, and what happens when the npm tooling is missing."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup

from tests.e2e.conftest import journey_file, run_pipeline, uxaudit_cli
from uxaudit.demo.server import DemoShop


@pytest.fixture(scope="module")
def members_run(tmp_path_factory: pytest.TempPathFactory, clean_shop: DemoShop) -> tuple[dict[str, Any], Path]:
    folder = tmp_path_factory.mktemp("lighthouse")
    path = journey_file(folder, "members.yaml", """
        name: Members area
        tasks:
          - name: Sign in
            steps:
              - goto: /lab/sign-in
                lighthouse: true
            success:
              - visible: You are signed in
          - name: Visit as a stranger
            steps:
              - goto: /lab/status/200
              - goto: /lab/members?fresh=1
                name: The same page, asked for again
    """)
    out = folder / "out"
    return run_pipeline([path], out, base_url=clean_shop.url), out


def test_lighthouse_audits_the_page_in_the_journeys_session(members_run: tuple[dict[str, Any], Path]) -> None:
    card, out = members_run
    [result] = card["lighthouse"]
    # /lab/members answers 401 without the cookie the journey got at sign-in: scores mean Lighthouse had it.
    assert result["error"] is None and result["final_url"].endswith("/lab/members")
    assert set(result["scores"]) == {"performance", "accessibility", "best-practices", "seo"}
    assert all(0 <= score <= 100 for score in result["scores"].values())
    assert result["step"] == "members/sign-in/1" and result["runs_completed"] == 1
    lhr = json.loads((out / result["report_json"]).read_text())
    assert lhr["lighthouseVersion"] == "12.6.1" and lhr["configSettings"]["formFactor"] == "desktop"
    assert (out / result["report"]).stat().st_size > 100_000


def test_the_report_links_to_the_saved_lighthouse_report(members_run: tuple[dict[str, Any], Path]) -> None:
    card, out = members_run
    soup = BeautifulSoup((out / "report.html").read_text(), "html.parser")
    links = [a["href"] for a in soup.find_all("a", string="Open the Lighthouse report")]
    assert links == [card["lighthouse"][0]["report"]] and (out / str(links[0])).is_file()


def test_only_the_step_that_asked_is_audited(members_run: tuple[dict[str, Any], Path]) -> None:
    card, _ = members_run
    assert [r["url"].rsplit("/", 1)[1] for r in card["lighthouse"]] == ["members"]


def test_without_the_npm_tooling_the_run_goes_on_and_says_what_was_not_checked(tmp_path: Path,
                                                                              clean_shop: DemoShop) -> None:
    path = journey_file(tmp_path, "plain.yaml", """
        name: Plain
        steps:
          - goto: /care
    """)
    empty = tmp_path / "node_modules"
    empty.mkdir()
    result = uxaudit_cli("run", str(path), "--base-url", clean_shop.url, "--out", str(tmp_path / "out"),
                         "--lighthouse", env={"UXAUDIT_NODE_MODULES": str(empty)})
    assert result.code == 0, result.stderr
    card = json.loads((tmp_path / "out" / "scorecard.json").read_text())
    assert {note["audit"] for note in card["notes"]} == {"accessibility", "lighthouse"}
    assert card["lighthouse"] == [] and "accessibility" not in {c["id"] for c in card["categories"]}
    assert "Not checked: Lighthouse was not run: it is not installed" in " ".join(result.stdout.split())
    assert "Traceback" not in result.stderr
