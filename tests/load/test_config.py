"""uxaudit.yaml: run settings and audit thresholds, each mistake one line with its place."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.builders import journey, run, task, visit
from uxaudit import pipeline
from uxaudit.audits.thresholds import Curve, Thresholds
from uxaudit.errors import ScenarioErrors
from uxaudit.load.config import load_config
from uxaudit.run_folder import RunFolder


def config_file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "uxaudit.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_thresholds_override_the_defaults_and_keep_the_rest(tmp_path: Path) -> None:
    config = load_config(config_file(tmp_path, "thresholds:\n  redirects_warning: 3\n"
                                                "  load_time_desktop: {p10: 1000, median: 2000}\n"))
    assert config.thresholds.redirects_warning == 3
    assert config.thresholds.load_time_desktop == Curve(1000, 2000)
    assert config.thresholds.cls == Thresholds().cls


@pytest.mark.parametrize(("text", "expected"), [
    ("thresholds:\n  redirect_warning: 3\n", ":2: thresholds.redirect_warning: unknown key 'redirect_warning'. "
                                            "Did you mean 'redirects_warning'?"),
    ("thresholds:\n  cls: {p10: x, median: 0.2}\n", ":2: thresholds.cls.p10: expected a number, got 'x'"),
    ("thresholds:\n  cls: {p10: 0.1}\n", ":2: thresholds.cls.median: missing required key 'median'"),
])
def test_threshold_mistakes_name_their_line(tmp_path: Path, text: str, expected: str) -> None:
    with pytest.raises(ScenarioErrors) as caught:
        load_config(config_file(tmp_path, text))
    assert expected in caught.value.errors[0].one_line()


def test_thresholds_reach_the_audits(tmp_path: Path) -> None:
    artifacts = run(journey(task(pages=(visit("/p", load_ms=2000),))))
    default = pipeline.audit_and_report(artifacts, RunFolder(tmp_path / "a"), load_config(None))
    assert [f["audit"] for f in default.scorecard["findings"]] == []
    strict = load_config(config_file(tmp_path, "thresholds:\n  load_time_desktop: {p10: 500, median: 1000}\n"))
    tightened = pipeline.audit_and_report(artifacts, RunFolder(tmp_path / "b"), strict)
    assert [f["audit"] for f in tightened.scorecard["findings"]] == ["load-time"]


def test_scoring_weights_change_the_scores_and_show_in_the_scorecard(tmp_path: Path) -> None:
    slow = run(journey(task(pages=(visit("/p", load_ms=6000),))))
    default = pipeline.audit_and_report(slow, RunFolder(tmp_path / "a"), load_config(None)).scorecard
    speed_heavy = load_config(config_file(tmp_path, "scoring:\n  categories: {speed: 80}\n  audits: {load-time: 5}\n"))
    heavier = pipeline.audit_and_report(slow, RunFolder(tmp_path / "b"), speed_heavy).scorecard
    assert heavier["score"] < default["score"] < 100
    assert {c["id"]: c["weight"] for c in heavier["categories"]}["speed"] == 80
    speed_ignored = load_config(config_file(tmp_path, "scoring:\n  categories: {speed: 0}\n"))
    assert pipeline.audit_and_report(slow, RunFolder(tmp_path / "c"), speed_ignored).scorecard["score"] == 100


@pytest.mark.parametrize(("text", "expected"), [
    ("scoring:\n  categories: {sped: 30}\n", ":2: scoring.categories.sped: unknown key 'sped'. Did you mean 'speed'?"),
    ("scoring:\n  audits:\n    load_time: 3\n", ":3: scoring.audits.load_time: unknown key 'load_time'. "
                                                "Did you mean 'load-time'?"),
    ("scoring:\n  audits: {load-time: -1}\n", ":2: scoring.audits.load-time:"),
])
def test_scoring_mistakes_name_their_line(tmp_path: Path, text: str, expected: str) -> None:
    with pytest.raises(ScenarioErrors) as caught:
        load_config(config_file(tmp_path, text))
    assert expected in caught.value.errors[0].one_line()


def test_gate_rules_load_and_reach_the_gate(tmp_path: Path) -> None:
    config = load_config(config_file(tmp_path, "gate:\n  - {target: site, min_score: 100}\n"
                                                "  - {target: audit, id: broken-link, max_count: 0, level: warn}\n"))
    assert [r.target for r in config.gate_rules] == ["site", "audit"]
    slow = run(journey(task(pages=(visit("/p", load_ms=6000),))))
    card = pipeline.audit_and_report(slow, RunFolder(tmp_path / "a"), config).scorecard
    assert card["gate"]["passed"] is False
    assert [(c["id"], c["passed"], c["level"]) for c in card["gate"]["checks"][1:]] == [
        ("site-min-score", False, "error"), ("audit-max-count:broken-link", True, "warn")]


@pytest.mark.parametrize(("text", "expected"), [
    ("gate:\n  - {target: audit, id: broken-links, max_count: 0}\n",
     ":2: gate[0].id: unknown audit 'broken-links'. Did you mean 'broken-link'?"),
    ("gate:\n  - target: site\n    max_count: 3\n", ":2: gate[0]:"),
    ("gate:\n  - {target: page, min_score: 3}\n", ":2: gate[0].target:"),
    ("gate:\n  - {target: site, min_score: 3}\n  - {target: site, min_score: 3, aggregate: mean}\n",
     ":3: gate[1].aggregate:"),
    ("gate:\n  - {target: slower-tasks, id: shop/find, max_count: 0}\n", ":2: gate[0]:"),
    ("gate:\n  - {target: slower-tasks, max_count: 0, aggregate: median}\n", "it takes no `aggregate`"),
])
def test_gate_rule_mistakes_name_their_line(tmp_path: Path, text: str, expected: str) -> None:
    with pytest.raises(ScenarioErrors) as caught:
        load_config(config_file(tmp_path, text))
    assert expected in caught.value.errors[0].one_line(), caught.value.errors[0].one_line()


@pytest.mark.parametrize(("text", "trace", "video"), [
    ("trace: off\nvideo: on\n", "off", "on"),  # YAML reads bare on/off as booleans: the words are meant
    ("trace: 'on'\nvideo: retain-on-failure\n", "on", "retain-on-failure"),
    ("slow_mo: 250\n", "retain-on-failure", "off"),  # the defaults
])
def test_recording_settings_read_as_written(tmp_path: Path, text: str, trace: str, video: str) -> None:
    config = load_config(config_file(tmp_path, text))
    assert (config.trace, config.video) == (trace, video)


def test_an_unknown_recording_mode_names_its_line(tmp_path: Path) -> None:
    with pytest.raises(ScenarioErrors) as caught:
        load_config(config_file(tmp_path, "workers: 1\ntrace: sometimes\n"))
    assert caught.value.errors[0].one_line().endswith(
        "uxaudit.yaml:2: trace: Input should be 'on', 'off' or 'retain-on-failure' (got 'sometimes')")
