"""The command line as a user runs it: one test per exit code, one line per mistake, no traceback."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from xml.etree import ElementTree

import jsonschema
import pytest
import xmlschema
import yaml

from tests.e2e.conftest import ROOT, SCENARIOS, journey_file, serious_accessibility_problems, uxaudit_cli
from uxaudit.demo.server import DemoShop


def assert_no_traceback(*outputs: str) -> None:
    for output in outputs:
        assert "Traceback" not in output


def test_exit_0_when_every_task_completes(tmp_path: Path, clean_shop: DemoShop) -> None:
    journey = journey_file(tmp_path, "ok.yaml", "name: Ok\nsteps:\n  - goto: /\nsuccess:\n  - title: Trailhead\n")
    result = uxaudit_cli("run", str(journey), "--base-url", clean_shop.url, "--out", str(tmp_path / "out"))
    assert result.code == 0, result.stderr
    assert "Gate: passed" in result.stdout and "Report:" in result.stdout
    for name in ("report.html", "scorecard.json", "artifacts.json", "junit.xml", "summary.md"):
        assert (tmp_path / "out" / name).is_file()


def test_exit_1_when_a_task_fails_and_report_rerenders_without_a_browser(tmp_path: Path,
                                                                          defective_shop: DemoShop) -> None:
    journey = journey_file(tmp_path, "start.yaml", """
        name: Get started
        steps:
          - goto: /
          - click: Get started
        success:
          - visible: Create your account
    """)
    out = tmp_path / "out"
    step_summary = tmp_path / "github-step-summary.md"
    result = uxaudit_cli("run", str(journey), "--base-url", defective_shop.url, "--out", str(out),
                         env={"GITHUB_STEP_SUMMARY": str(step_summary)})
    assert result.code == 1
    assert "Gate: failed — Every task completes: 0 of 1" in result.stdout
    junit_xml = (out / "junit.xml").read_text()
    xmlschema.XMLSchema(ROOT / "docs" / "junit.xsd").validate(junit_xml)
    assert 'failures="2"' in junit_xml.splitlines()[1]  # the task, and the gate check
    assert "❌ gate failed" in step_summary.read_text() and "**Get started › Get started**" in step_summary.read_text()
    before = json.loads((out / "scorecard.json").read_text())
    (out / "report.html").unlink()
    again = uxaudit_cli("report", str(out))
    assert again.code == 1 and (out / "report.html").is_file()
    assert json.loads((out / "scorecard.json").read_text())["score"] == before["score"]
    assert_no_traceback(result.stderr, again.stderr)


def test_exit_2_for_invalid_input_lists_every_problem_and_launches_nothing(tmp_path: Path) -> None:
    journey_file(tmp_path, "a.yaml", "name: A\nbase_url: http://127.0.0.1:9\nsteps:\n  - clik: Buy\n")
    journey_file(tmp_path, "b.yaml", "name: B\nsteps: [\n")
    out = tmp_path / "out"
    result = uxaudit_cli("run", str(tmp_path), "--out", str(out))
    assert result.code == 2
    lines = result.stderr.strip().splitlines()
    assert lines[0].startswith(f"{tmp_path / 'a.yaml'}:4: steps[0].clik: unknown action 'clik'. Did you mean 'click'?")
    assert lines[1].startswith(f"{tmp_path / 'b.yaml'}:3: YAML syntax error")
    assert len(lines) == 2 and not out.exists()
    assert_no_traceback(result.stderr, result.stdout)


def test_exit_2_for_a_usage_mistake() -> None:
    result = uxaudit_cli("run", "scenarios", "--workers", "0")
    assert result.code == 2 and len(result.stderr.strip().splitlines()) == 1
    assert "--workers" in result.stderr and "must be 1 or more" in result.stderr


def test_exit_3_when_no_chromium_can_be_found(tmp_path: Path, clean_shop: DemoShop) -> None:
    journey = journey_file(tmp_path, "ok.yaml", "name: Ok\nsteps:\n  - goto: /\n")
    result = uxaudit_cli("run", str(journey), "--base-url", clean_shop.url, "--out", str(tmp_path / "out"),
                         env={"UXAUDIT_CHROMIUM": "/nonexistent/chromium"})
    assert result.code == 3
    assert "not an executable file" in result.stderr and "apt-get install chromium" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_exit_3_when_the_site_is_down(tmp_path: Path) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    journey = journey_file(tmp_path, "ok.yaml", "name: Ok\nsteps:\n  - goto: /\n")
    result = uxaudit_cli("run", str(journey), "--base-url", f"http://127.0.0.1:{port}")
    assert result.code == 3
    assert result.stderr.strip() == (f"uxaudit: cannot reach http://127.0.0.1:{port} (connection refused). "
                                     "Is the site running? Check the address, or pass --base-url")


def test_default_output_folder_and_latest_link(tmp_path: Path, clean_shop: DemoShop) -> None:
    journey = journey_file(tmp_path, "ok.yaml", "name: Ok\nsteps:\n  - goto: /lab/blank\n")
    result = uxaudit_cli("run", str(journey), "--base-url", clean_shop.url, cwd=tmp_path)
    assert result.code == 0
    latest = tmp_path / "reports" / "latest"
    assert latest.is_symlink() and (latest / "report.html").is_file()


def test_ctrl_c_keeps_finished_journeys_in_a_partial_report(tmp_path: Path, clean_shop: DemoShop) -> None:
    journey_file(tmp_path, "a-fast.yaml", "name: Fast\nsteps:\n  - goto: /lab/blank\n")
    journey_file(tmp_path, "b-slow.yaml", "name: Slow\nsteps:\n  - goto: /lab/blank\n  - wait: 60000\n"
                 "    timeout: 90000\n")
    out = tmp_path / "out"
    proc = subprocess.Popen([sys.executable, "-m", "uxaudit", "run", str(tmp_path), "--base-url", clean_shop.url,
                             "--out", str(out), "--workers", "1"], cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while not (out / "journeys" / "a-fast.json").exists() and time.monotonic() < deadline:
        time.sleep(0.2)
    time.sleep(1.5)  # the slow journey is now waiting
    proc.send_signal(signal.SIGINT)
    stdout, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 130, stderr
    card = json.loads((out / "scorecard.json").read_text())
    assert card["run"]["interrupted"] is True and [j["id"] for j in card["journeys"]] == ["a-fast"]
    assert card["run"]["missing"] == ["the journey “Slow” did not finish"]
    assert "Interrupted: the journey “Slow” did not finish." in stderr
    assert card["gate"]["passed"] is False and card["gate"]["checks"][0]["id"] == "run-complete"
    assert json.loads((out / "artifacts.json").read_text())["interrupted"] is True
    assert (out / "report.html").is_file() and "partial" in stdout and "Gate: not decided" in stdout
    assert_no_traceback(stderr)


def test_validate_the_bundled_scenarios() -> None:
    result = uxaudit_cli("validate", str(SCENARIOS))
    assert result.code == 0 and "valid" in result.stdout


def test_schema_accepts_every_bundled_scenario() -> None:
    result = uxaudit_cli("schema")
    schema = json.loads(result.stdout)
    files = [p for p in SCENARIOS.glob("*.yaml") if not p.name.startswith("_")]
    assert files
    for path in files:
        jsonschema.validate(yaml.safe_load(path.read_text()), schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"name": "x", "steps": [{"clik": "Buy"}]}, schema)


def test_doctor_reports_what_it_found() -> None:
    result = uxaudit_cli("doctor")
    assert result.code == 0 and "Chromium:" in result.stdout and "Playwright:" in result.stdout


def test_python_dash_m_and_version() -> None:
    result = uxaudit_cli("--version")
    assert result.code == 0 and result.stdout.startswith("uxaudit ")


def test_serve_demo_serves_until_interrupted() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "uxaudit", "serve-demo", "--port", str(port), "--clean"],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ})
    try:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                time.sleep(0.1)
        import urllib.request

        with urllib.request.urlopen(f"http://127.0.0.1:{port}/terms") as answer:
            assert answer.status == 200
    finally:
        proc.send_signal(signal.SIGINT)
        proc.communicate(timeout=20)
    assert proc.returncode == 0


def test_secrets_stay_out_of_the_terminal_files_and_echoed_pages(tmp_path: Path, clean_shop: DemoShop) -> None:
    journey_file(tmp_path, "secret.yaml", """
        name: Secrets
        variables:
          SHOP_PASSWORD: s3cret-Value-42
          API_TOKEN: open sesame/42
        steps:
          - goto: /lab/form?token=${API_TOKEN}
          - fill: {target: Email, value: "${SHOP_PASSWORD}"}
          - click: OK
          - expect: {text: "nothing like ${SHOP_PASSWORD}"}
            timeout: 1000
    """)
    out = tmp_path / "out"
    result = uxaudit_cli("run", str(tmp_path / "secret.yaml"), "--base-url", clean_shop.url, "--out", str(out))
    assert result.code == 1 and "••••••" in result.stdout
    forms = ("s3cret-Value-42", "open sesame/42", "open%20sesame/42", "open+sesame%2F42", "open%20sesame%2F42")
    files = [p.read_text() for p in out.rglob("*") if p.suffix in (".json", ".html")]
    for text in (result.stdout, result.stderr, *files):
        assert not any(form in text for form in forms)


def test_report_on_something_that_is_not_a_run_is_one_line_and_exit_2(tmp_path: Path) -> None:
    empty = uxaudit_cli("report", str(tmp_path))
    assert empty.code == 2 and empty.stderr.count("\n") == 1 and "no such file" in empty.stderr
    (tmp_path / "artifacts.json").write_text("{not json")
    corrupt = uxaudit_cli("report", str(tmp_path))
    assert corrupt.code == 2 and "not a uxaudit artifacts.json" in corrupt.stderr
    assert_no_traceback(empty.stderr, corrupt.stderr)


def test_exit_3_when_chromium_will_not_start_and_no_empty_run_folder_is_left(tmp_path: Path,
                                                                            clean_shop: DemoShop) -> None:
    journey = journey_file(tmp_path, "ok.yaml", "name: Ok\nsteps:\n  - goto: /\n")
    result = uxaudit_cli("run", str(journey), "--base-url", clean_shop.url, cwd=tmp_path,
                         env={"UXAUDIT_CHROMIUM": "/bin/false"})
    assert result.code == 3 and "exited as soon as it started" in result.stderr
    assert list((tmp_path / "reports").glob("2*")) == []


def test_validate_reads_uxaudit_yaml(tmp_path: Path) -> None:
    (tmp_path / "uxaudit.yaml").write_text("variables: {QUERY: socks}\n")
    journey_file(tmp_path, "q.yaml", "name: Q\nbase_url: http://x.test\nsteps:\n  - goto: /search?q=${QUERY}\n")
    result = uxaudit_cli("validate", "q.yaml", cwd=tmp_path)
    assert result.code == 0, result.stderr


def test_a_mistyped_base_url_is_invalid_input(tmp_path: Path) -> None:
    journey = journey_file(tmp_path, "ok.yaml", "name: Ok\nsteps:\n  - goto: /\n")
    result = uxaudit_cli("run", str(journey), "--base-url", "htp://127.0.0.1:8124")
    assert result.code == 2 and "must start with http:// or https://" in result.stderr


def test_runs_repeat_each_journey_and_mark_a_flaky_task(tmp_path: Path, clean_shop: DemoShop) -> None:
    journey = journey_file(tmp_path, "flaky.yaml", """
        name: Flaky
        steps:
          - goto: /lab/flaky/cli-runs-test
        success:
          - visible: It worked this time
    """)
    out = tmp_path / "out"
    result = uxaudit_cli("run", str(journey), "--base-url", clean_shop.url, "--out", str(out), "--runs", "2")
    assert result.code == 1, result.stderr  # a task that does not complete in every run fails the gate
    card = json.loads((out / "scorecard.json").read_text())
    runs = card["journeys"][0]["tasks"][0]["runs"]
    assert (runs["count"], runs["passed"], runs["flaky"]) == (2, 1, True)
    assert card["summary"]["tasks_flaky"] == 1 and "1/2 flaky" in result.stdout
    assert sorted(p.name for p in (out / "journeys").glob("*.json")) == ["flaky.json", "flaky.run2.json"]
    failed_in = [f"flaky{'' if run == 1 else '.run2'}" for run in (1, 2)
                 if json.loads((out / "journeys" / f"flaky{'' if run == 1 else '.run2'}.json").read_text())[
                     "tasks"][0]["status"] == "failed"]
    assert [p.parent.name for p in (out / "journeys").glob("*/trace.zip")] == failed_in  # the failed run's trace
    assert sorted(p.name for p in (out / "screenshots").iterdir()) == ["flaky", "flaky.run2"]  # nothing overwritten
    assert "Every task completes in every run (2 runs): 0 of 1" in result.stdout


def test_a_baseline_run_fails_only_on_what_is_new(tmp_path: Path, clean_shop: DemoShop) -> None:
    journey = journey_file(tmp_path, "page.yaml", "name: Page\nsteps:\n  - goto: ${PAGE}\n")
    first = uxaudit_cli("run", str(journey), "--base-url", clean_shop.url, "--out", str(tmp_path / "one"),
                        "--var", "PAGE=/lab/status/200")
    assert first.code == 0, first.stderr
    base = json.loads((tmp_path / "one" / "scorecard.json").read_text())["run"]["id"]
    second = uxaudit_cli("run", str(journey), "--base-url", clean_shop.url, "--out", str(tmp_path / "two"),
                         "--var", "PAGE=/lab/status/404", "--baseline", base, "--only-new")
    assert second.code == 1 and "No new errors or warnings since run" in second.stdout
    card = json.loads((tmp_path / "two" / "scorecard.json").read_text())
    assert card["baseline"]["run"] == base and [f["change"] for f in card["findings"]
                                                 if f["audit"] == "http-error"] == ["new"]
    assert f"Since run `{base}`" in (tmp_path / "two" / "summary.md").read_text()
    history = uxaudit_cli("history")
    assert history.code == 0 and base in history.stdout
    compared = uxaudit_cli("compare", base, "latest", "--out", str(tmp_path / "compare.html"))
    assert compared.code == 0 and "New findings (1)" in compared.stdout
    report = tmp_path / "two" / "report.html"
    assert "What changed since the run of" in report.read_text() and "New since the baseline" in report.read_text()
    assert serious_accessibility_problems(report) == []
    assert serious_accessibility_problems(tmp_path / "compare.html") == []
    missing = uxaudit_cli("run", str(journey), "--base-url", clean_shop.url, "--baseline", "no-such-run")
    assert missing.code == 2 and "no run 'no-such-run'" in missing.stderr
    assert_no_traceback(first.stderr, second.stderr, history.stderr, compared.stderr, missing.stderr)


@pytest.mark.parametrize(("aggregate", "code", "value"), [("median", 0, "0 (median of 3 runs: 0, 1, 0)"),
                                                          ("pessimistic", 1, "1 (pessimistic of 3 runs: 0, 1, 0)")])
def test_a_gate_rule_over_runs_decides_the_exit_code_by_its_aggregate(tmp_path: Path, clean_shop: DemoShop,
                                                                      aggregate: str, code: int, value: str) -> None:
    """A page that answers 503 on every other visit: one run in three has an HTTP error."""
    journey = journey_file(tmp_path, "flaky-page.yaml", "name: Flaky page\nsteps:\n  - goto: /lab/flaky/${KEY}\n")
    config = tmp_path / "uxaudit.yaml"
    config.write_text(f"gate:\n  - {{target: audit, id: http-error, max_count: 0, aggregate: {aggregate}}}\n")
    out = tmp_path / "out"
    result = uxaudit_cli("run", str(journey), "--base-url", clean_shop.url, "--out", str(out), "--runs", "3",
                         "--config", str(config), "--var", f"KEY=gate-{aggregate}")
    assert result.code == code, result.stdout + result.stderr
    card = json.loads((out / "scorecard.json").read_text())
    checks = {c["id"]: c for c in card["gate"]["checks"]}
    assert checks["tasks-complete"]["passed"]  # the task completes every time: only the rule decides
    assert checks["audit-max-count:http-error"]["value"] == value
    gate = ElementTree.parse(out / "junit.xml").getroot().find("testsuite[@id='gate']")
    [case] = [c for c in gate.iter("testcase") if c.get("name") == "Audit http-error finds at most 0 problem(s) "
              "(warnings and errors)"]
    assert (case.find("failure") is not None) is (code == 1)
    assert_no_traceback(result.stderr)


def test_validate_accepts_a_journey_without_a_base_url_and_says_run_will_need_one(tmp_path: Path) -> None:
    path = journey_file(tmp_path, "nobase.yaml", """
        name: No base
        steps:
          - goto: /
    """)
    result = uxaudit_cli("validate", str(path))
    assert result.code == 0, result.stderr
    assert "1 journey without a base URL" in result.stdout and "will need --base-url URL" in result.stdout
