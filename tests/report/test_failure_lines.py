"""Failure lines a developer can act on, in every format: the journey file and line, the screenshot,
the trace and how to open it, the video, and the command that reruns the journey."""

from __future__ import annotations

from dataclasses import replace
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

import xmlschema
from rich.console import Console

from tests.builders import failed_task, journey, run, step, task
from tests.score.test_scorecard_recordings import card_of
from uxaudit.artifacts import CriterionResult
from uxaudit.report import html, junit, markdown, terminal
from uxaudit.report.failures import failures, glob_escaped, in_folder, last_failed_command, rerun_command
from uxaudit.report.terminal import summary

SCHEMA = xmlschema.XMLSchema(Path(__file__).parents[2] / "docs" / "junit.xsd")
RUN = Path("reports/20261122-120000")
TRACE = "journeys/checkout/trace.zip"
SHOT = "screenshots/j/checkout-2-failure.png"


def checkout_card(**changes: Any) -> dict[str, Any]:
    """A journey in scenarios/ whose second task failed at step 2 (checkout.yaml:23), with a trace."""
    failed = failed_task()
    steps = (failed.steps[0], replace(failed.steps[1], location="scenarios/checkout.yaml:23"))
    record = journey(task("find"), replace(failed, steps=steps), journey_id="checkout", name="Checkout",
                     file="scenarios/checkout.yaml", trace=TRACE, **changes)
    return card_of(replace(run(record, journey(journey_id="browse", file="scenarios/browse.yaml")),
                           paths=("scenarios",)))


def terminal_text(card: dict[str, Any], width: int = 80, uxaudit: str = "uxaudit", screen: bool = True) -> str:
    console = Console(record=True, width=width, color_system=None)
    console.print(summary(card, RUN / "report.html", playwright=".venv/bin/playwright", uxaudit=uxaudit,
                          screen=screen), crop=False)
    return console.export_text()


def test_a_failed_task_names_its_line_picture_trace_and_rerun_command() -> None:
    (failure,) = failures(checkout_card())
    assert (failure.label, failure.where, failure.screenshot, failure.trace) == (
        "Checkout › Checkout", "scenarios/checkout.yaml:23", SHOT, TRACE)
    assert failure.rerun == "uxaudit run scenarios --journey checkout --base-url http://shop.test"


def test_a_failed_success_criterion_names_the_journey_file_and_the_full_page_picture() -> None:
    unmet = task("pay", "failed", error="“Thank you” is not visible", failure_screenshot="screenshots/pay.png",
                 criteria=(CriterionResult("visible: Thank you", False, "not visible"),))
    (failure,) = failures(card_of(run(journey(unmet, file="scenarios/pay.yaml"))))
    assert (failure.where, failure.screenshot) == ("scenarios/pay.yaml", "screenshots/pay.png")


def test_a_failed_setup_is_a_failure_of_the_journey_at_the_setup_steps_line() -> None:
    setup = (step(1, "failed", name="Create the user", error="That name is taken", location="scenarios/a.yaml:6"),)
    skipped = task("find", "skipped", error="skipped: the journey's setup failed at step 1")
    (failure,) = failures(card_of(run(journey(skipped, setup=setup, file="scenarios/a.yaml",
                                              error="the setup failed at step 1 (Create the user)"))))
    assert (failure.task, failure.where, failure.reason) == ("", "scenarios/a.yaml:6",
                                                            "the setup failed at step 1 (Create the user)")


def test_paths_and_urls_are_quoted_for_the_shell() -> None:
    journey = {"id": "check out", "file": "my journeys/check out.yaml"}
    card = {"run": {"base_url": "http://shop.test/a b", "paths": ["my journeys"]}, "journeys": [journey]}
    assert rerun_command(card, journey) == (
        "uxaudit run 'my journeys' --journey 'check out' --base-url 'http://shop.test/a b'")


def test_the_rerun_gives_uxaudit_run_the_same_paths_again() -> None:
    # `uxaudit run checkout.yaml`: the folder the file sits in would also hold uxaudit.yaml
    journeys = [{"id": "checkout", "file": "checkout.yaml"}]
    card = {"run": {"base_url": "http://shop.test", "paths": ["checkout.yaml"]}, "journeys": journeys}
    assert rerun_command(card, journeys[0]) == "uxaudit run checkout.yaml --journey checkout --base-url http://shop.test"
    assert last_failed_command({**card, "journeys": [{**journeys[0], "error": "crashed"}]}) == (
        "uxaudit run checkout.yaml --last-failed --base-url http://shop.test")
    # `uxaudit demo --spa`: scenarios/ leaves out its `_spa` folder, which is given on its own
    spa = [{"id": "shop", "file": "scenarios/shop.yaml"}, {"id": "app", "file": "scenarios/_spa/app.yaml"}]
    demo = {"run": {"paths": ["scenarios", "scenarios/_spa"]}, "journeys": spa}
    assert rerun_command(demo, spa[1]) == "uxaudit run scenarios scenarios/_spa --journey app"


def test_a_run_from_before_paths_were_kept_names_the_journey_files() -> None:
    journeys = [{"id": "pay", "file": "scenarios/shop/pay.yaml"}, {"id": "find", "file": "scenarios/find.yaml",
                                                                    "error": "crashed"}]
    card = {"run": {"base_url": "http://shop.test"}, "journeys": journeys}
    assert rerun_command(card, journeys[0]) == (
        "uxaudit run scenarios/shop/pay.yaml --journey pay --base-url http://shop.test")
    assert last_failed_command(card) == (
        "uxaudit run scenarios/shop/pay.yaml scenarios/find.yaml --last-failed --base-url http://shop.test")


def test_a_journey_id_with_glob_characters_is_matched_as_it_is() -> None:
    journey = {"id": "promo[eu]*?", "file": "promo.yaml"}
    command = rerun_command({"run": {"paths": ["."]}, "journeys": [journey]}, journey)
    assert command == "uxaudit run . --journey 'promo[[]eu][*][?]'"
    assert fnmatchcase("promo[eu]*?", glob_escaped("promo[eu]*?"))
    assert not fnmatchcase("promoe", glob_escaped("promo[eu]")) and not fnmatchcase("promo-x", glob_escaped("promo*"))


def test_rerun_what_failed_names_the_journeys_folder_once() -> None:
    assert last_failed_command(checkout_card()) == "uxaudit run scenarios --last-failed --base-url http://shop.test"
    assert last_failed_command(card_of(run())) is None


def test_a_path_in_the_run_folder_is_shown_from_where_uxaudit_ran(tmp_path: Path, monkeypatch: Any) -> None:
    monkeypatch.chdir(tmp_path)
    assert in_folder(tmp_path / "reports" / "r1", TRACE) == f"reports/r1/{TRACE}"
    assert in_folder(Path("/elsewhere/r1"), TRACE) == f"/elsewhere/r1/{TRACE}"
    assert in_folder(None, TRACE) == TRACE


def test_the_terminal_shows_a_compact_failed_block_with_whole_commands() -> None:
    text = terminal_text(checkout_card())
    block = text[text.index("Failed"):text.index("Gate:")]
    assert "✗ Checkout › Checkout  scenarios/checkout.yaml:23" in block
    assert f"screenshot {RUN}/{SHOT}" in block
    # a command is never wrapped, however narrow the terminal: it must copy whole
    assert f"trace      .venv/bin/playwright show-trace --port 0 {RUN}/{TRACE}" in block
    assert "rerun      uxaudit run scenarios --journey checkout --base-url http://shop.test" in block
    assert "https://trace.playwright.dev" in block
    assert "Rerun what failed: uxaudit run scenarios --last-failed --base-url http://shop.test" in block
    assert len(block.splitlines()) <= 10


def test_the_terminal_reruns_with_the_uxaudit_this_machine_can_run() -> None:
    block = terminal_text(checkout_card(), uxaudit=".venv/bin/uxaudit")
    assert "rerun      .venv/bin/uxaudit run scenarios --journey checkout --base-url http://shop.test" in block
    assert "Rerun what failed: .venv/bin/uxaudit run scenarios --last-failed" in block
    assert " uxaudit run" not in block.replace("/uxaudit run", "")


def test_uxaudit_not_on_the_path_is_the_one_beside_python(tmp_path: Path, monkeypatch: Any) -> None:
    (tmp_path / ".venv" / "bin").mkdir(parents=True)
    (tmp_path / ".venv" / "bin" / "uxaudit").write_text("", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(terminal.sys, "executable", str(tmp_path / ".venv" / "bin" / "python"))
    monkeypatch.setattr(terminal.shutil, "which", lambda name: None)
    assert terminal.program_command("uxaudit") == ".venv/bin/uxaudit"
    monkeypatch.setattr(terminal.shutil, "which", lambda name: f"/usr/bin/{name}")
    assert terminal.program_command("uxaudit") == "uxaudit"


def test_debug_is_offered_only_where_a_window_can_open(monkeypatch: Any) -> None:
    assert "(add --debug to step through it)" in terminal_text(checkout_card(), screen=True)
    assert "--debug" not in terminal_text(checkout_card(), screen=False)
    monkeypatch.setattr(terminal.sys, "platform", "linux")
    for name in ("DISPLAY", "WAYLAND_DISPLAY"):
        monkeypatch.delenv(name, raising=False)
    assert not terminal.has_screen()
    monkeypatch.setenv("WAYLAND_DISPLAY", "wayland-0")
    assert terminal.has_screen()


def test_the_terminal_says_nothing_of_failures_when_all_passed_but_shows_warnings() -> None:
    assert "Failed" not in terminal_text(card_of(run()))
    warned = card_of(run(journey(warnings=("the teardown failed at step 1 (Click “Delete”): gone",))))
    assert "! Shop: the teardown failed at step 1 (Click “Delete”): gone" in terminal_text(warned, 120)


def test_a_task_that_failed_only_in_a_repeat_points_at_that_repeats_trace() -> None:
    first = journey(task("pay"), file="scenarios/shop.yaml")
    again = journey(failed_task("pay"), repeat=2, trace="journeys/shop-2/trace.zip")
    text = terminal_text(card_of(replace(run(first), repeats=(again,))), 120)
    assert "✗ Shop › Pay failed in run 2 of 2 (flaky)" in text
    assert f"show-trace --port 0 {RUN}/journeys/shop-2/trace.zip" in text


def test_junit_attaches_the_screenshot_first_then_the_trace_and_explains_the_failure() -> None:
    document = junit.render(checkout_card(video="journeys/checkout/video.webm"), RUN)
    SCHEMA.validate(document)
    case = next(c for c in ET.fromstring(document).iter("testcase") if c.get("name") == "Checkout")
    out = (case.findtext("system-out") or "").splitlines()
    assert [line for line in out if line.startswith("[[")] == [
        f"[[ATTACHMENT|{RUN}/{SHOT}]]", f"[[ATTACHMENT|{RUN}/{TRACE}]]",
        f"[[ATTACHMENT|{RUN}/journeys/checkout/video.webm]]"]
    failure = case.findtext("failure") or ""
    assert "Step 2 (click Pay) at scenarios/checkout.yaml:23: no visible element matches 'Pay'" in failure
    assert f"Trace: playwright show-trace --port 0 {RUN}/{TRACE}" in failure
    assert "Rerun: uxaudit run scenarios --journey checkout --base-url http://shop.test" in failure


def test_junit_attaches_nothing_to_passed_tasks_and_leaves_out_paths_that_would_break_the_tag() -> None:
    card = checkout_card()
    card["journeys"][0]["trace"] = "journeys/a|b/trace.zip"
    document = junit.render(card, RUN)
    assert document.count("[[ATTACHMENT|") == 1 and "a|b" not in document.split("<system-out>", 2)[2]


def test_summary_md_lists_where_the_picture_the_trace_and_the_rerun_line() -> None:
    text = markdown.render(checkout_card(), report="report.html")
    assert "- **Checkout › Checkout** at `scenarios/checkout.yaml:23`: Step 2" in text
    assert f"  - trace: `{TRACE}`" in text and f"  - screenshot: `{SHOT}`" in text
    assert "  - rerun: `uxaudit run scenarios --journey checkout --base-url http://shop.test`" in text
    assert "`playwright show-trace --port 0 PATH`" in text and "https://trace.playwright.dev" in text
    assert "Rerun every journey that failed: `uxaudit run scenarios --last-failed" in text


def test_summary_md_the_terminal_and_the_report_say_a_partial_run_is_partial(tmp_path: Path) -> None:
    card = checkout_card()
    card["run"] |= {"partial": True, "selection": ["--journey 'checkout*'", "1 of 3 journeys"]}
    summary = markdown.render(card, report="report.html")
    assert ("**Partial run** (`--journey 'checkout*'`, 1 of 3 journeys): its score is not the whole site's, so "
            "it is kept out of the score trend and of `--baseline latest`.") in summary
    assert "A partial run (--journey 'checkout*', 1 of 3 journeys): its score" in terminal_text(card, width=200)
    page = html.render(card, tmp_path)
    assert "A partial run:</strong> only some of the journeys ran" in page and "1 of 3 journeys" in page
    assert "A partial run" not in html.render(checkout_card(), tmp_path)
    assert "partial run" not in terminal_text(checkout_card()).lower()


def test_the_report_links_the_recording_and_says_how_to_open_it(tmp_path: Path) -> None:
    page = html.render(checkout_card(video="journeys/checkout/video.webm"), tmp_path)
    assert f'Open the recording of this journey: <a href="{TRACE}" download>download the trace</a>' in page
    assert "the file never leaves your computer" in page and f"playwright show-trace --port 0 {TRACE}" in page
    assert '<video controls preload="none" src="journeys/checkout/video.webm">' in page
    assert 'In the journey file: <code class="cmd">scenarios/checkout.yaml:23</code>' in page
    assert "uxaudit run scenarios --journey checkout --base-url http://shop.test" in page


def test_the_report_never_links_a_recording_outside_the_run_folder(tmp_path: Path) -> None:
    card = checkout_card()
    card["journeys"][0]["trace"] = "https://evil.test/trace.zip"
    page = html.render(card, tmp_path)
    assert 'href="https://evil.test' not in page and "download the trace" not in page


def test_the_report_folds_setup_and_teardown_and_shows_warnings(tmp_path: Path) -> None:
    setup = (step(1, name="Create the user", location="scenarios/checkout.yaml:5"),)
    teardown = (step(1, "failed", name="Delete the user", error="no such button",
                     location="scenarios/checkout.yaml:40"),)
    page = html.render(checkout_card(setup=setup, teardown=teardown, warnings=(
        "the teardown failed at step 1 (Delete the user): no such button",)), tmp_path)
    assert '<details class="more hooks">\n  <summary>Setup before the first task' in page
    assert '<details class="more hooks" open>\n  <summary>Teardown after the last task' in page
    assert "scenarios/checkout.yaml:40" in page
    assert "<strong>Warning:</strong> the teardown failed at step 1 (Delete the user): no such button" in page


def test_a_journey_whose_setup_failed_says_where_in_every_format(tmp_path: Path) -> None:
    setup = (step(1, "failed", name="Create the user", error="That name is taken", location="scenarios/a.yaml:6"),)
    card = card_of(run(journey(task("find", "skipped", error="skipped: the setup failed"), setup=setup,
                               file="scenarios/a.yaml", trace="journeys/shop/trace.zip",
                               error="the setup failed at step 1 (Create the user): That name is taken")))
    document = junit.render(card, RUN)
    SCHEMA.validate(document)
    error = ET.fromstring(document).find("testsuite/testcase[@name='Setup']/error")
    assert error is not None and "Step 1 (Create the user) at scenarios/a.yaml:6: That name is taken" in (
        error.text or "")
    assert "Rerun: uxaudit run scenarios/a.yaml --journey" in (error.text or "")
    assert "✗ Shop  scenarios/a.yaml:6" in terminal_text(card, 120)
    page = html.render(card, tmp_path)
    assert 'In the journey file: <code class="cmd">scenarios/a.yaml:6</code>' in page
    assert '<details class="more hooks" open>\n  <summary>Setup before the first task' in page


def test_junit_shows_a_failed_setup_as_an_error_of_its_own_with_its_attachments() -> None:
    shot = "screenshots/shop/setup-1-failure.png"
    setup = (step(1, name="Open the admin"), step(2, "failed", name="Create the user", error="That name is taken",
                                                   location="scenarios/a.yaml:6", screenshot=shot))
    card = card_of(replace(run(journey(task("find", "skipped", error="skipped: the setup failed"),
                                       task("pay", "skipped", error="skipped: the setup failed"), setup=setup,
                                       file="scenarios/a.yaml", trace="journeys/shop/trace.zip",
                                       error="the setup failed at step 2 (Create the user): That name is taken")),
                           paths=("scenarios",)))
    document = junit.render(card, RUN)
    SCHEMA.validate(document)
    suite = ET.fromstring(document).find("testsuite")
    assert suite is not None and suite.find("system-err") is None  # all of it is in the Setup test case
    counts = [suite.get(key) for key in ("tests", "errors", "failures", "skipped")]
    assert counts == ["3", "1", "0", "2"]
    setup_case = suite.find("testcase")
    assert setup_case is not None and (setup_case.get("name"), setup_case.get("classname")) == ("Setup", "shop")
    error = setup_case.find("error")
    assert error is not None and error.get("type") == "setup-failed"
    assert error.get("message") == "the setup failed at step 2 (Create the user): That name is taken"
    assert (error.text or "").splitlines() == [
        "Step 2 (Create the user) at scenarios/a.yaml:6: That name is taken",
        f"Screenshot: {RUN / shot}",
        f"Trace: playwright show-trace --port 0 {RUN}/journeys/shop/trace.zip (or open it on "
        "https://trace.playwright.dev: the file stays on your machine)",
        "Rerun: uxaudit run scenarios --journey shop --base-url http://shop.test"]
    assert (setup_case.findtext("system-out") or "").splitlines() == [
        f"[[ATTACHMENT|{RUN / shot}]]", f"[[ATTACHMENT|{RUN}/journeys/shop/trace.zip]]"]


def test_junit_has_no_setup_test_case_when_the_setup_passed() -> None:
    card = card_of(run(journey(task(), setup=(step(1),))))
    assert "Setup" not in junit.render(card, RUN)


def test_the_report_gives_a_flaky_tasks_repeat_its_own_recording(tmp_path: Path) -> None:
    first = journey(task("pay"), file="scenarios/shop.yaml")
    again = journey(failed_task("pay"), repeat=2, trace="journeys/shop-2/trace.zip")
    page = html.render(card_of(replace(run(first), repeats=(again,))), tmp_path)
    assert "<strong>Pay</strong> failed in run 2:" in page and 'href="journeys/shop-2/trace.zip"' in page


def test_unmet_success_criteria_are_located_at_the_first_unmet_one() -> None:
    criteria = (CriterionResult("the address is /cart", True, location="scenarios/a.yaml:9"),
                CriterionResult("“Thanks” is visible", False, "not visible", location="scenarios/a.yaml:10"))
    unmet = task("pay", "failed", error="Expected that “Thanks” is visible", criteria=criteria)
    (failure,) = failures(card_of(run(journey(unmet, file="scenarios/a.yaml"))))
    assert failure.where == "scenarios/a.yaml:10"
