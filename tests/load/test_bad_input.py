"""Bad input is one line and exit 2 (an InputError), never a traceback, a hang or an internal error."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from uxaudit.cli import main
from uxaudit.errors import InputError
from uxaudit.gather.verbs import VERBS
from uxaudit.load.config import load_config
from uxaudit.load.loader import MAX_STEPS, MAX_USE_DEPTH, load_journeys
from uxaudit.load.yaml_lines import parse_lined

HEAD = "name: J\nbase_url: http://x.test\n"


def message(path: Path, env: dict[str, str] | None = None) -> str:
    with pytest.raises(InputError) as caught:
        load_journeys([path], {}, env or {}, VERBS)
    return str(caught.value).replace(f"{path.parent}{os.sep}", "")


def journey(tmp_path: Path, text: str, name: str = "j.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_is_refused_without_being_opened(tmp_path: Path) -> None:
    fifo = tmp_path / "a.yaml"
    os.mkfifo(fifo)
    assert message(fifo).endswith("a.yaml: cannot read the file: it is not a regular file. Give a .yaml file")
    with pytest.raises(InputError, match="not a regular file"):
        load_config(fifo)
    use = journey(tmp_path, HEAD + "steps:\n  - use: a.yaml\n", "b.yaml")
    assert "a.yaml: cannot read the file: it is not a regular file" in message(use)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_validate_on_a_fifo_exits_2_at_once(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "a.yaml")
    done = subprocess.run([sys.executable, "-m", "uxaudit", "validate", "a.yaml"], cwd=tmp_path,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and "not a regular file" in done.stderr and "Traceback" not in done.stderr


def test_a_folder_given_as_a_sub_flow_is_refused(tmp_path: Path) -> None:
    (tmp_path / "_sub.yaml").mkdir()
    path = journey(tmp_path, HEAD + "steps:\n  - use: _sub.yaml\n")
    assert "_sub.yaml: cannot read the file: it is a folder" in message(path)


def test_binary_and_non_utf8_files_say_so_with_the_line(tmp_path: Path) -> None:
    path = tmp_path / "j.yaml"
    path.write_bytes(b"name: caf\xe9\nsteps: []\n")
    assert message(path).endswith("j.yaml:1: not UTF-8 text (byte 9: b'\\xe9'). "
                                  "Scenario files are UTF-8 YAML; save the file as UTF-8")
    path.write_bytes(b"\x00\x01\x02 binary")
    assert "j.yaml: not YAML text: unacceptable character #x0000" in message(path)


@pytest.mark.parametrize("text, expected", [
    ("a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 10)}]\n" for i in range(8)),
     "the YAML expands to more than 100000 values (aliases?)"),
    ("a: &a [*a]\n", "the YAML nests deeper than 50 levels (a recursive alias?)"),
    ("[" * 1200 + "]" * 1200, "YAML nested too deeply (at most 50 levels)"),
    ("a: !!int abc\n", "j.yaml:1: a: 'abc' is not a valid int (ValueError)"),
    ("a: !!timestamp 2020-99-99\n", "'2020-99-99' is not a valid timestamp"),
    ("? [a]\n: b\n", "a key must be plain text, not a list or mapping"),
    ('name: "\\ud800"\n', "j.yaml:1: name: text with a lone surrogate"),
])
def test_hostile_yaml_is_one_line_and_fast(text: str, expected: str) -> None:
    started = time.monotonic()
    with pytest.raises(InputError) as caught:
        parse_lined(text, "j.yaml")
    assert expected in str(caught.value) and "\n" not in str(caught.value)
    assert time.monotonic() - started < 5


def _fan_out(tmp_path: Path, levels: int, width: int) -> Path:
    journey(tmp_path, "steps:\n  - goto: /\n", "_l0.yaml")
    for level in range(1, levels):
        journey(tmp_path, "steps:\n" + f"  - use: _l{level - 1}.yaml\n" * width, f"_l{level}.yaml")
    return journey(tmp_path, HEAD + "steps:\n" + f"  - use: _l{levels - 1}.yaml\n" * width)


def test_a_use_fan_out_is_refused_quickly(tmp_path: Path) -> None:
    started = time.monotonic()
    text = message(_fan_out(tmp_path, 12, 3))
    assert f"sub-flows are nested more than {MAX_USE_DEPTH} deep" in text and text.count("\n") == 0
    assert time.monotonic() - started < 10


def test_too_many_steps_after_use_is_refused(tmp_path: Path) -> None:
    text = message(_fan_out(tmp_path, 3, 11))  # 11**3 = 1331 steps
    assert f"the journey has more than {MAX_STEPS} steps once its `use:` sub-flows are expanded" in text
    assert text.count("\n") == 0


@pytest.mark.parametrize("body, expected", [
    ("steps: []\n", "j.yaml:3: steps: `steps` is empty. Give at least one item (see docs/scenarios.md)"),
    ("tasks: []\n", "j.yaml:3: tasks: `tasks` is empty. Give at least one item (see docs/scenarios.md)"),
])
def test_empty_lists_are_the_usual_one_line(tmp_path: Path, body: str, expected: str) -> None:
    assert message(journey(tmp_path, HEAD + body)) == expected


@pytest.mark.parametrize("option, expected", [
    ("timeout: true", "timeout: expected a whole number of milliseconds, got true"),
    ("timeout: 1.0e+40", "timeout: expected a whole number of milliseconds up to 2147483647, got 1e+40"),
    ("timeout: 2147483648", "timeout: must be 2147483647 or less, got 2147483648"),
    ("timeout: 0", "timeout: must be 1 or more, got 0"),
    ("max_duration_ms: false", "max_duration_ms: expected a whole number of milliseconds, got false"),
])
def test_timeouts_are_whole_milliseconds_in_nodes_range(tmp_path: Path, option: str, expected: str) -> None:
    text = message(journey(tmp_path, HEAD + option + "\nsteps:\n  - goto: /\n"))
    assert text == f"j.yaml:3: {expected}"


def test_a_step_timeout_out_of_range_is_refused(tmp_path: Path) -> None:
    path = journey(tmp_path, HEAD + "steps:\n  - goto: /\n    timeout: 99999999999999\n")
    assert message(path) == "j.yaml:5: steps[0].timeout: must be 2147483647 or less, got 99999999999999"


@pytest.mark.parametrize("url, expected", [
    ("http://[::1", "'http://[::1' is not a valid URL (Invalid IPv6 URL)"),
    ("http://x.test:99999", "is not a valid URL (Port out of range 0-65535)"),
    ("ftp://x.test", "must start with http:// or https://"),
])
def test_a_base_url_must_be_a_valid_web_url(tmp_path: Path, url: str, expected: str) -> None:
    path = journey(tmp_path, f"name: J\nbase_url: '{url}'\nsteps:\n  - goto: /\n")
    assert message(path).startswith("j.yaml:2: base_url: ") and expected in message(path)


@pytest.mark.parametrize("url", ["file:///etc/passwd", "javascript:alert(1)", "data:text/html,hi", "chrome://version"])
def test_goto_refuses_non_web_urls(tmp_path: Path, url: str) -> None:
    path = journey(tmp_path, HEAD + f"steps:\n  - goto: '{url}'\n")
    scheme = url.split(":")[0]
    assert message(path) == (f"j.yaml:4: steps[0].goto: '{url}' is not an http(s) URL or a path ({scheme}: URLs "
                             "are refused). Write an http(s) URL, or a path on the base URL such as /cart")


def test_goto_accepts_paths_and_web_urls(tmp_path: Path) -> None:
    path = journey(tmp_path, HEAD + "steps:\n  - goto: /cart\n  - goto: https://x.test/a?b=1\n")
    assert len(load_journeys([path], {}, {}, VERBS)[0].tasks[0].steps) == 2


def test_errors_name_the_secret_variable_never_its_value(tmp_path: Path) -> None:
    path = journey(tmp_path, HEAD + "steps:\n  - click: {role: '${secret:ROLE}'}\n")
    text = message(path, {"ROLE": "hunter2"})
    assert "hunter2" not in text and "'${secret:ROLE}' is not an ARIA role" in text
    device = journey(tmp_path, HEAD + "device: ${API_TOKEN}\nsteps:\n  - goto: /\n", "d.yaml")
    with pytest.raises(InputError) as caught:
        load_journeys([device], {}, {"API_TOKEN": "s3cr3t"}, VERBS, lambda _d: "Valid devices: desktop")
    assert "s3cr3t" not in str(caught.value) and "unknown device '${secret:API_TOKEN}'" in str(caught.value)


def test_a_journeys_own_base_url_is_quoted_without_its_password(tmp_path: Path) -> None:
    path = journey(tmp_path, "name: J\nbase_url: http://alice:hunter2pass@x.test:99999\nsteps:\n  - goto: /\n")
    assert message(path) == ("j.yaml:2: base_url: 'http://alice:••••••@x.test:99999' is not a valid URL "
                             "(Port out of range 0-65535)")


def test_a_variable_name_that_is_not_text_is_an_input_error(tmp_path: Path) -> None:
    path = journey(tmp_path, HEAD + "variables: {0: null}\nsteps:\n  - goto: /\n")
    assert message(path).startswith("j.yaml:3: variables[0]: the variable name 0 is not text.")


def test_an_error_under_a_variable_in_capitals_names_that_variable(tmp_path: Path) -> None:
    path = journey(tmp_path, HEAD + "variables:\n  API_URL: [1]\nsteps:\n  - goto: /\n")
    assert message(path).startswith("j.yaml:4: variables.API_URL: expected text")


@pytest.mark.parametrize("argv, expected", [
    (["serve-demo", "--port", "99999"], "a port is from 1 to 65535, got 99999"),
    (["serve-demo", "--port", "0"], "must be 1 or more, got 0"),
    (["run", "x.yaml", "--timeout", "99999999999999"], "must be 2147483647 ms or less"),
])
def test_out_of_range_flags_are_usage_errors(argv: list[str], expected: str,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(argv)
    assert caught.value.code == 2 and expected in capsys.readouterr().err
