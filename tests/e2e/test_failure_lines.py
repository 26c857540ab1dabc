"""A real failing journey on a local page, run as a user runs uxaudit: the terminal names the journey
file and line, the screenshot, the trace with the command that opens it, and the command that reruns
the journey; junit.xml attaches the same files; every file named exists where it says."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from tests.e2e.conftest import journey_file, serve_pages, uxaudit_cli

PAGE = ('<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Cart</title></head>'
        '<body><main><h1>Your cart</h1><button>Continue shopping</button></main></body></html>')
# The click on line 6 finds no "Pay now" button: the task fails there.
CHECKOUT = """
    name: Check out
    tasks:
      - name: Pay
        steps:
          - goto: /cart
          - click: Pay now
        success:
          - visible: Thank you
"""


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    with serve_pages({"/": PAGE, "/cart": PAGE}) as address:
        yield address


def test_a_failed_task_says_where_what_to_open_and_how_to_rerun(tmp_path: Path, site: str) -> None:
    (tmp_path / "scenarios").mkdir()
    journey_file(tmp_path / "scenarios", "checkout.yaml", CHECKOUT)
    result = uxaudit_cli("run", "scenarios", "--base-url", site, "--out", "reports/run", "--timeout", "1500",
                         "--no-link-check", "--no-lighthouse", cwd=tmp_path)
    assert result.code == 1, result.stderr
    block = result.stdout[result.stdout.index("\nFailed"):]
    assert "✗ Check out › Pay  scenarios/checkout.yaml:6" in block
    screenshot = re.search(r"screenshot (\S+)", block)
    trace = re.search(r"trace +(\S+) show-trace --port 0 (\S+)", block)
    assert screenshot and trace, block
    assert screenshot.group(1).startswith("reports/run/") and (tmp_path / screenshot.group(1)).is_file()
    assert trace.group(2).startswith("reports/run/") and trace.group(2).endswith("trace.zip")
    assert (tmp_path / trace.group(2)).is_file() and Path(trace.group(1)).name == "playwright"
    # uxaudit as this machine runs it: bare when on the PATH, else the one beside Python (.venv/bin/uxaudit)
    rerun = re.search(rf"rerun +(\S+) run scenarios --journey checkout --base-url {re.escape(site)}", block)
    again = re.search(rf"Rerun what failed: (\S+) run scenarios --last-failed --base-url {re.escape(site)}", block)
    assert rerun and again and Path(rerun.group(1)).name == Path(again.group(1)).name == "uxaudit", block
    assert "https://trace.playwright.dev" in block

    case = next(c for c in ET.parse(tmp_path / "reports/run/junit.xml").iter("testcase") if c.get("name") == "Pay")
    attached = re.findall(r"^\[\[ATTACHMENT\|(.+)\]\]$", case.findtext("system-out") or "", re.MULTILINE)
    assert attached[:2] == [screenshot.group(1), trace.group(2)]
    assert all((tmp_path / path).is_file() for path in attached)
    failure = case.findtext("failure") or ""
    assert "at scenarios/checkout.yaml:6" in failure and f"show-trace --port 0 {trace.group(2)}" in failure
