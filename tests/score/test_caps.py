"""Honest scores: a skipped task is not a second 0, an error-level finding keeps every level that
holds it below "good", a failed task is poor, and journeys weigh by their importance (docs/scoring.md)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from tests.builders import BASE, failed_task, journey, run, step, task, visit
from uxaudit.artifacts import A11yViolation, RunArtifacts
from uxaudit.audits import run_audits
from uxaudit.audits.base import AuditInput, Finding
from uxaudit.audits.weights import Weights
from uxaudit.load.gate_rules import GateRule
from uxaudit.report import junit, terminal
from uxaudit.score.caps import ERROR_CAP, FAILED_TASK_CAP, POOR_AREA_CAP
from uxaudit.score.gate import evaluate_gate
from uxaudit.score.scorecard import build_scorecard
from uxaudit.score.scoring import RunScores, score_run
from uxaudit.verdicts import grade, rating


def audited(artifacts: RunArtifacts, weights: Weights | None = None) -> tuple[list[Finding], RunScores]:
    findings = run_audits(AuditInput(artifacts))
    return findings, score_run(artifacts, findings, weights=weights)


def card_of(artifacts: RunArtifacts) -> dict[str, Any]:
    findings, scores = audited(artifacts)
    return build_scorecard(artifacts, findings, scores, evaluate_gate(artifacts, scores))


def axe(rule: str, impact: str, page: str) -> A11yViolation:
    return A11yViolation(rule=rule, impact=impact, help=f"{rule} rule", help_url=f"https://axe.test/{rule}", nodes=1,
                         targets=(f"#{rule}",), wcag=("wcag111",), page_url=BASE + page)


def slow_click(ms: float = 6100.0) -> tuple[Any, ...]:
    """A support chat that answers a message after `ms`."""
    return (step(1), step(2, action="click", name="Click “Send”", effect="requests", interaction_ms=ms,
                          url=BASE + "/support"))


# --- a skipped task -------------------------------------------------------------------------------

def test_a_skipped_task_is_not_reached_not_a_second_zero() -> None:
    scores = audited(run(journey(failed_task(), task("after", "skipped"))))[1]
    assert scores.tasks["shop/after"].score is None
    # the journey is the failed task alone: capped by that failure, not counted twice (once 20)
    assert scores.journeys["shop"] == FAILED_TASK_CAP == scores.site


def test_a_skipped_task_in_the_scorecard_is_not_reached_and_keeps_the_contracts_0() -> None:
    """Scorecards before 1.5 gave a skipped task 0, F, poor: readers of the contract still get numbers,
    and `reached` says it was never tried (it does not count in its journey's score)."""
    card = card_of(run(journey(task(), failed_task(), task("after", "skipped"))))
    skipped = card["journeys"][0]["tasks"][2]
    assert (skipped["status"], skipped["reached"], skipped["score"], skipped["rating"], skipped["grade"]) == (
        "skipped", False, 0, "poor", "F")
    assert card["journeys"][0]["tasks"][1]["reached"] is True
    assert skipped["uncapped"] is None and skipped["capped_by"] == [] and skipped["categories"] == {}
    assert card["journeys"][0]["score"] == round((100 + FAILED_TASK_CAP) / 2)


def test_a_journey_whose_browser_did_not_start_scores_0() -> None:
    never = journey(task("a", "skipped"), task("b", "skipped"), error="the browser did not start", journey_id="x")
    scores = audited(run(journey(), never))[1]
    assert scores.journeys["x"] == 0 and scores.site <= ERROR_CAP


def test_readers_of_task_scores_cope_with_a_skipped_task(tmp_path: Any) -> None:
    from rich.console import Console

    card = card_of(run(journey(failed_task(), task("after", "skipped"))))
    console = Console(record=True, width=200, color_system=None)
    console.print(terminal.summary(card, None))
    text = console.export_text()
    assert "None" not in text and "not reached" in text
    xml = junit.render(card)
    assert "score None" not in xml and "score 40/100" in xml


def test_a_min_score_rule_on_a_skipped_task_says_it_was_not_reached() -> None:
    artifacts = run(journey(failed_task(), task("after", "skipped")))
    findings, scores = audited(artifacts)
    rule = GateRule.model_validate({"target": "task", "id": "shop/after", "min_score": 50})
    check = evaluate_gate(artifacts, scores, rules=[rule], findings=findings).checks[-1]
    assert not check.passed and check.value == "it was not reached, so it has no score"


# --- caps -----------------------------------------------------------------------------------------

def test_an_error_level_speed_finding_keeps_speed_and_every_level_below_good() -> None:
    chat = task("ask", steps=slow_click())  # 6.1 s: an error (slow-interaction scores it 0.3)
    findings, scores = audited(run(journey(chat, *(task(f"t{i}") for i in range(9)))))
    [slow] = [f for f in findings if f.audit == "slow-interaction"]
    assert slow.severity == "error"
    ask = scores.tasks["shop/ask"]
    assert ask.categories["speed"] == ERROR_CAP / 100 and ask.category_caps["speed"].uncapped == 90
    assert ask.score == ERROR_CAP and ask.cap is not None and ask.cap.capped_by == (slow.id,)
    # nine clean tasks do not dilute it back to "good"
    assert scores.caps.categories["speed"].uncapped == 99 and scores.categories["speed"] == ERROR_CAP
    assert scores.journeys["shop"] == ERROR_CAP and scores.site == ERROR_CAP
    assert scores.caps.site.capped_by == (slow.id,) and scores.caps.categories["speed"].capped_by == (slow.id,)


def test_a_slow_main_content_is_an_error_and_caps_speed() -> None:
    product = visit("/products/shoes", lcp_ms=3600.0, title="Trail shoes")
    findings, scores = audited(run(*(journey(task(pages=(product,)), journey_id=f"j{i}") for i in range(3)),
                                   *(journey(journey_id=f"clean{i}") for i in range(7))))
    assert {f.severity for f in findings if f.audit == "largest-contentful-paint"} == {"error"}
    assert scores.categories["speed"] <= ERROR_CAP and rating(scores.site) != "good"


def test_a_warning_caps_nothing() -> None:
    chat = task("ask", steps=slow_click(1500.0))  # 1.5 s: a warning
    findings, scores = audited(run(journey(chat)))
    assert [f.severity for f in findings] == ["warning"]
    assert scores.tasks["shop/ask"].cap is not None and scores.tasks["shop/ask"].cap.capped_by == ()
    assert scores.site == scores.caps.site.uncapped >= 90


def test_a_failed_task_keeps_its_journey_and_the_site_from_an_a() -> None:
    perfect = [journey(journey_id=f"browse{i}") for i in range(9)]
    findings, scores = audited(run(journey(*(task(f"t{i}") for i in range(6)), failed_task()), *perfect))
    [failure] = [f for f in findings if f.audit == "task-success"]
    assert scores.tasks["shop/checkout"].score == FAILED_TASK_CAP
    assert scores.journeys["shop"] == ERROR_CAP and scores.caps.journeys["shop"].capped_by == (failure.id,)
    assert scores.site == ERROR_CAP and grade(scores.site) == "B" and failure.id in scores.caps.site.capped_by


def test_a_failed_task_is_capped_by_its_failure_not_by_its_other_errors() -> None:
    steps = (step(1, accessibility=(axe("image-alt", "critical", "/"),)), *failed_task().steps[1:])
    failing = replace(failed_task(), steps=steps)
    scores = audited(run(journey(failing)))[1]
    cap = scores.tasks["shop/checkout"].cap
    assert cap is not None and cap.score == FAILED_TASK_CAP and [i.split(":")[0] for i in cap.capped_by] == [
        "task-success"]


def test_errors_that_change_no_score_hold_nothing_down() -> None:
    crashed = Finding(audit="console-error", category="stability", severity="error", score=1.0, title="crashed",
                      description="", hint="", journey="", journey_name="")
    lighthouse = Finding(audit="lighthouse", category="lighthouse", severity="error", score=0.1, title="low",
                         description="", hint="", journey="shop", journey_name="Shop", task="shop/find")
    scores = score_run(run(), [crashed, lighthouse])
    assert scores.site == 100 and scores.caps.site.capped_by == ()


def test_an_error_of_a_category_weighted_0_caps_that_category_only() -> None:
    chat = task("ask", steps=slow_click())
    weights = Weights().overridden({"speed": 0}, {})
    scores = audited(run(journey(chat)), weights)[1]
    assert scores.categories["speed"] == ERROR_CAP and scores.site == 100
    cap = scores.tasks[f"{journey().id}/ask"].cap
    assert cap is not None and cap.capped_by == () and scores.caps.site.capped_by == ()  # nothing it lowered


def test_an_audit_weighted_0_caps_nothing() -> None:
    chat = task("ask", steps=slow_click())
    scores = audited(run(journey(chat)), Weights().overridden({}, {"slow-interaction": 0}))[1]
    assert scores.categories["speed"] == 100 and scores.site == 100


def test_the_scorecard_says_which_findings_capped_each_level() -> None:
    card = card_of(run(journey(task("ask", steps=slow_click()), journey_id="support"), journey(journey_id="shop")))
    [slow] = [f["id"] for f in card["findings"] if f["audit"] == "slow-interaction"]
    assert (card["score"], card["uncapped"], card["capped_by"]) == (ERROR_CAP, 99, [slow])
    speed = next(c for c in card["categories"] if c["id"] == "speed")
    assert (speed["score"], speed["uncapped"], speed["capped_by"]) == (ERROR_CAP, 95, [slow])
    support, shop = card["journeys"]
    assert (support["score"], support["uncapped"], support["capped_by"]) == (ERROR_CAP, 98, [slow])
    assert (shop["score"], shop["uncapped"], shop["capped_by"], shop["importance"]) == (100, 100, [], 1.0)
    ask = support["tasks"][0]
    assert (ask["score"], ask["uncapped"], ask["capped_by"]) == (ERROR_CAP, 98, [slow])
    assert ask["categories"]["speed"] == ERROR_CAP and ask["categories_capped_by"] == {"speed": [slow]}


# --- importance -----------------------------------------------------------------------------------

def test_the_site_is_the_importance_weighted_mean_of_the_journeys() -> None:
    checkout = journey(task(), failed_task(), journey_id="checkout", importance=3.0)
    browse = journey(journey_id="browse")
    scores = audited(run(checkout, browse))[1]
    assert scores.journeys == {"checkout": 70, "browse": 100}
    assert scores.site == round((3 * 70 + 100) / 4) == 78
    assert card_of(run(checkout, browse))["journeys"][0]["importance"] == 3.0


# --- a real-world-like run: many accessibility errors, everything else fine -----------------------

PAGES = {  # page → the axe rules it breaks
    "/": [("image-alt", "critical"), ("color-contrast", "serious"), ("link-name", "serious")],
    "/search": [("label", "critical"), ("color-contrast", "serious")],
    "/products/42": [("image-alt", "critical"), ("button-name", "critical"), ("color-contrast", "serious")],
    "/cart": [("button-name", "critical"), ("color-contrast", "serious")],
    "/checkout": [("label", "critical"), ("color-contrast", "serious"), ("aria-required-attr", "critical")],
    "/account": [("label", "critical"), ("color-contrast", "serious")],
    "/help": [("link-name", "serious"), ("color-contrast", "serious"), ("heading-order", "moderate"),
              ("region", "minor")],
}


def _page_task(task_id: str, *paths: str, load_ms: float = 900.0) -> Any:
    steps = tuple(step(i, url=BASE + path, accessibility=tuple(axe(r, impact, path) for r, impact in PAGES[path]))
                  for i, path in enumerate(paths, start=1))
    pages = tuple(visit(path, index=i, step=i, load_ms=load_ms, lcp_ms=700.0) for i, path in enumerate(paths, 1))
    return task(task_id, steps=steps, pages=pages)


def real_world_like() -> RunArtifacts:
    """Seven tasks that all complete, quick pages (one a little slow), and 23 critical or serious axe
    violations (a finding per rule per page per task) with a few moderate and minor ones."""
    return run(journey(_page_task("home", "/"), _page_task("search", "/search"),
                       _page_task("product", "/products/42", load_ms=3000.0), journey_id="browse"),
               journey(_page_task("cart", "/products/42", "/cart"), _page_task("pay", "/checkout"),
                       journey_id="checkout", importance=3.0),
               journey(_page_task("sign-in", "/account"), journey_id="account"),
               journey(_page_task("contact", "/", "/help"), journey_id="support"))


def test_a_site_with_many_accessibility_errors_is_not_good() -> None:
    findings, scores = audited(real_world_like())
    errors = [f for f in findings if f.audit == "accessibility" and f.severity == "error"]
    assert len(errors) == 23  # every critical or serious rule on every page, task by task
    assert scores.caps.site.uncapped >= 90  # what the mean alone says: the old model's grade A
    assert scores.categories["accessibility"] < 50 and rating(scores.categories["accessibility"]) == "poor"
    assert scores.site == POOR_AREA_CAP and grade(scores.site) == "C"  # a whole area done poorly: at best a C
    assert scores.caps.site.capped_by and set(scores.caps.site.capped_by) <= {f.id for f in errors}
    assert all(scores.journeys[j] <= ERROR_CAP for j in ("browse", "checkout", "account", "support"))


# --- the worked examples in docs/scoring.md -------------------------------------------------------

def test_a_poor_area_held_by_warnings_only_caps_nothing_more() -> None:
    """The poor-area ceiling, like the others, is held by errors: a category low through warnings alone
    (here every page a little slow) leaves the site under its usual ceilings only."""
    slow = run(journey(task("a", pages=(visit("/", load_ms=2500, lcp_ms=1800),))))
    findings, scores = audited(slow)
    assert not [f for f in findings if f.severity == "error"] and scores.caps.site.capped_by == ()


def test_the_worked_example_journey_and_site() -> None:
    from tests.builders import console

    product = visit("/products/shoes", step=1, load_ms=3500)
    first = task("find", pages=(product,), steps=(step(console=(console("TypeError: boom"),)),))
    shop = journey(first, failed_task("check-out"), task("track", "skipped"), journey_id="shop")
    blog = journey(journey_id="blog")
    _, scores = audited(run(replace(shop, importance=3.0), blog))
    assert scores.tasks["shop/find"].score == 98 and scores.tasks["shop/track"].score is None
    cap = scores.tasks["shop/check-out"].cap
    assert cap is not None and (cap.uncapped, cap.score) == (60, 40)
    assert scores.journeys["shop"] == 69 and scores.site == 77
    assert audited(run(shop, blog))[1].site == 84


def test_the_worked_example_of_caps() -> None:
    support = journey(task("ask-the-support-chat", steps=slow_click()), task("find-the-email"),
                      journey_id="ask-support")
    _, scores = audited(run(support, *(journey(journey_id=f"j{i}") for i in range(9))))
    ask = scores.tasks["ask-support/ask-the-support-chat"]
    assert ask.category_caps["speed"].uncapped == 90 and ask.categories["speed"] == 0.89
    assert ask.cap is not None and (ask.cap.uncapped, ask.score) == (98, 89)
    assert (scores.caps.journeys["ask-support"].uncapped, scores.journeys["ask-support"]) == (99, 89)
    assert (scores.caps.site.uncapped, scores.site) == (100, 89)
    assert (scores.caps.categories["speed"].uncapped, scores.categories["speed"]) == (99, 89)
    quick = replace(support, tasks=(task("ask-the-support-chat", steps=slow_click(1500.0)), task("find-the-email")))
    _, warned = audited(run(quick, *(journey(journey_id=f"j{i}") for i in range(9))))
    assert round(warned.tasks["ask-support/ask-the-support-chat"].categories["speed"], 2) == 0.96
    assert warned.site == 100
