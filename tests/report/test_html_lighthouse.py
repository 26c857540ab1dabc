"""report.html's Lighthouse section says when Lighthouse took no screenshots of a page (a journey with
secrets: docs/security.md), as the scorecard's `lighthouse[].screenshots` tells."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

from bs4 import BeautifulSoup

from uxaudit.report import html

SAMPLE = Path(__file__).parents[1] / "fixtures" / "scorecard_sample.json"


def page(name: str, **extra: Any) -> dict[str, Any]:
    return {"journey": name, "task": f"{name}/t", "step": f"{name}/t/1", "url": f"http://shop.test/{name}",
            "final_url": f"http://shop.test/{name}", "form_factor": "desktop", "runs": 1, "runs_completed": 1,
            "scores": {"performance": 100, "accessibility": 100, "best-practices": 96, "seo": 100},
            "metrics": {}, "report": f"lighthouse/{name}/t-1.report.html",
            "report_json": f"lighthouse/{name}/t-1.report.json", "lighthouse_version": "12.6.1", "error": None,
            **extra}


def rows(tmp_path: Path, pages: list[dict[str, Any]]) -> dict[str, str]:
    scorecard = copy.deepcopy(json.loads(SAMPLE.read_text(encoding="utf-8")))
    scorecard["lighthouse"] = pages
    soup = BeautifulSoup(html.render(scorecard, tmp_path), "html.parser")
    section = soup.find("section", attrs={"aria-labelledby": "lighthouse-h"})
    assert section is not None
    return {row.th.get_text(" ", strip=True).split(" ")[0]: row.th.get_text(" ", strip=True)
            for row in section.find_all("tr") if row.th and row.th.get("scope") == "row"}


def test_a_page_lighthouse_took_no_screenshots_of_says_so_and_why(tmp_path: Path) -> None:
    shown = rows(tmp_path, [page("signed-in", screenshots=False), page("public", screenshots=True)])
    assert html.NO_SCREENSHOTS_NOTE in shown["http://shop.test/signed-in"]
    assert html.NO_SCREENSHOTS_NOTE == ("Lighthouse took no screenshots of this page: the journey uses secrets, "
                                        "which a screenshot could show.")
    assert "screenshot" not in shown["http://shop.test/public"]


def test_a_scorecard_from_before_the_field_has_no_note(tmp_path: Path) -> None:
    assert "screenshot" not in rows(tmp_path, [page("p")])["http://shop.test/p"]
