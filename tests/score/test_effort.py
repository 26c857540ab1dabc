"""The visitor's story in numbers: a task's effort, Smith's lostness, and a journey's funnel over
its runs, as the scorecard carries them."""

from __future__ import annotations

from dataclasses import replace

import pytest

from tests.builders import BASE, console, failed_task, journey, run, step, task, visit
from uxaudit.artifacts import ElementInfo, FieldCheck, StepRecord
from uxaudit.audits import run_audits
from uxaudit.audits.base import AuditInput
from uxaudit.score.effort import journey_effort, lostness, lostness_band, task_effort
from uxaudit.score.funnel import journey_funnel
from uxaudit.score.gate import evaluate_gate
from uxaudit.score.scorecard import build_scorecard
from uxaudit.score.scoring import score_run


def test_lostness_is_zero_on_the_shortest_path() -> None:
    assert lostness(distinct=4, visits=4, optimal=4) == 0.0


def test_lostness_worked_example_a_visitor_who_browses_back_and_forth() -> None:
    # The shortest path is 4 pages: home, search, product, cart (R = 4). One visitor went home,
    # search, product A, search, product B, cart: S = 6 visits, N = 5 distinct pages:
    # L = sqrt((5/6 - 1)^2 + (4/5 - 1)^2) = sqrt(0.0278 + 0.04) = 0.260, not lost.
    assert lostness(5, 6, 4) == pytest.approx(0.2603, abs=1e-4)
    assert lostness_band(lostness(5, 6, 4)) == "not-lost"
    # Another opened four products through the search before the cart: S = 10, N = 7,
    # L = sqrt((7/10 - 1)^2 + (4/7 - 1)^2) = sqrt(0.09 + 0.1837) = 0.523: lost (over 0.5).
    assert lostness(7, 10, 4) == pytest.approx(0.5231, abs=1e-4)
    assert lostness_band(lostness(7, 10, 4)) == "lost"


@pytest.mark.parametrize(("value", "band"), [(0.39, "not-lost"), (0.4, "unclear"), (0.5, "unclear"),
                                             (0.51, "lost"), (None, None)])
def test_lostness_bands_are_smiths(value: float | None, band: str | None) -> None:
    assert lostness_band(value) == band


def test_fewer_pages_than_the_shortest_path_is_not_lost() -> None:
    """A task that began on the page the task before it left sees fewer pages than its shortest path."""
    assert lostness(2, 2, 4) == 0.0 and lostness_band(lostness(2, 2, 4)) == "not-lost"


def test_lostness_needs_the_shortest_path_and_some_pages() -> None:
    assert lostness(3, 3, None) is None and lostness(0, 0, 2) is None


def test_a_task_declaring_its_shortest_path_gets_its_lostness_from_its_pages() -> None:
    paths = ("/", "/search?q=shoes", "/products/a", "/search?q=shoes", "/products/b", "/cart")
    pages = tuple(visit(p, index=i, step=i) for i, p in enumerate(paths, start=1))
    effort = task_effort(journey(), task(pages=pages, optimal_steps=4))
    assert effort["distinct_pages"] == 5 and effort["pages"] == 6 and effort["optimal_pages"] == 4
    assert effort["lostness"] == 0.26 and effort["lostness_band"] == "not-lost"
    assert effort["backtracks"] == 1  # search, product A, search
    assert task_effort(journey(), task(pages=pages))["lostness"] is None
    assert task_effort(journey(), task(status="failed", pages=pages, optimal_steps=4))["lostness"] is None


def _checkout() -> tuple[StepRecord, ...]:
    typed = FieldCheck("Search", typed="trail shoes", kept="trail shoes", kept_typed=True)
    secret = FieldCheck("Password", typed="•••", kept="•••", kept_typed=True)
    steps = (step(1, duration_ms=300.0),
             step(2, action="fill", name="Type into Search", target="Search", duration_ms=50.0, field_check=typed),
             step(3, action="press", name="Press Enter", target="Enter", duration_ms=200.0, interaction_ms=200.0),
             step(4, action="fill", name="Type into Password", target="Password", duration_ms=40.0,
                  field_check=secret),
             step(5, action="click", name="Click “Add”", target="“Add”", duration_ms=400.0, interaction_ms=900.0,
                  effect="requests", element=ElementInfo("button", "Add"), url_before=BASE + "/search",
                  url=BASE + "/search", console=(console("TypeError: cart is null", page="/search"),)),
             step(6, action="expect", name="Check that “Added” is visible", target=None, duration_ms=1000.0),
             step(7, action="check", name="Tick “Gift”", target="“Gift”", duration_ms=10.0))
    return steps


def test_effort_counts_what_the_visitor_did_and_waited_for() -> None:
    steps = _checkout()
    pages = (visit("/", step=1, load_ms=250.0), visit("/search", index=2, step=3, load_ms=150.0))
    effort = task_effort(journey(), task(steps=steps, pages=pages, duration_ms=2100.0, criteria_ms=100.0))
    assert effort["steps"] == 7 and effort["clicks"] == 2  # the click and the tick
    assert effort["keystrokes"] == 12 and effort["keystrokes_unknown"] == 1  # 11 characters and Enter; a secret
    assert effort["pages"] == 2 and effort["documents"] == 2 and effort["routes"] == 0
    # Waiting: the goto (300), Enter until answered (200), the click until answered (its 400 in the
    # step; the rest the expect saw), the expect (1000). Acting: the fills and the tick (100).
    times = (effort["time_ms"], effort["waiting_ms"], effort["acting_ms"], effort["checking_ms"])
    assert times == (2100, 1900, 100, 100)
    assert effort["error_clicks"] == 1 and effort["failed_steps"] == 0
    assert effort["errors"] == 1 and effort["error_rate"] == round(1 / 7, 3)


def test_a_skipped_task_cost_nothing_and_a_journey_adds_its_tasks_up() -> None:
    shop = journey(task("find"), failed_task("pay"), task("track", "skipped", steps=(step(1, "skipped"),), pages=(),
                                                          duration_ms=0.0))
    efforts = [task_effort(shop, t) for t in shop.tasks]
    assert efforts[2]["steps"] == 0 and efforts[2]["time_ms"] == 0 and efforts[2]["lostness"] is None
    total = journey_effort(shop)
    assert total["steps"] == 3 and total["failed_steps"] == 1 and total["error_rate"] == round(1 / 3, 3)
    assert total["lost_tasks"] == 0


def test_the_funnel_counts_who_reached_and_completed_each_task_over_the_runs() -> None:
    first = journey(task("find", name="Find the product"), task("pay", name="Pay"))
    second = journey(task("find", name="Find the product"), failed_task("pay"), repeat=2)
    third = journey(failed_task("find"), task("pay", "skipped"), repeat=3)
    other = journey(journey_id="blog", repeat=2)
    funnel = journey_funnel(first, (second, third, other))
    assert funnel == {"runs": 3, "steps": [
        {"task": "shop/find", "name": "Find the product", "reached": 3, "completed": 2},
        {"task": "shop/pay", "name": "Pay", "reached": 2, "completed": 1}],
        "sentence": "3 started · 2 completed “Find the product” · 1 completed “Pay”"}


def test_a_single_run_funnel_is_zero_or_one_and_a_skipped_task_was_not_reached() -> None:
    funnel = journey_funnel(journey(failed_task("find"), task("pay", "skipped")))
    assert [(s["reached"], s["completed"]) for s in funnel["steps"]] == [(1, 0), (0, 0)]
    assert funnel["sentence"] == "1 started · 0 completed “Find” · 0 completed “Pay”"


def test_the_scorecard_carries_effort_and_funnel() -> None:
    second = journey(task(), repeat=2)
    artifacts = replace(run(), repeats=(second,))
    scores = score_run(artifacts, run_audits(AuditInput(artifacts)))
    card = build_scorecard(artifacts, [], scores, evaluate_gate(artifacts, scores))
    shop = card["journeys"][0]
    assert shop["funnel"]["runs"] == 2 and shop["funnel"]["steps"][0]["completed"] == 2
    assert shop["effort"]["steps"] == 1 and shop["tasks"][0]["effort"]["pages"] == 1


def test_a_type_step_counts_the_keys_it_typed() -> None:
    typed = (step(1, action="type", name="Type into the editor", target="the focused element", keys=14),
             step(2, action="type", name="Type “x”", target="“Editor”", keys=None))  # recorded before `keys`
    effort = task_effort(journey(), task(steps=typed))
    assert effort["keystrokes"] == 14 and effort["keystrokes_unknown"] == 1
