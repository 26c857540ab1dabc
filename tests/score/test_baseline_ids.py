"""--baseline compares findings by their stable id, which names the page template: an unchanged app
that creates records in every run has nothing new, and baselines stored before templates still compare."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path
from typing import Any

from tests.builders import BASE, journey, run, task, visit
from uxaudit import pipeline
from uxaudit.artifacts import RunArtifacts
from uxaudit.load.config import RunConfig
from uxaudit.run_folder import RunFolder


def audited(tmp_path: Path, run_id: str, artifacts: RunArtifacts, **config: Any) -> dict[str, Any]:
    artifacts = replace(artifacts, run_id=run_id, started_at=f"2026-11-22T12:00:0{run_id[-1]}+00:00")
    settings = RunConfig(history=str(tmp_path / "h.sqlite"), **config)
    return pipeline.audit_and_report(artifacts, RunFolder(tmp_path / run_id), settings).scorecard


def slow_pages(*paths: str) -> RunArtifacts:
    return run(journey(task(pages=tuple(visit(path, index=i, load_ms=9000) for i, path in enumerate(paths, 1)))))


def test_new_record_ids_in_each_run_are_not_new_findings(tmp_path: Path) -> None:
    audited(tmp_path, "run-1", slow_pages("/users/5/change/", "/orders/8f14e45f-ceea-467f-a2a1-0a1b2c3d4e5f"))
    card = audited(tmp_path, "run-2", slow_pages("/users/9/change/?saved=1",
                                                 "/orders/0b1c2d3e-ceea-467f-a2a1-0a1b2c3d4e5f"),
                   baseline="run-1", only_new=True)
    assert card["gate"]["passed"] is True
    assert {f["change"] for f in card["findings"]} == {"still"} and card["baseline"]["fixed"] == []
    assert [f["url"] for f in card["findings"]] == [f"{BASE}/users/9/change/?saved=1",  # where it was met
                                                    f"{BASE}/orders/0b1c2d3e-ceea-467f-a2a1-0a1b2c3d4e5f"]


def test_a_new_page_template_is_still_new(tmp_path: Path) -> None:
    audited(tmp_path, "run-1", slow_pages("/users/5/change/"))
    card = audited(tmp_path, "run-2", slow_pages("/users/5/delete/"), baseline="run-1", only_new=True)
    assert card["gate"]["passed"] is False and [f["change"] for f in card["findings"]] == ["new"]


def _as_stored_before_templates(history: Path, run_id: str) -> None:
    """Rewrite a stored run's finding ids as uxaudit stored them before templates: the page was the
    address without query and fragment."""
    with sqlite3.connect(history) as db:
        for finding, url in db.execute("SELECT finding, url FROM findings WHERE run_id = ?", (run_id,)).fetchall():
            template = finding.split(":", 2)[2]
            old = finding.replace(template, url.split("#")[0].split("?")[0])
            db.execute("UPDATE findings SET finding = ? WHERE run_id = ? AND finding = ?", (old, run_id, finding))


def test_a_baseline_stored_before_templates_still_compares(tmp_path: Path) -> None:
    audited(tmp_path, "run-1", slow_pages("/products/trail-running-shoes", "/users/5/change/", "/#/orders/7"))
    _as_stored_before_templates(tmp_path / "h.sqlite", "run-1")
    stored = sqlite3.connect(tmp_path / "h.sqlite").execute("SELECT finding FROM findings").fetchall()
    assert sorted(stored) == [(f"load-time:shop/find:{BASE}/",),
                              (f"load-time:shop/find:{BASE}/products/trail-running-shoes",),
                              (f"load-time:shop/find:{BASE}/users/5/change/",)]
    card = audited(tmp_path, "run-2", slow_pages("/products/trail-running-shoes", "/users/5/change/", "/#/orders/7"),
                   baseline="run-1", only_new=True)
    assert card["gate"]["passed"] is True and {f["change"] for f in card["findings"]} == {"still"}
    assert card["baseline"]["fixed"] == []
