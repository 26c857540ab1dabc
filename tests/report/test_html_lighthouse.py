"""report.html's Lighthouse section says when Lighthouse took no screenshots of a page (a journey with
secrets: docs/security.md), as its saved report's settings tell."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup

from uxaudit.report import html

SAMPLE = Path(__file__).parents[1] / "fixtures" / "scorecard_sample.json"
# What Lighthouse 12 writes into its JSON report's settings with uxaudit's gather/lighthouse.NO_SCREENSHOTS
# (`--skip-audits=screenshot-thumbnails,final-screenshot --disable-full-page-screenshot`), and without.
PRIVATE = {"skipAudits": ["screenshot-thumbnails", "final-screenshot"], "disableFullPageScreenshot": True}
ORDINARY = {"skipAudits": None, "disableFullPageScreenshot": False}


def page(name: str) -> dict[str, Any]:
    return {"journey": name, "task": f"{name}/t", "step": f"{name}/t/1", "url": f"http://shop.test/{name}",
            "final_url": f"http://shop.test/{name}", "form_factor": "desktop", "runs": 1, "runs_completed": 1,
            "scores": {"performance": 100, "accessibility": 100, "best-practices": 96, "seo": 100},
            "metrics": {}, "report": f"lighthouse/{name}/t-1.report.html",
            "report_json": f"lighthouse/{name}/t-1.report.json", "lighthouse_version": "12.6.1", "error": None}


def saved(out_dir: Path, entry: dict[str, Any], settings: dict[str, Any]) -> None:
    path = out_dir / entry["report_json"]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"lighthouseVersion": "12.6.1", "configSettings": settings}), encoding="utf-8")


def rows(tmp_path: Path, pages: list[dict[str, Any]]) -> dict[str, str]:
    scorecard = copy.deepcopy(json.loads(SAMPLE.read_text(encoding="utf-8")))
    scorecard["lighthouse"] = pages
    soup = BeautifulSoup(html.render(scorecard, tmp_path), "html.parser")
    section = soup.find("section", attrs={"aria-labelledby": "lighthouse-h"})
    assert section is not None
    return {row.th.get_text(" ", strip=True).split(" ")[0]: row.th.get_text(" ", strip=True)
            for row in section.find_all("tr") if row.th and row.th.get("scope") == "row"}


def test_a_page_lighthouse_took_no_screenshots_of_says_so_and_why(tmp_path: Path) -> None:
    private, ordinary = page("signed-in"), page("public")
    saved(tmp_path, private, PRIVATE)
    saved(tmp_path, ordinary, ORDINARY)
    shown = rows(tmp_path, [private, ordinary])
    assert html.NO_SCREENSHOTS_NOTE in shown["http://shop.test/signed-in"]
    assert html.NO_SCREENSHOTS_NOTE == ("Lighthouse took no screenshots of this page: the journey uses secrets, "
                                        "which a screenshot could show.")
    assert "screenshot" not in shown["http://shop.test/public"]


@pytest.mark.parametrize("report_json", [None, "lighthouse/missing.report.json", "../outside.report.json",
                                         "lighthouse/broken.report.json"])
def test_without_a_readable_report_of_its_own_the_page_has_no_note(tmp_path: Path, report_json: str | None) -> None:
    (tmp_path / "lighthouse").mkdir()
    (tmp_path / "lighthouse" / "broken.report.json").write_text("{not json", encoding="utf-8")
    (tmp_path.parent / "outside.report.json").write_text(json.dumps({"configSettings": PRIVATE}), encoding="utf-8")
    entry = {**page("p"), "report_json": report_json}
    assert html.LighthouseNote(tmp_path)(entry) == ""
    assert "screenshot" not in rows(tmp_path, [entry])["http://shop.test/p"]
