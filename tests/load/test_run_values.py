"""Test data: `${RUN_ID}` and `${REPEAT}`, `setup:`/`teardown:` steps, and journeys in sub-folders."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from uxaudit.errors import ScenarioErrors, UsageError
from uxaudit.gather.verbs import VERBS
from uxaudit.load.config import RunConfig
from uxaudit.load.loader import discover, load_journey, load_journeys
from uxaudit.load.run_values import with_repeat
from uxaudit.load.stage import load_run


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    return path


def errors_of(paths: list[Path], cli: dict[str, str] | None = None) -> list[str]:
    with pytest.raises(ScenarioErrors) as caught:
        load_journeys(paths, cli or {}, {}, VERBS)
    return [e.one_line() for e in caught.value.errors]


CREATE = """
    name: Create a user
    base_url: http://x.test
    variables:
      USER: user-${RUN_ID}-${REPEAT}
    setup:
      - goto: /users/new
      - fill: {target: Name, value: "${USER}"}
      - use: _save.yaml
    tasks:
      - name: Find the user
        steps:
          - goto: /users?q=${USER}
          - click: Literal $${REPEAT}
        success:
          - visible: "${USER}"
    teardown:
      - click: {role: button, name: "Delete ${USER}"}
"""


def test_run_id_is_filled_at_load_and_repeat_per_repeat(tmp_path: Path) -> None:
    write(tmp_path, "_save.yaml", "steps:\n  - click: Save ${REPEAT}\n")
    first, second = (write(tmp_path, name, CREATE) for name in ("a.yaml", "b.yaml"))
    a, b = load_journeys([first, second], {}, {}, VERBS)
    token = a.setup[1].text.split("-")[1]  # type: ignore[union-attr]
    assert len(token) == 8 and b.setup[1].text == a.setup[1].text  # one value for the whole run
    assert load_journey(first, {}, {}, VERBS).setup[1].text != a.setup[1].text  # a new one next run
    again = with_repeat(a, 2)
    assert again.setup[1].text == f"user-{token}-2"
    assert again.setup[2].name == "save › Click “Save 2”"
    assert again.tasks[0].steps[0].text == f"/users?q=user-{token}-2"
    assert again.tasks[0].steps[1].target.value == "Literal ${REPEAT}"  # type: ignore[union-attr]
    assert again.tasks[0].success[0].target.value == f"user-{token}-2"  # type: ignore[union-attr]
    assert again.teardown[0].target.name == f"Delete user-{token}-2"  # type: ignore[union-attr]
    assert with_repeat(a, 1).setup[1].text == f"user-{token}-1"


def test_setup_and_teardown_steps_have_their_lines_and_resolved_timeouts(tmp_path: Path) -> None:
    write(tmp_path, "_save.yaml", "steps:\n  - click: Save\n    timeout: 500\n")
    path = write(tmp_path, "a.yaml", """
        name: A
        base_url: http://x.test
        timeout: 3000
        setup:
          - goto: /users/new
          - use: _save.yaml
        steps:
          - goto: /
        teardown:
          - click: Delete
            timeout: 200
    """)
    (journey,) = load_run([path], RunConfig(timeout_ms=7000), VERBS)
    assert [s.location for s in journey.setup] == [f"{path}:5", f"{tmp_path / '_save.yaml'}:2"]
    assert [s.timeout_ms for s in (*journey.setup, *journey.teardown)] == [3000, 500, 200]


def test_the_reserved_names_cannot_be_set(tmp_path: Path) -> None:
    path = write(tmp_path, "a.yaml", "name: A\nvariables: {REPEAT: 3}\nsteps:\n  - goto: /\n")
    assert errors_of([path]) == [f"{path}:2: variables.REPEAT: the variable REPEAT is set by uxaudit. uxaudit sets "
                                 "${RUN_ID} (new every run) and ${REPEAT} (1 to N with --runs N) itself; choose "
                                 "another name"]
    write(tmp_path, "_sub.yaml", "variables: {RUN_ID: x}\nsteps:\n  - goto: /\n")
    used = write(tmp_path, "b.yaml", "name: B\nsteps:\n  - use: _sub.yaml\n")
    assert "_sub.yaml:1: variables.RUN_ID: the variable RUN_ID is set by uxaudit" in errors_of([used])[0]
    with pytest.raises(UsageError, match="the variable RUN_ID is set by uxaudit, not by --var"):
        load_journeys([used], {"RUN_ID": "x"}, {}, VERBS)
    # The environment's own RUN_ID (some CI systems set one) is simply not the one a journey sees.
    (journey,) = load_journeys([write(tmp_path, "c.yaml", "name: C\nsteps:\n  - goto: /${RUN_ID}\n")], {},
                               {"RUN_ID": "from-ci"}, VERBS)
    assert journey.tasks[0].steps[0].text != "/from-ci"


@pytest.mark.parametrize(("text", "where"), [
    ("name: Run ${REPEAT}\nsteps:\n  - goto: /\n", ":1: name: ${REPEAT} changes from run to run"),
    ("name: A\nvariables: {WHO: 'u-${RUN_ID}'}\ntasks:\n  - name: Create ${WHO}\n    steps:\n      - goto: /\n",
     ":4: tasks[0].name: ${RUN_ID} changes from run to run"),
    ("name: A\ntags: ['${RUN_ID}']\nsteps:\n  - goto: /\n", ":2: tags[0]: ${RUN_ID}"),
])
def test_run_values_only_in_steps_and_criteria(tmp_path: Path, text: str, where: str) -> None:
    (error,) = errors_of([write(tmp_path, "a.yaml", text)])
    assert where in error and "it can be used only in steps and success criteria" in error


def test_setup_steps_are_checked_like_task_steps(tmp_path: Path) -> None:
    path = write(tmp_path, "a.yaml", """
        name: A
        setup:
          - clik: Create
        teardown:
          - goto: /
            lighthouse: true
        steps:
          - goto: /
    """)
    first, = errors_of([path])
    assert first.startswith(f"{path}:3: setup[0].clik: unknown action 'clik'. Did you mean 'click'?")
    path.write_text(path.read_text().replace("clik", "click"))
    assert errors_of([path]) == [f"{path}:6: teardown[0].lighthouse: `teardown:` steps are not audited, so "
                                 "Lighthouse cannot run on them. Move the step into a task, or remove `lighthouse:`"]


def test_journeys_in_sub_folders_and_sub_flows_at_any_depth(tmp_path: Path) -> None:
    for name in ("top.yaml", "shop/checkout.yaml", "shop/deep/search.yml", "shop/_flows/_log-in.yaml",
                 "shop/deep/_sub.yaml", "_drafts/old.yaml", "shop/notes.txt"):
        write(tmp_path, name, "x: 1\n")
    found = [p.relative_to(tmp_path).as_posix() for p in discover([tmp_path, tmp_path / "shop" / "checkout.yaml"])]
    assert found == ["top.yaml", "shop/checkout.yaml", "shop/deep/search.yml"]


def test_the_same_id_in_two_folders_names_both_files(tmp_path: Path) -> None:
    first = write(tmp_path, "eu/checkout.yaml", "name: EU\nsteps:\n  - goto: /\n")
    second = write(tmp_path, "us/checkout.yaml", "name: US\nsteps:\n  - goto: /\n")
    assert errors_of(discover([tmp_path])) == [f"{second}: journey id 'checkout' is also used by {first}. "
                                               "Rename one of the files"]
