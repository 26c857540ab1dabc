"""The scenario language: what files mean, and one clear line per mistake (file:line: path: message)."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from uxaudit.errors import ScenarioErrors
from uxaudit.gather.verbs import VERBS
from uxaudit.load.loader import discover, load_journey, load_journeys
from uxaudit.load.scenario import Target

EXAMPLE = Path(__file__).parents[2] / "scenarios" / "buy-trail-shoes.yaml"


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    return path


def errors_of(path: Path, env: dict[str, str] | None = None, cli: dict[str, str] | None = None) -> list[str]:
    with pytest.raises(ScenarioErrors) as caught:
        load_journeys([path], cli or {}, env or {}, VERBS)
    return [e.one_line() for e in caught.value.errors]


def one_task(steps: str, extra: str = "") -> str:
    return f"name: J\nbase_url: http://x.test\n{extra}tasks:\n  - name: T\n    steps:\n{steps}"


def test_the_architecture_example_loads_with_the_documented_meaning() -> None:
    journey = load_journey(EXAMPLE, {}, {}, VERBS)
    assert journey.id == "buy-trail-shoes"
    assert [t.id for t in journey.tasks] == ["find-the-product", "check-out"]
    find, checkout = journey.tasks
    assert find.steps[1].target == Target("auto", "Search") and find.steps[1].text == "trail shoes"
    assert checkout.steps[2].target == Target("role", "button", name="Checkout")
    assert checkout.steps[4].timeout_ms == 15000
    assert checkout.max_duration_ms == 20000
    assert journey.base_url == "http://127.0.0.1:8000"


def test_base_url_comes_from_the_environment_when_set() -> None:
    assert load_journey(EXAMPLE, {}, {"BASE_URL": "http://shop.test:9"}, VERBS).base_url == "http://shop.test:9"


def test_short_form_is_one_task_named_like_the_journey(tmp_path: Path) -> None:
    path = write(tmp_path, "short.yaml", """
        name: Find it
        base_url: http://x.test
        max_duration_ms: 5000
        steps:
          - goto: /
        success:
          - title: Shop
    """)
    (task,) = load_journey(path, {}, {}, VERBS).tasks
    assert (task.id, task.name, task.max_duration_ms) == ("find-it", "Find it", 5000)
    assert task.success[0].describe() == "the title contains “Shop”"


def test_yaml_syntax_error_names_the_line(tmp_path: Path) -> None:
    path = write(tmp_path, "bad.yaml", "name: J\ntasks: [\n  - name: x\n")
    (line,) = errors_of(path)
    assert line.startswith(f"{path}:") and "YAML syntax error" in line


def test_unknown_verb_suggests_the_right_one(tmp_path: Path) -> None:
    path = write(tmp_path, "j.yaml", one_task("      - goto: /\n      - clik: Buy\n"))
    (line,) = errors_of(path)
    assert line.startswith(f"{path}:7: tasks[0].steps[1].clik: unknown action 'clik'. Did you mean 'click'?")
    assert "Valid actions: goto, click, fill" in line


def test_missing_target_is_reported(tmp_path: Path) -> None:
    path = write(tmp_path, "j.yaml", one_task("      - click:\n"))
    (line,) = errors_of(path)
    assert ":6: tasks[0].steps[0].click: `click` has no value. Write the value after the colon" in line


def test_wrong_type_names_the_key_path(tmp_path: Path) -> None:
    path = write(tmp_path, "j.yaml", one_task("      - click: Buy\n        timeout: fast\n"))
    (line,) = errors_of(path)
    assert ":7: tasks[0].steps[0].timeout: expected a whole number" in line and "'fast'" in line


def test_misspelt_key_inside_a_target_suggests_the_right_one(tmp_path: Path) -> None:
    path = write(tmp_path, "j.yaml", one_task("      - fill: {target: Search, valeu: x}\n"))
    lines = errors_of(path)
    assert any("fill.valeu: unknown key 'valeu'. Did you mean 'value'?" in line for line in lines)
    assert any("fill.value: missing required key 'value'" in line for line in lines)


def test_two_actions_in_one_step(tmp_path: Path) -> None:
    path = write(tmp_path, "j.yaml", one_task("      - click: A\n        fill: {target: B, value: c}\n"))
    (line,) = errors_of(path)
    assert "one action per step, found click and fill" in line


def test_target_needs_exactly_one_kind(tmp_path: Path) -> None:
    path = write(tmp_path, "j.yaml", one_task("      - click: {css: a, text: b}\n"))
    (line,) = errors_of(path)
    assert "a target needs exactly one of" in line and "found: text, css" in line


def test_undefined_variable_says_how_to_set_it(tmp_path: Path) -> None:
    path = write(tmp_path, "j.yaml", one_task("      - fill: {target: Search, value: '${QUERY}'}\n"))
    (line,) = errors_of(path)
    assert "undefined variable ${QUERY}" in line and "--var NAME=VALUE" in line


def test_an_undefined_variable_does_not_hide_the_other_mistakes(tmp_path: Path) -> None:
    path = write(tmp_path, "j.yaml", one_task("      - goto: /${NOPE}\n      - clik: a\n        nmae: x\n"))
    lines = errors_of(path)
    assert "undefined variable ${NOPE}" in lines[0] and "unknown action 'clik'" in lines[1]


def test_empty_variable_takes_the_default_as_in_the_shell(tmp_path: Path) -> None:
    path = write(tmp_path, "j.yaml", one_task("      - goto: /${PAGE:-home}\n"))
    assert load_journey(path, {}, {"PAGE": ""}, VERBS).tasks[0].steps[0].text == "/home"


def test_duplicate_keys_and_misspelt_step_options(tmp_path: Path) -> None:
    dup = write(tmp_path, "d.yaml", one_task("      - click: A\n        click: B\n"))
    assert "tasks[0].steps[0].click: this key appears twice here" in errors_of(dup)[0]
    option = write(tmp_path, "o.yaml", one_task("      - click: A\n        nmae: Buy\n"))
    assert "unknown key 'nmae'. Did you mean 'name'?" in errors_of(option)[0]


def test_every_file_is_checked_before_reporting(tmp_path: Path) -> None:
    first = write(tmp_path, "a.yaml", one_task("      - clik: A\n"))
    second = write(tmp_path, "b.yaml", "name: B\nbase_url: http://x.test\n")
    with pytest.raises(ScenarioErrors) as caught:
        load_journeys([first, second], {}, {}, VERBS)
    files = {e.file for e in caught.value.errors}
    assert files == {str(first), str(second)}


def test_step_errors_are_reported_with_journey_errors(tmp_path: Path) -> None:
    path = write(tmp_path, "j.yaml", one_task("      - clik: A\n", extra="devise: mobile\n"))
    lines = errors_of(path)
    assert any("unknown key 'devise'. Did you mean 'device'?" in line for line in lines)
    assert any("unknown action 'clik'" in line for line in lines)


def test_variables_precedence_cli_then_journey_then_environment(tmp_path: Path) -> None:
    path = write(tmp_path, "j.yaml", one_task("      - goto: /${A}/${B}/${C}/${D:-d}\n",
                                             extra="variables: {A: journey, B: journey}\n"))
    journey = load_journey(path, {"A": "cli"}, {"A": "env", "B": "env", "C": "env"}, VERBS)
    assert journey.tasks[0].steps[0].text == "/cli/journey/env/d"


def test_secret_values_are_remembered_for_redaction(tmp_path: Path) -> None:
    path = write(tmp_path, "j.yaml", one_task(
        "      - fill: {target: Password, value: '${secret:PW}'}\n"
        "      - fill: {target: Token, value: '${API_TOKEN}'}\n"))
    journey = load_journey(path, {}, {"PW": "hunter2", "API_TOKEN": "tok-123"}, VERBS)
    assert journey.secrets == {"hunter2", "tok-123"}


def test_use_includes_a_subflow_with_the_including_journeys_variables(tmp_path: Path) -> None:
    write(tmp_path, "_login.yaml", """
        variables: {user: default-user}
        steps:
          - fill: {target: Email, value: "${user}"}
          - click: Sign in
    """)
    path = write(tmp_path, "j.yaml", one_task("      - use: _login.yaml\n        name: Log in\n"
                                              "        optional: true\n      - goto: /\n",
                                              extra="variables: {user: ada}\n"))
    steps = load_journey(path, {}, {}, VERBS).tasks[0].steps
    assert [s.name for s in steps] == ["Log in › Type into “Email”", "Log in › Click “Sign in”", "Open /"]
    assert steps[0].text == "ada" and steps[0].optional and not steps[2].optional


def test_subflow_defaults_apply_when_the_journey_sets_nothing(tmp_path: Path) -> None:
    write(tmp_path, "_login.yaml", "variables: {user: default-user}\nsteps:\n  - fill: {target: E, value: '${user}'}\n")
    path = write(tmp_path, "j.yaml", one_task("      - use: _login.yaml\n"))
    assert load_journey(path, {}, {}, VERBS).tasks[0].steps[0].text == "default-user"


def test_use_of_a_missing_file_and_a_cycle(tmp_path: Path) -> None:
    missing = write(tmp_path, "m.yaml", one_task("      - use: _nope.yaml\n"))
    assert "no such sub-flow file '_nope.yaml'" in errors_of(missing)[0]
    write(tmp_path, "_a.yaml", "steps:\n  - use: _b.yaml\n")
    write(tmp_path, "_b.yaml", "steps:\n  - use: _a.yaml\n")
    cyclic = write(tmp_path, "c.yaml", one_task("      - use: _a.yaml\n"))
    assert "includes itself" in errors_of(cyclic)[0]


def test_errors_inside_a_subflow_name_the_subflow_file(tmp_path: Path) -> None:
    write(tmp_path, "_s.yaml", "steps:\n  - clik: A\n")
    path = write(tmp_path, "j.yaml", one_task("      - use: _s.yaml\n"))
    (line,) = errors_of(path)
    assert "_s.yaml:2: steps[0].clik: unknown action 'clik'" in line


def test_two_tasks_with_one_name(tmp_path: Path) -> None:
    path = write(tmp_path, "j.yaml", "name: J\nbase_url: http://x.test\ntasks:\n"
                 "  - name: Same\n    steps: [{goto: /}]\n  - name: Same\n    steps: [{goto: /}]\n")
    assert "two tasks are named 'Same'" in errors_of(path)[0]


def test_unknown_device_suggests_playwright_names(tmp_path: Path) -> None:
    path = write(tmp_path, "j.yaml", one_task("      - goto: /\n", extra="device: iphone 13\n"))
    with pytest.raises(ScenarioErrors) as caught:
        load_journeys([path], {}, {}, VERBS,
                      check_device=lambda d: None if d == "desktop" else "Did you mean 'iPhone 13'?")
    assert "unknown device 'iphone 13'. Did you mean 'iPhone 13'?" in caught.value.errors[0].one_line()


def test_every_verb_and_target_form_parses(tmp_path: Path) -> None:
    path = write(tmp_path, "all.yaml", one_task("""\
      - goto: /lab/form
      - click: {text: Go, nth: 2}
      - fill: {target: {placeholder: Your city}, value: Paris}
      - select: {target: {label: Colour}, option: Green}
      - check: {label: Subscribe}
      - uncheck: {label: Subscribe}
      - press: Tab
      - press: {target: {css: "input[name=q]"}, key: Enter}
      - hover: {role: link, name: Home}
      - scroll: bottom
      - scroll: 400
      - scroll: {test_id: footer}
      - wait: 100
      - wait: {for: Thanks}
      - wait: {url: {contains: /thanks}}
      - expect: {hidden: Error}
      - expect: {url: {matches: "^http"}}
      - expect: {text: thanks}
      - expect: {status: 200}
      - screenshot: after
"""))
    steps = load_journey(path, {}, {}, VERBS).tasks[0].steps
    assert [s.action for s in steps][:4] == ["goto", "click", "fill", "select"]
    assert steps[1].target == Target("text", "Go", nth=2)
    assert steps[11].target == Target("test_id", "footer")
    assert steps[14].condition is not None and steps[14].condition.describe() == "the address contains '/thanks'"


def test_default_step_names_are_plain_words(tmp_path: Path) -> None:
    path = write(tmp_path, "n.yaml", one_task("""\
      - goto: /cart
      - click: {role: button, name: Checkout}
      - fill: {target: {label: Name}, value: Ada}
      - select: {target: Size, option: "42"}
      - check: {test_id: terms}
      - press: {target: {placeholder: Promo code}, key: Enter}
      - scroll: bottom
      - wait: 500
      - expect: {text: Thank you}
"""))
    names = [s.name for s in load_journey(path, {}, {}, VERBS).tasks[0].steps]
    assert names == ["Open /cart", "Click Checkout button", "Type into Name field", "Choose “42” in “Size”",
                     "Tick terms (test id)", "Press Enter in field “Promo code”", "Scroll to the bottom",
                     "Wait 0.5 s", "Check that the page says “Thank you”"]


def test_discover_skips_subflows(tmp_path: Path) -> None:
    write(tmp_path, "a.yaml", "x: 1")
    write(tmp_path, "_sub.yaml", "x: 1")
    assert [p.name for p in discover([tmp_path])] == ["a.yaml"]


def test_an_unknown_role_and_a_broken_regex_are_caught_before_running(tmp_path: Path) -> None:
    path = write(tmp_path, "j.yaml", one_task("      - click: {role: buton, name: Buy}\n"
                                              "      - expect: {url: {matches: '(unclosed'}}\n"))
    first, second = errors_of(path)
    assert "'buton' is not an ARIA role; did you mean 'button'?" in first
    assert "`matches` is not a valid regular expression" in second


def test_lighthouse_and_thresholds_at_journey_task_and_step_level(tmp_path: Path) -> None:
    path = write(tmp_path, "budgets.yaml", """
        name: Budgets
        base_url: http://x.test
        lighthouse: {runs: 3}
        thresholds: {slow_interaction_warning_ms: 500}
        tasks:
          - name: Search
            thresholds:
              load_time_desktop: {p10: 1500, median: 3000}
            steps:
              - goto: /
                lighthouse: true
              - goto: /shop
    """)
    journey = load_journey(path, {}, {}, VERBS)
    assert journey.lighthouse_runs == 3 and journey.thresholds == {"slow_interaction_warning_ms": 500}
    task = journey.tasks[0]
    assert task.thresholds == {"load_time_desktop": {"p10": 1500, "median": 3000}}
    assert [s.lighthouse_runs for s in task.steps] == [1, 0]


@pytest.mark.parametrize(("extra", "expected"), [
    ("    thresholds: {slow_interaction_warnng_ms: 1}\n",
     "b.yaml:5: tasks[0].thresholds.slow_interaction_warnng_ms: unknown key"),
    ("    thresholds: {redirects_warning: many}\n", "b.yaml:5: tasks[0].thresholds.redirects_warning:"),
])
def test_threshold_mistakes_in_a_task_name_their_line(tmp_path: Path, extra: str, expected: str) -> None:
    text = "name: J\nbase_url: http://x.test\ntasks:\n  - name: T\n" + extra + "    steps:\n      - goto: /\n"
    path = tmp_path / "b.yaml"
    path.write_text(text, encoding="utf-8")
    [message] = errors_of(path)
    assert message.startswith(str(tmp_path / expected.split(":", 1)[0]) + ":" + expected.split(":", 1)[1]), message


def test_success_criteria_know_their_lines(tmp_path: Path) -> None:
    path = write(tmp_path, "j.yaml", one_task("      - goto: /\n",
                                              "") + "    success:\n      - url: /cart\n      - visible: Cart\n")
    (task_,) = load_journey(path, {}, {}, VERBS).tasks
    assert [c.location for c in task_.success] == [f"{path}:8", f"{path}:9"]
