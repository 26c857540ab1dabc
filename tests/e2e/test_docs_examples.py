"""Docs as code: every journey example in docs/scenarios.md runs and completes on the clean demo shop."""

from __future__ import annotations

import re
from pathlib import Path

from tests.e2e.conftest import ROOT, run_pipeline
from uxaudit.demo.server import DemoShop

DOC = ROOT / "docs" / "scenarios.md"
BLOCK = re.compile(r"```yaml\n(.*?)```", re.DOTALL)


def journey_examples() -> list[str]:
    """The YAML blocks that are whole journeys (they have a name and a base URL)."""
    return [b for b in BLOCK.findall(DOC.read_text(encoding="utf-8")) if "\nbase_url:" in b and b.startswith("name:")]


def test_the_reference_has_an_example_per_verb() -> None:
    text = "\n".join(journey_examples())
    for verb in ("goto", "click", "fill", "select", "check", "uncheck", "press", "hover", "scroll", "wait",
                 "expect", "screenshot", "use", "type"):
        assert re.search(rf"^\s+- {verb}:", text, re.MULTILINE), verb


def test_every_example_runs_and_completes(tmp_path: Path, clean_shop: DemoShop) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (tmp_path / "scenarios").symlink_to(ROOT / "scenarios")  # examples `use:` ../scenarios/_open-portal.yaml
    examples = journey_examples()
    for number, text in enumerate(examples, start=1):
        (docs / f"example-{number:02}.yaml").write_text(text, encoding="utf-8")
    card = run_pipeline([docs], tmp_path / "out", base_url=clean_shop.url, workers=2)
    assert len(card["journeys"]) == len(examples) >= 15
    failed = [(j["name"], t["error"]) for j in card["journeys"] for t in j["tasks"] if not t["completed"]]
    assert failed == []
