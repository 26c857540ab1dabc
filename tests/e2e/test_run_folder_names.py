"""Hostile names in real runs: screenshots stay inside the run folder, and long names fit the file system."""

from __future__ import annotations

from pathlib import Path

from tests.e2e.conftest import journey_file, run_pipeline
from uxaudit.demo.server import DemoShop


def test_a_hostile_screenshot_name_and_a_300_character_task_stay_in_the_run_folder(
        tmp_path: Path, clean_shop: DemoShop) -> None:
    long_name = "Buy " + "very " * 59 + "long"
    journey = journey_file(tmp_path, "names.yaml", f"""
        name: Names
        tasks:
          - name: {long_name}
            steps:
              - goto: /
              - screenshot: ../../escaped
    """)
    out = tmp_path / "deep" / "out"
    card = run_pipeline([journey], out, base_url=clean_shop.url)
    assert card["gate"]["passed"], card["gate"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["deep", "names.yaml"]
    assert len(list((out / "screenshots" / "names").glob("*.png"))) == 1  # the named one, cut with a hash
    assert all(len(p.name.encode()) <= 90 for p in out.rglob("*"))
