"""Journeys in sub-folders: `uxaudit validate DIR` and `uxaudit run DIR` find them at any depth, a
`_sub-flow.yaml` at depth is not a journey, a `_folder/` is left out, and one id in two folders is
refused naming both files."""

from __future__ import annotations

import json
from pathlib import Path

from tests.e2e.conftest import journey_file, uxaudit_cli
from uxaudit.demo.server import DemoShop


def _suite(root: Path) -> None:
    root.mkdir()
    journey_file(root, "home.yaml", """
        name: Open the home page
        steps:
          - goto: /
        success:
          - visible: Trailhead Outfitters
    """)
    (root / "shop" / "flows").mkdir(parents=True)
    journey_file(root / "shop" / "flows", "_open-shop.yaml", """
        name: Open the shop
        steps:
          - goto: /shop
    """)
    journey_file(root / "shop", "browse.yaml", """
        name: Browse the shop
        steps:
          - use: flows/_open-shop.yaml
          - click: Trail Running Shoes
        success:
          - url: /products/trail-running-shoes
    """)
    (root / "_drafts").mkdir()
    journey_file(root / "_drafts", "unfinished.yaml", "name: Not yet\n")


def test_validate_and_run_read_sub_folders(tmp_path: Path) -> None:
    suite = tmp_path / "journeys"
    _suite(suite)
    validated = uxaudit_cli("validate", str(suite))
    assert validated.code == 0, validated.stderr
    assert "✓ 2 journeys, 2 tasks, 3 steps: valid" in validated.stdout
    assert f"{suite / 'shop' / 'browse.yaml'}: 1 task, 2 steps" in validated.stdout
    assert "_open-shop" not in validated.stdout and "unfinished" not in validated.stdout
    with DemoShop(clean=True) as shop:
        ran = uxaudit_cli("run", str(suite), "--base-url", shop.url, "--out", str(tmp_path / "out"),
                          "--no-link-check")
    assert ran.code == 0, ran.stdout + ran.stderr
    run = json.loads((tmp_path / "out" / "artifacts.json").read_text())
    assert {j["id"]: [t["status"] for t in j["tasks"]] for j in run["journeys"]} == {
        "home": ["passed"], "browse": ["passed"]}
    browse = next(j for j in run["journeys"] if j["id"] == "browse")
    assert browse["file"] == str(suite / "shop" / "browse.yaml")


def test_one_id_in_two_folders_is_refused_naming_both(tmp_path: Path) -> None:
    for folder in ("eu", "us"):
        (tmp_path / folder).mkdir()
        journey_file(tmp_path / folder, "checkout.yaml", "name: Check out\nsteps:\n  - goto: /\n")
    result = uxaudit_cli("validate", "eu", "us", cwd=tmp_path)
    assert result.code == 2
    assert result.stderr.strip() == ("us/checkout.yaml: journey id 'checkout' is also used by eu/checkout.yaml. "
                                     "Rename one of the files")
