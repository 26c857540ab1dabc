"""What to fix first: root causes ranked by what they cost the visitor, the same in every report."""

from __future__ import annotations

from typing import Any

from rich.console import Console

from uxaudit.audits import ALL_AUDITS
from uxaudit.report import markdown
from uxaudit.report.audit_names import PLAIN_NAMES, plain_name
from uxaudit.report.lab_gap import lab_gap
from uxaudit.report.priorities import rank_causes, story_order, worst_effort, worst_speed
from uxaudit.report.terminal import summary

BASE = "http://shop.test"


def task(tid: str, status: str = "passed", **extra: Any) -> dict[str, Any]:
    return {"id": tid, "name": tid.split("/")[-1].title(), "status": status, "completed": status == "passed",
            "score": None if status == "skipped" else 90, "duration_ms": 1000, "steps": [], "pages": [],
            "error": "it failed" if status == "failed" else None, **extra}


def finding(audit: str, tid: str, page: str, severity: str = "warning", **extra: Any) -> dict[str, Any]:
    return {"id": f"{audit}:{tid}:{BASE}{page}", "audit": audit, "severity": severity, "category": "speed",
            "title": f"{audit} on {page}", "url": BASE + page, "template": BASE + page, "key": None,
            "task": tid, "journey": tid.split("/")[0], "journey_name": tid.split("/")[0].title(),
            "score": 0.5, "value": None, "display_value": "", "hint": "fix it", "evidence": [], **extra}


def scorecard() -> dict[str, Any]:
    """A shop where /terms is missing (it stops a task, and the one after it is never tried), the
    product page is slow in two journeys and a script error shows on every page."""
    journeys = [
        {"id": "buy", "name": "Buy", "score": 60, "tasks": [task("buy/find"), task("buy/terms", "failed"),
                                                             task("buy/pay", "skipped")]},
        {"id": "browse", "name": "Browse", "score": 90, "tasks": [task("browse/find")]},
    ]
    findings = [
        finding("task-success", "buy/terms", "/terms", "error", category="effectiveness"),
        finding("http-error", "buy/terms", "/terms", "error", value=404),
        finding("broken-link", "browse/find", "/terms"),
        finding("load-time", "buy/find", "/product", value=3700),
        finding("largest-contentful-paint", "buy/find", "/product", "error", value=3800),
        finding("largest-contentful-paint", "browse/find", "/product", "error", value=3600),
        finding("console-error", "buy/find", "/"),
        finding("console-error", "browse/find", "/"),
        finding("media-relevance", "buy/find", "/product"),
    ]
    return {"score": 70, "grade": "C", "rating": "needs-work", "run": {"id": "r", "base_url": BASE},
            "summary": {"tasks": 4, "tasks_completed": 2, "tasks_failed": 1, "tasks_skipped": 1},
            "categories": [{"id": "speed", "title": "Speed", "score": 71}], "journeys": journeys,
            "findings": findings, "gate": {"passed": False, "checks": []}}


def test_a_cause_that_stops_a_task_comes_first_and_the_failed_task_is_not_a_cause_of_its_own() -> None:
    causes = rank_causes(scorecard())
    first = causes[0]
    assert first.lead["audit"] == "http-error" and first.stops == ("buy/terms",)
    assert first.not_reached == ("buy/pay",) and first.blocks == 2
    assert [f["audit"] for f in first.others()] == ["broken-link"]  # the broken links to /terms are its fault
    assert not [c for c in causes if c.lead["audit"] == "task-success"]


def test_a_failed_task_without_a_known_cause_is_its_own_cause() -> None:
    card = scorecard()
    card["findings"] = [f for f in card["findings"] if f["audit"] not in ("http-error", "broken-link")]
    first = rank_causes(card)[0]
    assert first.lead["audit"] == "task-success" and first.stops == ("buy/terms",)


def test_a_broken_link_on_a_failed_tasks_page_is_not_named_as_what_stopped_it() -> None:
    """The cart's footer links to a missing page; Check out failed because its button is missing: the
    broken link was only shown, never followed, so the failed task is its own cause."""
    card = scorecard()
    card["findings"] = [f for f in card["findings"] if f["audit"] != "http-error"]
    card["findings"].append(finding("broken-link", "buy/terms", "/old-blog"))
    first = rank_causes(card)[0]
    assert first.lead["audit"] == "task-success" and first.stops == ("buy/terms",)


def test_the_rest_rank_by_severity_reach_and_the_time_they_cost() -> None:
    causes = rank_causes(scorecard())
    audits = [c.lead["audit"] for c in causes]
    # a slow page (its load and its main content, one cause) in two journeys, then an unrelated
    # video (effort), then a script error the visitor rarely sees, though it is on more pages
    assert audits == ["http-error", "largest-contentful-paint", "media-relevance", "console-error"]
    slow = causes[1]
    assert [f["audit"] for f in slow.others()] == ["load-time"] and slow.seconds == 3.8
    assert slow.tasks == ("buy/find", "browse/find") and slow.journeys == ("buy", "browse")
    assert worst_speed(causes) is slow and worst_effort(causes) is causes[2]


def test_a_more_important_journey_weighs_more() -> None:
    card = scorecard()
    card["findings"].append(finding("dead-click", "browse/find", "/size", "warning"))
    plain = [c.lead["audit"] for c in rank_causes(card)]
    card["journeys"][1]["importance"] = 5.0
    weighted = [c.lead["audit"] for c in rank_causes(card)]
    assert weighted.index("dead-click") < plain.index("dead-click")


def test_journeys_follow_the_storys_order_then_importance_then_the_file_order() -> None:
    journeys = [{"id": "a"}, {"id": "b", "importance": 2}, {"id": "c", "order": 2}, {"id": "d", "order": 1},
                {"id": "e", "order": None, "importance": None}]
    assert [j["id"] for j in story_order(journeys)] == ["d", "c", "b", "a", "e"]


def test_summary_md_and_the_terminal_count_problems_as_the_report_does_and_list_the_same_causes() -> None:
    card = scorecard()
    text = markdown.render(card, "report.html")
    # 7 problems (two tasks met the script error, two the slow paint), met 9 times; 3 of them errors
    assert "| 4 | 2 | 1 | 1 | 7 | 3 | 4 |" in text and "met 9 times" in text
    assert "**Scores by category:** Speed 71" in text
    fix = text.split("### Fix these first")[1]
    assert "1. **http\\-error on /terms** (Page answers with an error, error): stops Buy › Terms " \
           "\\(1 later task never tried\\)" in fix
    assert "**Worst speed problem:**" in fix and "**Worst effort problem:**" in fix
    assert "`http-error`" not in text  # plain names, not audit ids
    console = Console(record=True, width=200, color_system=None)
    console.print(summary(card, None))
    out = console.export_text()
    assert "Fix these first (4 causes; 7 problems, met 9 times across tasks)" in out
    assert "Page answers with an error" in out and "Worst speed problem:" in out and "Speed 71" in out


def test_the_terminal_counts_one_cause_and_one_problem_in_the_singular() -> None:
    card = dict(scorecard(), findings=[finding("load-time", "buy/find", "/product", value=3700)])
    console = Console(record=True, width=200, color_system=None)
    console.print(summary(card, None))
    assert "Fix these first (1 cause; 1 problem)" in console.export_text()
    card["findings"] = [finding("load-time", "buy/find", "/product", "info")]
    console.print(summary(card, None))
    assert "Fix these first: nothing, no errors or warnings (1 problem for information)" in console.export_text()


def test_every_audit_has_a_plain_name() -> None:
    assert {audit.id for audit in ALL_AUDITS} <= set(PLAIN_NAMES)
    assert plain_name("some-new-check") == "Some new check"


def test_lighthouses_lab_time_beside_the_journeys_says_why_they_differ() -> None:
    page = {"url": BASE + "/product", "final_url": BASE + "/product", "step": 2, "lcp_ms": 3700, "load_ms": 3600}
    tasks = {"buy/find": {"pages": [page]}}
    result = {"task": "buy/find", "step": "buy/find/2", "url": BASE + "/product", "metrics": {"lcp_ms": 240}}
    words = lab_gap(result, tasks)
    assert words.startswith("Lighthouse estimated the main content of this page at 240 ms; in the journey the "
                            "page showed its main content after 3.7 s.")
    assert "cache" in words and "cookies" in words and "throttling" in words
    assert lab_gap({**result, "metrics": {"lcp_ms": 3300}}, tasks) == ""  # close enough: nothing to explain
    assert "slower network" in lab_gap({**result, "metrics": {"lcp_ms": 9000}}, tasks)
    assert lab_gap({**result, "error": "it did not load"}, tasks) == ""
