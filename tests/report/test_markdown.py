"""summary.md: score and gate first, failed tasks, gate checks, top findings; page text made inert."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from uxaudit.report import markdown

SAMPLE = Path(__file__).parents[1] / "fixtures" / "scorecard_sample.json"


@pytest.fixture
def sample() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(SAMPLE.read_text(encoding="utf-8"))
    return copy.deepcopy(data)


def test_the_summary_leads_with_score_and_gate_then_what_failed(sample: dict[str, Any]) -> None:
    text = markdown.render(sample, "report.html")
    lines = text.splitlines()
    assert lines[0].startswith("## UX audit of http") and lines[0].endswith(": 58/100 (needs work), ❌ gate failed")
    assert "### Failed tasks" in text and "**Buy trail running shoes › Check out**" in text
    assert "| ❌ | Every task completes | 1 of 3 | 3 of 3 | site |" in text
    assert "### Fix these first" in text and "Full report: `report.html`" in text


def test_a_passing_run_says_so(sample: dict[str, Any]) -> None:
    sample["gate"] = {"passed": True, "checks": []}
    sample["findings"] = []
    text = markdown.render(sample, "report.html")
    assert "✅ gate passed" in text and "No errors or warnings." in text and "### Gate" not in text


def test_page_text_cannot_become_links_images_or_html(sample: dict[str, Any]) -> None:
    sample["findings"][0]["title"] = ('![x](https://evil.test/a.png) [click](https://evil.test) '
                                      '<img src=x onerror=1> | a')
    sample["journeys"][0]["tasks"][1]["error"] = "<script>alert(1)</script>\n## not a heading"
    text = markdown.render(sample, "report.html")
    assert "<img" not in text and "<script>" not in text and "](https://evil.test" not in text
    assert r"\!\[x\]\(https://evil\.test/a\.png\)" in text and r"\| a" in text
    assert "\n## not a heading" not in text


def test_github_step_summary_gets_a_copy(sample: dict[str, Any], tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    step_summary = tmp_path / "step_summary.md"
    step_summary.write_text("earlier step\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(step_summary))
    path = markdown.write(sample, tmp_path)
    assert path == tmp_path / "summary.md"
    assert step_summary.read_text(encoding="utf-8") == "earlier step\n" + path.read_text(encoding="utf-8") + "\n"


@pytest.mark.parametrize(("env", "expected"), [
    ({"UXAUDIT_REPORT_URL": "https://ux.example/pr-12/report.html"},
     ", [open the report](https://ux.example/pr-12/report.html)."),
    ({"GITHUB_SERVER_URL": "https://github.com", "GITHUB_REPOSITORY": "acme/shop", "GITHUB_RUN_ID": "42"},
     ", in the artifacts of [this workflow run](https://github.com/acme/shop/actions/runs/42)."),
    ({"UXAUDIT_REPORT_URL": "javascript:alert(1)"}, None),
    ({"UXAUDIT_REPORT_URL": "https://x.test/a)[b](https://evil.test"}, None),
    ({}, None),
])
def test_the_summary_links_to_the_report_where_ci_keeps_it(sample: dict[str, Any], env: dict[str, str],
                                                           expected: str | None) -> None:
    text = markdown.render(sample, "report.html", markdown.report_link(env))
    last = text.strip().splitlines()[-1]
    assert last.startswith("Full report: `report.html` in the run's folder (run ")
    assert last.endswith(expected) if expected else last.endswith(").") and "](" not in last
