"""junit.xml: valid against docs/junit.xsd, a suite per journey and one for the gate, failures explained."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

import pytest
import xmlschema

from uxaudit.report import junit

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = xmlschema.XMLSchema(ROOT / "docs" / "junit.xsd")
SAMPLE = Path(__file__).parents[1] / "fixtures" / "scorecard_sample.json"


@pytest.fixture
def sample() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(SAMPLE.read_text(encoding="utf-8"))
    return copy.deepcopy(data)


def parsed(scorecard: dict[str, Any]) -> ET.Element:
    text = junit.render(scorecard)
    SCHEMA.validate(text)  # raises with the reason when the document does not fit the schema
    return ET.fromstring(text)


def test_a_suite_per_journey_a_case_per_task_and_the_counts(sample: dict[str, Any]) -> None:
    root = parsed(sample)
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == ["Buy trail running shoes", "Get started", "Release gate"]
    shoes = suites[0]
    assert [c.get("name") for c in shoes.findall("testcase")] == ["Find the product", "Check out"]
    assert (shoes.get("tests"), shoes.get("failures"), shoes.get("skipped")) == ("2", "1", "0")
    assert (root.get("tests"), root.get("failures"), root.get("skipped")) == ("4", "2", "1")


def test_a_failed_task_carries_its_failing_step_and_reason(sample: dict[str, Any]) -> None:
    checkout = parsed(sample).find("testsuite/testcase[@name='Check out']")
    assert checkout is not None
    failure = checkout.find("failure")
    assert failure is not None and failure.get("message", "").startswith("Step ")
    assert (failure.text or "").startswith("Step 3 (click role=button name=Checkout): no element matches")
    assert "Screenshot: screenshots/" in (failure.text or "") and checkout.get("classname") == "buy-shoes"


def test_skipped_tasks_and_gate_checks(sample: dict[str, Any]) -> None:
    root = parsed(sample)
    assert root.find("testsuite/testcase/skipped") is not None
    gate = root.find("testsuite[@id='gate']/testcase")
    assert gate is not None and gate.get("name") == "Every task completes"
    failure = gate.find("failure")
    assert failure is not None and failure.get("message") == "measured 1 of 3, needed 3 of 3 (site)"


def test_a_failed_warning_level_check_does_not_fail(sample: dict[str, Any]) -> None:
    sample["gate"]["checks"].append({"id": "lcp", "level": "warn", "description": "LCP under 2.5 s", "where": "site",
                                     "passed": False, "value": "3.1 s", "threshold": "2.5 s"})
    case = parsed(sample).find("testsuite[@id='gate']/testcase[@name='LCP under 2.5 s']")
    assert case is not None and case.find("failure") is None
    assert (case.findtext("system-out") or "").startswith("warning: measured 3.1 s")


def test_hostile_page_text_stays_text_and_control_characters_are_replaced(sample: dict[str, Any]) -> None:
    sample["journeys"][0]["tasks"][1]["error"] = 'Expected "<b>&</b>" \x00\x1b]8;;evil\x07'
    sample["journeys"][0]["name"] = "]]><script>alert(1)</script>"
    root = parsed(sample)
    assert root.find("testsuite").get("name") == "]]><script>alert(1)</script>"  # type: ignore[union-attr]
    failure = root.find("testsuite/testcase/failure")
    assert failure is not None and "\x00" not in failure.get("message", "") and "<b>&</b>" in failure.get("message", "")


def test_write_puts_junit_xml_in_the_run_folder(sample: dict[str, Any], tmp_path: Path) -> None:
    path = junit.write(sample, tmp_path)
    assert path == tmp_path / "junit.xml" and SCHEMA.is_valid(path.read_text(encoding="utf-8"))
