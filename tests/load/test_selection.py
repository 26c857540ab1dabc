"""Choosing part of the suite: -k expressions, --journey and --task globs, --last-failed (over a real history)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from tests.builders import journey, run, task
from uxaudit import pipeline
from uxaudit.errors import UsageError
from uxaudit.load.config import RunConfig
from uxaudit.load.keyword_expression import parse_keyword
from uxaudit.load.scenario import slugify
from uxaudit.load.selection import Selection
from uxaudit.run_folder import RunFolder

BASE = "http://shop.test"
SUITE = {
    "checkout.yaml": ("Buy a lamp", ["smoke", "money"], ["Find a lamp", "Add to cart", "Pay", "Get a receipt"]),
    "search.yaml": ("Search the catalog", ["smoke"], ["Search", "Filter"]),
    "account.yaml": ("Sign up", ["slow"], ["Create an account"]),
}


@pytest.fixture
def suite(tmp_path: Path) -> Path:
    folder = tmp_path / "journeys"
    folder.mkdir()
    for file, (name, tags, tasks) in SUITE.items():
        listed = "".join(f"  - name: {t}\n    steps:\n      - goto: /\n" for t in tasks)
        (folder / file).write_text(f"name: {name}\nbase_url: {BASE}\ntags: [{', '.join(tags)}]\ntasks:\n{listed}")
    return folder


def chosen(suite: Path, **config: Any) -> Selection:
    return pipeline.load_selected([suite], RunConfig(history=str(suite.parent / "h.sqlite"), **config))


def ids(selection: Selection) -> list[str]:
    return [j.id for j in selection.journeys]


# -k: the expression itself

def words_matching(expression: str, *words: str) -> bool:
    return parse_keyword(expression)(lambda word: word in words)


@pytest.mark.parametrize(("expression", "words", "expected"), [
    ("checkout", ("checkout",), True),
    ("checkout and not slow", ("checkout",), True),
    ("checkout and not slow", ("checkout", "slow"), False),
    ("a or b and c", ("a",), True),  # and binds tighter than or, as in pytest and Python
    ("(a or b) and c", ("a",), False),
    ("not not a", ("a",), True),
    ("not (a or b)", ("c",), True),
])
def test_k_expressions_combine_words_as_pytest_does(expression: str, words: tuple[str, ...], expected: bool) -> None:
    assert words_matching(expression, *words) is expected


@pytest.mark.parametrize(("expression", "problem"), [
    ("checkout and", "expected a word after 'and'"),
    ("not", "expected a word after 'not'"),
    ("and checkout", "expected a word before 'and'"),
    ("(checkout", "a '(' is never closed"),
    ("checkout)", "a ')' has no '(' before it"),
    ("checkout search", "expected 'and' or 'or' between 'checkout' and 'search'"),
    ("()", "expected a word after '('"),
])
def test_a_malformed_k_expression_is_one_line_that_says_what_is_wrong(expression: str, problem: str) -> None:
    with pytest.raises(UsageError) as caught:
        parse_keyword(expression)
    assert str(caught.value).startswith(f"-k '{expression}': {problem} (")
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize("expression", ["not " * 1200 + "slow", "(" * 1200 + "slow" + ")" * 1200])
def test_a_k_expression_nested_too_deep_is_a_usage_error_not_a_crash(expression: str) -> None:
    with pytest.raises(UsageError) as caught:
        parse_keyword(expression)
    message = str(caught.value)
    assert "more than 100 'not's and '('s inside one another" in message
    assert "\n" not in message and len(message) < 300


def test_a_k_expression_nested_100_deep_still_works() -> None:
    assert words_matching("not " * 100 + "slow", "slow") is True
    assert words_matching("(" * 99 + "not slow" + ")" * 99, "slow") is False


def test_k_matches_parts_of_ids_file_names_and_names_and_whole_tags(suite: Path) -> None:
    assert ids(chosen(suite, keyword="CHECK")) == ["checkout"]  # part of the id, any case
    assert ids(chosen(suite, keyword="catalog")) == ["search"]  # part of the name
    assert ids(chosen(suite, keyword="account.yaml")) == ["account"]  # the file name
    assert ids(chosen(suite, keyword="smoke and not money")) == ["search"]  # tags
    assert ids(chosen(suite, keyword="sign or slow")) == ["account"]
    with pytest.raises(UsageError, match=r"no journey matches -k sm; the journeys are: account \(Sign up\) \[slow\], "):
        chosen(suite, keyword="sm")  # a tag is matched whole, never in part


def test_journey_globs_match_ids_file_names_paths_and_names(suite: Path) -> None:
    assert ids(chosen(suite, journey_patterns=("check*",))) == ["checkout"]
    assert ids(chosen(suite, journey_patterns=("search.yaml",))) == ["search"]
    assert ids(chosen(suite, journey_patterns=(f"{suite.as_posix()}/acc*",))) == ["account"]
    assert ids(chosen(suite, journey_patterns=("sign UP", "buy *"))) == ["account", "checkout"]  # suite order


def test_a_journey_path_may_be_relative_to_a_folder_in_paths(suite: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (suite / "account").mkdir()
    (suite / "account" / "my-account.yaml").write_text(f"name: Mine\nbase_url: {BASE}\nsteps:\n  - goto: /\n")
    monkeypatch.chdir(suite.parent)
    for pattern in ("account/*", "account/my-account.yaml", "journeys/account/*"):
        selection = pipeline.load_selected([Path("journeys")], RunConfig(journey_patterns=(pattern,)))
        assert ids(selection) == ["my-account"], pattern
    assert ids(chosen(suite, journey_patterns=("account/*",))) == ["my-account"]  # PATHS given absolute


def test_a_journey_glob_that_matches_nothing_names_the_journeys_there_are(suite: Path) -> None:
    with pytest.raises(UsageError) as caught:
        chosen(suite, journey_patterns=("chekout",))
    assert str(caught.value) == ("no journey matches --journey chekout; the journeys are: account (Sign up) [slow], "
                                 "checkout (Buy a lamp) [smoke, money], search (Search the catalog) [smoke]")


def test_filters_narrow_one_after_the_other_and_say_which_chose_before(suite: Path) -> None:
    with pytest.raises(UsageError, match=r"no journey matches -k slow among those --journey 'se\*' chose; "
                                         r"the journeys are: search "):
        chosen(suite, journey_patterns=("se*",), keyword="slow")


def test_task_keeps_the_tasks_up_to_the_last_matching_one(suite: Path) -> None:
    selection = chosen(suite, task_patterns=("pay",))
    (checkout,) = selection.journeys
    assert [t.name for t in checkout.tasks] == ["Find a lamp", "Add to cart", "Pay"]
    assert selection.words == ("--task pay", "1 of 3 journeys (3 of their 4 tasks)")
    both = chosen(suite, task_patterns=("checkout/add-to-cart", "Filt*"))
    assert [(j.id, len(j.tasks)) for j in both.journeys] == [("checkout", 2), ("search", 2)]


def test_a_task_glob_that_matches_nothing_names_the_tasks(suite: Path) -> None:
    with pytest.raises(UsageError, match=r"^no task matches --task 'Refund\*'; the tasks are: Create an account "
                                         r"\(account\), Find a lamp \(checkout\), "):
        chosen(suite, task_patterns=("Refund*",))


def test_the_selection_in_words_is_empty_when_nothing_was_left_out(suite: Path) -> None:
    assert chosen(suite).words == ()
    assert chosen(suite, journey_patterns=("*",)).words == ()  # every journey, every task: a whole run
    assert chosen(suite, tags=("smoke",)).words == ()  # --tag is a whole-suite run (CI gates use tags)
    assert chosen(suite, journey_patterns=("search",), keyword="smoke").words == (
        "--journey search", "-k smoke", "1 of 3 journeys")


# --last-failed over a real history

def store(suite: Path, run_id: str, *journeys: Any, selection: tuple[str, ...] = ()) -> None:
    """A run kept in the suite's history, as `uxaudit run` keeps it."""
    artifacts = replace(run(*journeys), run_id=run_id, started_at=f"2026-11-22T12:00:0{run_id[-1]}+00:00",
                        base_url=BASE, selection=selection)
    settings = RunConfig(history=str(suite.parent / "h.sqlite"))
    pipeline.audit_and_report(artifacts, RunFolder(suite.parent / run_id), settings)


def ran(journey_id: str, *statuses: str) -> Any:
    """The journey of the suite as a run recorded it: its tasks (the first ones) with these statuses."""
    names = SUITE[f"{journey_id}.yaml"][2]
    return journey(*(task(slugify(name), status) for name, status in zip(names, statuses, strict=False)),
                   journey_id=journey_id, base_url=BASE)


def passing(journey_id: str) -> Any:
    return ran(journey_id, *["passed"] * len(SUITE[f"{journey_id}.yaml"][2]))


def failing(journey_id: str) -> Any:
    return ran(journey_id, "failed", *["skipped"] * (len(SUITE[f"{journey_id}.yaml"][2]) - 1))


def test_last_failed_runs_the_journeys_that_failed_when_they_last_ran(suite: Path) -> None:
    store(suite, "run-1", failing("checkout"), failing("search"), passing("account"))
    store(suite, "run-2", passing("search"), selection=("--journey search", "1 of 3 journeys"))  # a rerun fixed it
    selection = chosen(suite, last_failed=True)
    assert ids(selection) == ["checkout"] and selection.notes == ()
    assert selection.words == ("--last-failed", "1 of 3 journeys")


def test_a_skipped_task_counts_as_not_passed(suite: Path) -> None:
    store(suite, "run-1", journey(task("create-an-account", "skipped"), journey_id="account", base_url=BASE))
    assert ids(chosen(suite, last_failed=True)) == ["account"]


def test_each_task_is_judged_by_the_newest_run_that_ran_it(suite: Path) -> None:
    store(suite, "run-1", ran("checkout", "passed", "passed", "failed", "skipped"), ran("search", "failed", "skipped"))
    store(suite, "run-2", ran("checkout", "passed", "passed", "passed"), selection=("--task pay",))  # Pay fixed
    store(suite, "run-3", ran("search", "passed"), selection=("--task search",))  # Filter not run again
    # checkout: its receipt task has not passed since; search: its filter task was skipped when it last ran
    assert ids(chosen(suite, last_failed=True)) == ["checkout", "search"]
    store(suite, "run-4", passing("checkout"), ran("search", "passed", "passed"))
    assert chosen(suite, last_failed=True).notes == ("--last-failed: no journey failed when it last ran; "
                                                     "running all 3 journeys",)


def test_tasks_no_longer_in_the_journey_do_not_count(suite: Path) -> None:
    store(suite, "run-1", journey(task("an-old-task", "failed"), journey_id="search", base_url=BASE))
    assert chosen(suite, last_failed=True).words == ()


def test_last_failed_combines_with_the_other_filters(suite: Path) -> None:
    store(suite, "run-1", failing("checkout"), passing("search"), failing("account"))
    selection = chosen(suite, last_failed=True, keyword="smoke")  # checkout and search have the tag
    assert ids(selection) == ["checkout"]
    assert selection.words == ("-k smoke", "--last-failed", "1 of 3 journeys")


def test_with_nothing_failed_last_failed_runs_everything_and_says_so(suite: Path) -> None:
    store(suite, "run-1", passing("checkout"), passing("search"), passing("account"))
    selection = chosen(suite, last_failed=True)
    assert ids(selection) == ["account", "checkout", "search"] and selection.words == ()  # not a partial run
    assert selection.notes == ("--last-failed: no journey failed when it last ran; running all 3 journeys",)


def test_without_history_of_the_site_last_failed_runs_everything_and_says_so(suite: Path) -> None:
    selection = chosen(suite, last_failed=True)  # no history file at all
    assert len(selection.journeys) == 3 and selection.words == ()
    assert selection.notes == (f"--last-failed: the run history holds no earlier run of {BASE}; "
                               "running all 3 journeys",)
    store(suite, "run-1", failing("checkout"))
    other_site = chosen(suite, last_failed=True, base_url="http://elsewhere.test")
    assert len(other_site.journeys) == 3 and "no earlier run of http://elsewhere.test" in other_site.notes[0]


def test_the_base_url_is_known_in_load_for_last_failed(tmp_path: Path) -> None:
    """Journeys without a base URL of their own get the run's, and their outcomes are looked up there."""
    folder = tmp_path / "journeys"
    folder.mkdir()
    for name in ("Checkout", "Search"):  # a journey of steps alone is one task named as the journey
        (folder / f"{name.lower()}.yaml").write_text(f"name: {name}\nsteps:\n  - goto: /\n")
    store(folder, "run-1", journey(task("checkout", "failed"), journey_id="checkout", base_url=BASE),
          journey(task("search"), journey_id="search", base_url=BASE))
    selection = chosen(folder, last_failed=True, base_url=BASE)
    assert ids(selection) == ["checkout"] and selection.words == ("--last-failed", "1 of 2 journeys")
