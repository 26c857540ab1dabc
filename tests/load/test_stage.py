"""LOAD as one call: journeys filtered by tag and resolved once (base URL, every timeout)."""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Any

import pytest

from uxaudit.errors import UsageError
from uxaudit.gather.verbs import VERBS
from uxaudit.load.config import RunConfig
from uxaudit.load.scenario import Journey
from uxaudit.load.stage import load_run

TIMED = """
    name: Timed
    base_url: http://own.test/shop/
    tags: [checkout]
    timeout: 3000
    tasks:
      - name: Own timeout
        timeout: 2000
        steps:
          - goto: /
            timeout: 1000
          - goto: /cart
      - name: Journey timeout
        steps:
          - goto: /
"""
UNTIMED = """
    name: Untimed
    steps:
      - goto: /
"""


def journeys_in(tmp_path: Path, **config: Any) -> list[Journey]:
    (tmp_path / "timed.yaml").write_text(textwrap.dedent(TIMED))
    return load_run([tmp_path / "timed.yaml"], RunConfig(**config), VERBS)


def test_a_step_waits_its_own_timeout_else_its_tasks_else_its_journeys(tmp_path: Path) -> None:
    (journey,) = journeys_in(tmp_path, timeout_ms=9000)
    own, journeys = journey.tasks
    assert [s.timeout_ms for s in own.steps] == [1000, 2000]
    assert (own.timeout_ms, journeys.timeout_ms, journeys.steps[0].timeout_ms) == (2000, 3000, 3000)
    assert journey.timeout_ms == 3000


def test_a_journey_without_timeouts_takes_the_runs(tmp_path: Path) -> None:
    (tmp_path / "untimed.yaml").write_text(textwrap.dedent(UNTIMED))
    (journey,) = load_run([tmp_path / "untimed.yaml"], RunConfig(base_url="http://x.test", timeout_ms=7000), VERBS)
    assert (journey.timeout_ms, journey.tasks[0].timeout_ms, journey.tasks[0].steps[0].timeout_ms) == (7000,) * 3


def test_the_runs_base_url_beats_the_journeys_own_and_is_kept_as_given(tmp_path: Path) -> None:
    assert journeys_in(tmp_path)[0].base_url == "http://own.test/shop"
    (overridden,) = journeys_in(tmp_path, base_url="http://staging.test/")
    assert overridden.base_url == "http://staging.test/"


def test_a_base_url_without_a_scheme_is_refused_before_anything_runs(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="base URL 'staging.test' must start with http:// or https://"):
        journeys_in(tmp_path, base_url="staging.test")


def test_a_journey_with_no_base_url_is_refused_for_a_run_but_not_for_validate(tmp_path: Path) -> None:
    path = tmp_path / "untimed.yaml"
    path.write_text(textwrap.dedent(UNTIMED))
    with pytest.raises(UsageError, match="untimed.yaml: no base URL: add `base_url:` to the journey"):
        load_run([path], RunConfig(), VERBS)
    (journey,) = load_run([path], RunConfig(), VERBS, require_base_url=False)
    assert journey.base_url is None


def test_tags_choose_journeys_and_an_unknown_tag_names_the_tags_in_use(tmp_path: Path) -> None:
    (tmp_path / "untimed.yaml").write_text(textwrap.dedent(UNTIMED))
    (tmp_path / "timed.yaml").write_text(textwrap.dedent(TIMED))
    chosen = load_run([tmp_path], RunConfig(base_url="http://x.test", tags=("checkout",)), VERBS)
    assert [j.id for j in chosen] == ["timed"]
    with pytest.raises(UsageError, match="no journey has the tag.s. smoke; the tags in use are: checkout"):
        load_run([tmp_path], RunConfig(base_url="http://x.test", tags=("smoke",)), VERBS)


def test_a_folder_without_journeys_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="no journey files"):
        load_run([tmp_path], RunConfig(), VERBS)
