"""Each audit on hand-built artifacts: it finds its problem, with evidence, and nothing on a good run."""

from __future__ import annotations

from dataclasses import replace

import pytest

from tests.builders import BASE as BASE_URL
from tests.builders import console, failed_task, hops, journey, run, step, task, visit
from uxaudit.artifacts import AXE_CORE, A11yViolation, AuditNote, RunArtifacts
from uxaudit.audits import ALL_AUDITS, AUDITS_BY_ID, applicable_audits, run_audits
from uxaudit.audits.base import Audit, AuditInput, Finding
from uxaudit.score.scoring import score_run


def findings_of(audit_id: str, artifacts: RunArtifacts) -> list[Finding]:
    return AUDITS_BY_ID[audit_id].check(AuditInput(artifacts))


@pytest.mark.parametrize("audit", ALL_AUDITS, ids=lambda a: a.id)
def test_a_good_run_has_no_findings(audit: Audit) -> None:
    assert audit.check(AuditInput(run())) == []


@pytest.mark.parametrize("audit", ALL_AUDITS, ids=lambda a: a.id)
def test_audit_meta_is_written_for_people(audit: Audit) -> None:
    assert audit.id == audit.check.__module__.rsplit(".", 1)[1].replace("_", "-")
    assert audit.title and audit.failure_title and len(audit.description) > 40 and len(audit.hint) > 30


def test_task_success_reports_the_failing_step_and_its_screenshot() -> None:
    (finding,) = findings_of("task-success", run(journey(task(), failed_task())))
    assert finding.severity == "error" and finding.score == 0
    assert finding.task == "shop/checkout" and finding.step == 2
    assert finding.evidence[0]["reason"] == "no visible element matches 'Pay'"
    assert finding.evidence[1] == {"success criterion": "visible: Thanks", "result": "not checked: a step failed"}
    assert finding.screenshot == "screenshots/j/checkout-2-failure.png"


def test_task_success_ignores_skipped_tasks_but_reports_a_stopped_journey() -> None:
    crashed = journey(failed_task(), task("later", "skipped"), error="the page crashed")
    titles = [f.title for f in findings_of("task-success", run(crashed))]
    assert titles == ["Task “Checkout” could not be completed", "Journey “Shop” stopped early"]


def test_task_time_over_the_limit_lists_the_slowest_steps() -> None:
    slow = task(duration_ms=6000.0, max_duration_ms=5000,
                steps=(step(1, duration_ms=500.0), step(2, duration_ms=5000.0, name="click Pay")))
    (finding,) = findings_of("task-time", run(journey(slow)))
    assert finding.value == 6000 and finding.severity == "error"
    assert finding.evidence[0] == {"step": 2, "action": "click Pay", "ms": 5000}


def test_task_time_within_the_limit_is_fine() -> None:
    assert findings_of("task-time", run(journey(task(duration_ms=4000.0, max_duration_ms=5000)))) == []


@pytest.mark.parametrize(("load_ms", "severity"), [(2000, None), (3500, "warning"), (6000, "error")])
def test_load_time_uses_the_desktop_curve(load_ms: float, severity: str | None) -> None:
    artifacts = run(journey(task(pages=(visit("/p", load_ms=load_ms, title="Shoes"),))))
    found = findings_of("load-time", artifacts)
    assert [f.severity for f in found] == ([severity] if severity else [])
    if found:
        assert found[0].title == f"“Shoes” took {load_ms / 1000:.1f} s to load"
        assert {"metric": "Fully loaded", "ms": load_ms} in found[0].evidence


def test_load_time_is_kinder_on_mobile() -> None:
    mobile = journey(task(pages=(visit(load_ms=3500),)), device="iPhone 13", mobile=True)
    assert findings_of("load-time", run(mobile)) == []


def test_redirect_chain_lists_every_hop() -> None:
    chain = visit("/get-started", final_url="http://shop.test/",
                  redirects=hops(("/get-started", 302), ("/start", 302), ("/welcome", 301)))
    (finding,) = findings_of("redirect-chain", run(journey(task(pages=(chain,)))))
    assert finding.value == 3 and finding.severity == "warning"
    assert [row["status"] for row in finding.evidence] == [302, 302, 301, 200]
    assert finding.title == "“/get-started” goes through 3 redirects and ends at “/”"


def test_one_redirect_is_fine() -> None:
    single = visit("/old", final_url="http://shop.test/new", redirects=hops(("/old", 301)))
    assert findings_of("redirect-chain", run(journey(task(pages=(single,))))) == []


def test_redirect_loop_from_chromiums_error_shows_the_cycle_once() -> None:
    loop_hops = hops(*[("/account", 302), ("/login?next=/account", 302)] * 10)
    looping = visit("/account", status=None, error="net::ERR_TOO_MANY_REDIRECTS", redirects=loop_hops)
    (finding,) = findings_of("redirect-loop", run(journey(task(pages=(looping,)))))
    assert finding.severity == "error"
    assert [row["url"] for row in finding.evidence[:2]] == ["http://shop.test/account",
                                                           "http://shop.test/login?next=/account"]
    assert findings_of("http-error", run(journey(task(pages=(looping,))))) == []


def test_a_chain_the_browser_gives_up_on_without_repeating_is_a_chain_not_a_loop() -> None:
    long_hops = hops(*[(f"/step/{n}", 302) for n in range(50, 29, -1)])  # 21 distinct addresses
    gave_up = visit("/step/50", status=None, error="net::ERR_TOO_MANY_REDIRECTS", redirects=long_hops)
    artifacts = run(journey(task(pages=(gave_up,))))
    assert findings_of("redirect-loop", artifacts) == [] and findings_of("http-error", artifacts) == []
    (finding,) = findings_of("redirect-chain", artifacts)
    assert finding.severity == "error" and finding.display_value == "more than 20 redirects"
    assert finding.title == ("“/step/50” goes through more than 20 redirects (the browser gives up) and never "
                             "shows a page")
    assert "loop" not in finding.title and finding.evidence[-1]["status"] == "the browser gives up after 20 redirects"


@pytest.mark.parametrize(("status", "words"), [(404, "was not found (404)"), (500, "failed (500)")])
def test_http_error(status: int, words: str) -> None:
    (finding,) = findings_of("http-error", run(journey(task(pages=(visit("/terms", status=status),)))))
    assert finding.title == f"“/terms” {words}" and finding.severity == "error"


def test_http_error_when_the_page_does_not_answer() -> None:
    refused = visit("/down", status=None, error="net::ERR_CONNECTION_REFUSED")
    (finding,) = findings_of("http-error", run(journey(task(pages=(refused,)))))
    assert "no answer" in finding.display_value


def test_console_errors_are_grouped_per_page_with_their_source() -> None:
    entries = (console("TypeError: x is undefined"), console("oops", "console-error"),
               console("Failed to load resource: 404", "console-error"))
    artifacts = run(journey(task(steps=(step(console=entries),))))
    (finding,) = findings_of("console-error", artifacts)
    assert finding.value == 2 and finding.url == "http://shop.test/"
    assert finding.evidence[0] == {"kind": "uncaught exception", "message": "TypeError: x is undefined",
                                   "source": "http://shop.test/:12"}


def test_an_audit_that_throws_becomes_an_error_finding_and_others_still_run() -> None:
    def broken(_data: AuditInput) -> list[Finding]:
        raise ValueError("bad artifact")

    audits = (replace(ALL_AUDITS[0], id="broken", check=broken), AUDITS_BY_ID["task-success"])
    found = run_audits(AuditInput(run(journey(failed_task()))), audits)
    assert [f.audit for f in found] == ["broken", "task-success"]
    assert found[0].severity == "error" and "ValueError: bad artifact" in found[0].evidence[0]["error"]


def test_a_bounce_that_ends_on_a_page_is_a_chain_not_a_loop() -> None:
    bounce = visit("/a", redirects=hops(("/a", 302), ("/set-cookie", 302)))
    artifacts = run(journey(task(pages=(bounce,))))
    assert findings_of("redirect-loop", artifacts) == []
    assert [f.value for f in findings_of("redirect-chain", artifacts)] == [2]


def test_a_task_failed_on_time_alone_still_has_evidence() -> None:
    slow = task(status="failed", error="took 6.0 s, over the task's limit of 5 s (max_duration_ms)")
    (finding,) = findings_of("task-success", run(journey(slow)))
    assert finding.evidence == ({"reason": "took 6.0 s, over the task's limit of 5 s (max_duration_ms)"},)


def test_failed_requests_are_grouped_per_page_same_site_only() -> None:
    from uxaudit.artifacts import FailedRequest

    failed = (FailedRequest("http://shop.test/badge.svg", "image", status=404, page_url="http://shop.test/cart"),
              FailedRequest("http://shop.test/badge.svg", "image", status=404, page_url="http://shop.test/cart"),
              FailedRequest("http://cdn.other.test/x.js", "script", error="net::ERR_FAILED",
                            page_url="http://shop.test/cart"),
              FailedRequest("http://shop.test/slow.jpg", "image", error="net::ERR_ABORTED",
                            page_url="http://shop.test/cart"))
    (finding,) = findings_of("failed-request", run(journey(task(steps=(step(failed_requests=failed),)))))
    assert finding.evidence == ({"url": "http://shop.test/badge.svg", "kind": "image", "answer": 404},)
    assert finding.title == "“/cart” could not load 1 of its files" and finding.severity == "warning"


def test_dead_click_ignores_form_fields_and_clicks_that_did_something() -> None:
    from uxaudit.artifacts import ElementInfo

    steps = (step(1, action="click", effect="none", element=ElementInfo("button", "Size guide")),
             step(2, action="click", effect="none", element=ElementInfo("input", "Email")),
             step(3, action="click", effect="page-change", element=ElementInfo("button", "Show")))
    (finding,) = findings_of("dead-click", run(journey(task(steps=steps))))
    assert finding.title == "Clicking “Size guide” does nothing" and finding.step == 1


def test_slow_interaction_skips_navigations_and_uses_the_budget() -> None:
    steps = (step(1, action="click", effect="requests", interaction_ms=6000.0, name="Click “Send”"),
             step(2, action="click", effect="requests", interaction_ms=800.0),
             step(3, action="click", effect="navigation", interaction_ms=5000.0))
    (finding,) = findings_of("slow-interaction", run(journey(task(steps=steps))))
    assert finding.severity == "error" and finding.value == 6000 and finding.step == 1


def test_misdirect_needs_a_link_that_promised_elsewhere() -> None:
    from uxaudit.artifacts import ElementInfo

    def click(index: int, href: str, landed: str, label: str = "Get started") -> tuple:  # type: ignore[type-arg]
        return (step(index, action="click", url=BASE_URL + "/", url_before=BASE_URL + "/products/x",
                     element=ElementInfo("a", label, href=BASE_URL + href)),
                visit(landed, step=index, final_url=BASE_URL + landed))

    cases = [click(1, "/get-started", "/"), click(2, "/", "/", "Home"), click(3, "/cart", "/cart"),
             click(4, "/terms", "/products/x", "Terms")]
    artifacts = run(journey(task(steps=tuple(c[0] for c in cases), pages=tuple(c[1] for c in cases))))
    assert [(f.step, f.title) for f in findings_of("misdirect", artifacts)] == [
        (1, "“Get started” leads back to the home page instead of /get-started"),
        (4, "“Terms” leads back to the page it started from instead of /terms")]


@pytest.mark.parametrize(("lcp_ms", "mobile", "found"), [(1000, False, False), (3000, False, True),
                                                         (2200, True, False), (5000, True, True)])
def test_largest_contentful_paint_uses_the_device_curve(lcp_ms: float, mobile: bool, found: bool) -> None:
    artifacts = run(journey(task(pages=(visit(lcp_ms=lcp_ms, lcp_element="img.hero"),)), mobile=mobile))
    found_findings = findings_of("largest-contentful-paint", artifacts)
    assert bool(found_findings) is found
    if found:
        assert found_findings[0].evidence[0]["main content"] == "img.hero"


def test_layout_shift_names_the_elements_that_moved() -> None:
    shifting = visit("/support", cls=0.17, shifted=("section#chat", "h1"), title="Support")
    (finding,) = findings_of("layout-shift", run(journey(task(pages=(shifting,)))))
    assert finding.severity == "warning" and finding.evidence[0]["elements that moved"] == "section#chat, h1"
    assert findings_of("layout-shift", run(journey(task(pages=(visit(cls=0.05),))))) == []


def _violation(rule: str = "image-alt", impact: str = "critical", page: str = "/p", *targets: str) -> A11yViolation:
    return A11yViolation(rule=rule, impact=impact, help="Images must have alternative text",
                         help_url="https://dequeuniversity.com/rules/axe/4.14/image-alt", nodes=len(targets) or 1,
                         targets=targets or ("img.hero",), html='<img class="hero" src="/h.svg">',
                         wcag=("wcag111",), page_url=BASE_URL + page)


def test_accessibility_one_finding_per_rule_per_page_with_every_selector() -> None:
    steps = (step(1, accessibility=(_violation("image-alt", "critical", "/p", "img.hero"),
                                    _violation("link-name", "serious", "/p", "a.icon"))),
             step(2, accessibility=(_violation("image-alt", "critical", "/p", "img.hero", "img.thumb"),)),
             step(3, accessibility=(_violation("image-alt", "critical", "/cart", "img.badge"),)))
    found = findings_of("accessibility", run(journey(task(steps=steps))))
    by_key = {(f.url, f.evidence[0]["rule"]): f for f in found}
    assert set(by_key) == {(BASE_URL + "/p", "image-alt"), (BASE_URL + "/p", "link-name"),
                           (BASE_URL + "/cart", "image-alt")}
    hero = by_key[(BASE_URL + "/p", "image-alt")]
    assert hero.severity == "error" and hero.step == 1
    assert hero.evidence[0]["elements"] == "img.hero, img.thumb" and hero.evidence[0]["WCAG"] == "1.1.1"
    assert hero.evidence[0]["help"].startswith("https://dequeuniversity.com/")


def test_accessibility_hints_say_how_to_fix_the_rule() -> None:
    summary = "Fix any of the following:\n  Element has insufficient colour contrast of 2.1\n  Other thing"
    steps = (step(1, accessibility=(_violation("image-alt"), replace(_violation("landmark-one-main"), fix=summary),
                                    _violation("frame-title"))),)
    hints = {f.evidence[0]["rule"]: f.hint for f in findings_of("accessibility", run(journey(task(steps=steps))))}
    assert hints["image-alt"].startswith("Give each image listed a short text alternative (alt)")
    assert hints["landmark-one-main"].startswith("What axe found on the first element: Element has insufficient")
    assert hints["frame-title"] == AUDITS_BY_ID["accessibility"].hint  # nothing more precise known


@pytest.mark.parametrize(("impact", "severity"), [("critical", "error"), ("serious", "error"),
                                                  ("moderate", "warning"), ("minor", "info")])
def test_accessibility_severity_follows_axe_impact(impact: str, severity: str) -> None:
    steps = (step(1, accessibility=(_violation(impact=impact),)),)
    found = findings_of("accessibility", run(journey(task(steps=steps))))
    assert [f.severity for f in found] == [severity]


def test_an_audit_whose_tool_is_missing_is_left_out_of_the_scores() -> None:
    artifacts = replace(run(), notes=(AuditNote(AXE_CORE, "axe-core is not installed"),))
    assert "accessibility" not in {a.id for a in applicable_audits(artifacts)}
    assert "accessibility" not in score_run(artifacts, [], applicable_audits(artifacts)).categories
    assert "accessibility" in score_run(run(), []).categories


def test_a_tasks_own_thresholds_beat_its_journeys_and_the_runs() -> None:
    slow_click = step(2, action="click", effect="requests", interaction_ms=700.0)
    strict_task = task("strict", steps=(step(1), slow_click), thresholds={"slow_interaction_warning_ms": 500})
    loose_task = task("loose", steps=(step(1), slow_click))
    artifacts = run(journey(strict_task, loose_task, thresholds={"slow_interaction_warning_ms": 800}))
    assert [f.task for f in findings_of("slow-interaction", artifacts)] == ["shop/strict"]
    lenient_run = AuditInput(run(journey(loose_task)), thresholds=replace(AuditInput(run()).thresholds,
                                                                          slow_interaction_warning_ms=600))
    assert [f.task for f in AUDITS_BY_ID["slow-interaction"].check(lenient_run)] == ["shop/loose"]


def test_a_script_error_right_after_a_click_is_an_error_click_on_that_step() -> None:
    broken = step(2, action="click", name="Click Size guide", target="Size guide", effect="none",
                  url_before=BASE_URL + "/p", url=BASE_URL + "/p",
                  console=(console("TypeError: guide is null", page="/p"),))
    leads_on = step(3, action="click", effect="navigation", url_before=BASE_URL + "/p", url=BASE_URL + "/",
                    console=(console("TypeError: analytics", page="/"),))
    found = findings_of("console-error", run(journey(task(steps=(step(1), broken, leads_on)))))
    by_step = {f.step: f for f in found}
    assert set(by_step) == {2, 3}
    assert by_step[2].title == "Clicking “Size guide” set off 1 script error"
    assert by_step[2].url == BASE_URL + "/p"
    assert by_step[3].url == BASE_URL + "/" and "reported 1 script error" in by_step[3].title
