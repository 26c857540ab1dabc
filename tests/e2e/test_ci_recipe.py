"""docs/ci/github-actions.yml, run for real: its `run:` steps (all but the install) in order, against
the demo shop. The job passes on the clean shop and fails, at the journeys step, on the defective one."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import xmlschema
import yaml

from tests.e2e.conftest import ROOT
from uxaudit.demo.server import DemoShop

WORKFLOW = ROOT / "docs" / "ci" / "github-actions.yml"


def steps() -> list[dict[str, Any]]:
    job = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))["jobs"]["ux-audit"]
    return list(job["steps"])


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def checkout(tmp_path: Path) -> Path:
    """What the job's checkout step gives it: the repository's journeys, in a folder of the test's own
    (the steps write site.log and reports/ there, never into this working copy)."""
    folder = tmp_path / "checkout"
    shutil.copytree(ROOT / "scenarios", folder / "scenarios")
    return folder


def run_step(step: dict[str, Any], env: dict[str, str], cwd: Path) -> int:
    """One `run:` step as Actions runs it (bash -e), from the checkout; processes it leaves in the
    background (the site) are stopped when the test ends."""
    process = subprocess.Popen(["bash", "-e", "-c", step["run"]], cwd=cwd, env=env, start_new_session=True)
    STARTED.append(process.pid)
    return process.wait(timeout=600)


STARTED: list[int] = []


@pytest.fixture(autouse=True)
def _stop_what_the_steps_started() -> Any:
    yield
    for pid in STARTED:
        try:
            os.killpg(pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
    STARTED.clear()


def job_env(tmp_path: Path, site_url: str, port: int) -> dict[str, str]:
    venv_bin = str(Path(sys.executable).parent)
    return {**os.environ, "PATH": f"{venv_bin}:{os.environ['PATH']}", "SITE_PORT": str(port), "SITE_URL": site_url,
            "GITHUB_STEP_SUMMARY": str(tmp_path / "step-summary.md"), "RUNNER_TEMP": str(tmp_path)}


def test_the_workflow_is_what_the_docs_describe() -> None:
    by_id = {s.get("id"): s for s in steps()}
    assert {"install", "site", "ux"} <= set(by_id)
    assert "uxaudit run" in by_id["ux"]["run"] and "--out reports/ux" in by_id["ux"]["run"]
    uploads = [s for s in steps() if str(s.get("uses", "")).startswith("actions/upload-artifact")]
    assert uploads and uploads[0]["if"] == "always()" and uploads[0]["with"]["path"] == "reports/ux"


def test_the_job_passes_on_a_good_site(tmp_path: Path) -> None:
    port = free_port()
    env = job_env(tmp_path, f"http://127.0.0.1:{port}", port)
    repository = checkout(tmp_path)
    out = repository / "reports" / "ux"
    for step in steps():
        if "run" in step and step.get("id") != "install":
            assert run_step(step, env, repository) == 0, step["name"]
    assert "✅ gate passed" in (tmp_path / "step-summary.md").read_text(encoding="utf-8")
    xmlschema.XMLSchema(ROOT / "docs" / "junit.xsd").validate(str(out / "junit.xml"))
    assert (out / "report.html").is_file()


def test_the_job_fails_at_the_journeys_on_a_defective_site(tmp_path: Path, defective_shop: DemoShop) -> None:
    env = job_env(tmp_path, defective_shop.url, 0)
    journeys = next(s for s in steps() if s.get("id") == "ux")
    repository = checkout(tmp_path)
    assert run_step(journeys, env, repository) == 1  # the gate failed: the job stops here, the upload still runs
    assert (repository / "reports" / "ux" / "report.html").is_file()
    summary = (tmp_path / "step-summary.md").read_text(encoding="utf-8")
    assert "❌ gate failed" in summary and "### Failed tasks" in summary
