"""artifacts.json, the contract between GATHER and AUDIT: it round-trips, and older versions still read."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from tests.builders import run
from uxaudit.artifacts import AXE_CORE, LIGHTHOUSE, AuditNote, to_dict
from uxaudit.audits import applicable_audits
from uxaudit.run_folder import ARTIFACTS_FILE, read_artifacts


def test_a_run_round_trips_through_artifacts_json(tmp_path: Path) -> None:
    gathered = replace(run(), notes=(AuditNote(AXE_CORE, "axe-core is not installed"),))
    (tmp_path / ARTIFACTS_FILE).write_text(json.dumps(to_dict(gathered)))
    assert read_artifacts(tmp_path) == gathered


def test_a_version_2_run_whose_notes_name_audits_reads_as_notes_about_their_tools(tmp_path: Path) -> None:
    data = to_dict(run())
    data.update(artifacts_version="2", notes=[{"audit": "accessibility", "text": "axe-core is not installed"},
                                              {"audit": "lighthouse", "text": "Lighthouse is not installed"}])
    (tmp_path / ARTIFACTS_FILE).write_text(json.dumps(data))
    old = read_artifacts(tmp_path)
    assert [(n.tool, n.text) for n in old.notes] == [(AXE_CORE, "axe-core is not installed"),
                                                     (LIGHTHOUSE, "Lighthouse is not installed")]
    assert {"accessibility", "lighthouse"}.isdisjoint(a.id for a in applicable_audits(old))
