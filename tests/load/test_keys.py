"""`press` keys are checked when files load (load/keys.py): a key Playwright would refuse at run
time is an input error with its line; `type` is part of the language and of its JSON Schema."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from uxaudit.cli import main
from uxaudit.errors import ExitCode
from uxaudit.gather.verbs import VERBS
from uxaudit.load.keys import VALID_KEYS, combination, key_problem
from uxaudit.load.loader import load_journeys
from uxaudit.load.schema_export import journey_json_schema

HEAD = "name: J\nbase_url: http://x.test\nsteps:\n  - goto: /\n"
DRIVER = Path(__import__("playwright").__file__).parent / "driver" / "package" / "lib"


def _journey(tmp_path: Path, steps: str) -> Path:
    path = tmp_path / "j.yaml"
    path.write_text(HEAD + steps, encoding="utf-8")
    return path


def test_validate_refuses_an_unknown_key_with_its_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _journey(tmp_path, "  - fill: {target: Search, value: socks}\n  - press: \"select 1\"\n")
    assert main(["validate", str(path)]) == ExitCode.INVALID_INPUT
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "Traceback" not in err
    assert f"{path}:6:" in err and "unknown key 'select 1'" in err
    assert "Enter, Tab" in err and "Shift+A" in err and "use `type:`" in err


def test_a_misspelt_key_in_a_combination_gets_a_did_you_mean(tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    path = _journey(tmp_path, "  - press: {target: Editor, key: Control+Shft+ArrowLeft}\n  - press: enter\n")
    assert main(["validate", str(path)]) == ExitCode.INVALID_INPUT
    err = capsys.readouterr().err
    assert (f"{path}:5: steps[1].press.key: unknown key 'Shft' in 'Control+Shft+ArrowLeft'; "
            "did you mean 'Control+Shift+ArrowLeft'?") in err
    assert f"{path}:6: steps[2].press: unknown key 'enter'; did you mean 'Enter'?" in err


@pytest.mark.parametrize("keys", ["Enter", "Tab", "Escape", "ArrowDown", "a", "A", "Shift+A", "Control+A",
                                  "Control+Shift+ArrowLeft", "ControlOrMeta+c", "F12", "Digit0", "KeyZ",
                                  "Backquote", "Space", " ", "+", "Control++", "Shift", "PageDown", "NumpadEnter",
                                  "Meta+Alt+Delete"])
def test_valid_keys_and_combinations_load(tmp_path: Path, keys: str) -> None:
    quoted = keys.replace('"', '\\"')
    [loaded] = load_journeys([_journey(tmp_path, f'  - press: "{quoted}"\n')], {}, {}, VERBS)
    assert loaded.tasks[0].steps[1].text == keys
    assert key_problem(keys) is None


@pytest.mark.parametrize(("keys", "said"), [("select 1", "unknown key 'select 1'"), ("Control+", "no key in"),
                                            ("", "no key given"), ("é", "use `type:`"), ("F13", "did you mean"),
                                            ("Shift+Tabb", "did you mean 'Shift+Tab'")])
def test_unknown_keys_say_what_is_wrong(keys: str, said: str) -> None:
    problem = key_problem(keys)
    assert problem is not None and said in problem


def test_keys_split_as_playwright_splits_them() -> None:
    assert combination("Control+Shift+A") == ["Control", "Shift", "A"]
    assert combination("Shift++") == ["Shift", "+"] and combination("+") == ["+"]


def test_the_key_list_is_playwrights_us_layout() -> None:
    """The names are copied from the installed driver's usKeyboardLayout: an upgrade that adds or
    renames keys shows here."""
    bundles = [p for p in DRIVER.rglob("*.js") if "USKeyboardLayout = {" in p.read_text(errors="ignore")]
    if not bundles:
        pytest.skip("this Playwright driver keeps its keyboard layout elsewhere")
    text = bundles[0].read_text(errors="ignore")
    layout = text[text.index("USKeyboardLayout = {"):]
    layout = layout[:layout.index("};")]
    codes = set(re.findall(r'^\s*"(\w+)": \{', layout, re.MULTILINE))
    assert len(codes) > 100 and codes <= VALID_KEYS
    named = {k for k in VALID_KEYS if len(k) > 1} - {"Shift", "Control", "Alt", "Meta", "ControlOrMeta"}
    assert named == codes


def test_type_loads_in_both_forms_and_is_named_in_words(tmp_path: Path) -> None:
    steps = ('  - type: "hello"\n  - type: {target: Editor, value: "x = 1", delay: 50}\n'
             f"  - type: {{target: Notes, value: {'w' * 60}}}\n")
    [loaded] = load_journeys([_journey(tmp_path, steps)], {}, {}, VERBS)
    first, second, third = loaded.tasks[0].steps[1:]
    assert first.name == "Type “hello”" and first.target is None and first.text == "hello"
    assert second.name == "Type “x = 1” into “Editor”" and second.number == 50 and second.target is not None
    assert third.name == "Type 60 characters into “Notes”"


def test_type_refuses_a_bad_delay_and_an_unknown_key(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _journey(tmp_path, "  - type: {value: x, delay: -5}\n  - type: {text: x}\n")
    assert main(["validate", str(path)]) == ExitCode.INVALID_INPUT
    err = capsys.readouterr().err
    assert f"{path}:5: steps[1].type.delay: must be" in err
    assert f"{path}:6: steps[2].type.text: unknown key 'text'" in err and "target, value, delay" in err


def test_the_json_schema_describes_type_and_press() -> None:
    schema = journey_json_schema(VERBS)
    assert "TypeArgs" in schema["$defs"] and set(schema["$defs"]["TypeArgs"]["properties"]) == {
        "target", "value", "delay"}
    assert "TypeStep" in schema["$defs"] and "Playwright" in str(schema["$defs"]["PressArgs"])


def test_clear_is_rejected_as_playwright_rejects_it() -> None:
    # Numpad5's key is "Clear", but Playwright registers keypad keys by their code only (and any
    # multi-character key by its code): page.keyboard.press("Clear") raises `Unknown key: "Clear"`.
    assert key_problem("Clear") is not None and key_problem("Numpad5") is None


@pytest.mark.parametrize(("keys", "meant"), [("Return", "Enter"), ("esc", "Escape"), ("ctrl+a", "Control+a"),
                                             ("cmd+a", "Meta+a"), ("option", "Alt"), ("del", "Delete"),
                                             ("Ctrl+Shift+left", "Control+Shift+ArrowLeft")])
def test_other_names_for_keys_are_refused_with_playwrights_name(keys: str, meant: str) -> None:
    problem = key_problem(keys)
    assert problem is not None and f"did you mean '{meant}'?" in problem
