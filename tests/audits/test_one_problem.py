"""One problem is one problem: findings are grouped and identified by page template (the real
addresses stay in the evidence), and uxaudit reports neither itself nor the test machine as the
site: another host the machine could not connect to is a note, not a finding."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from tests.builders import BASE, journey, run, step, task, visit
from uxaudit import pipeline
from uxaudit.artifacts import AXE_CORE, AuditNote, FailedRequest, RunArtifacts
from uxaudit.audits import AUDITS_BY_ID, audit_notes
from uxaudit.audits.base import AuditInput, Finding
from uxaudit.load.config import RunConfig
from uxaudit.report.problems import group_problems
from uxaudit.run_folder import RunFolder

FONTS = "https://fonts.example.net"


def findings_of(audit_id: str, artifacts: RunArtifacts) -> list[Finding]:
    return AUDITS_BY_ID[audit_id].check(AuditInput(artifacts))


def notes_of(audit_id: str, artifacts: RunArtifacts) -> list[str]:
    notes = AUDITS_BY_ID[audit_id].notes
    assert notes is not None
    return notes(AuditInput(artifacts))


def failing(url: str, page: str = "/cart", status: int | None = None, error: str | None = None,
            kind: str = "font") -> FailedRequest:
    return FailedRequest(url, kind, status=status, error=error, page_url=BASE + page)


def with_failed(*requests: FailedRequest) -> RunArtifacts:
    return run(journey(task(steps=(step(failed_requests=requests),))))


def test_one_page_template_met_at_two_addresses_is_one_finding_with_both_addresses() -> None:
    requests = (failing(f"{BASE}/avatars/5.png", "/users/5/change/", 404, kind="image"),
                failing(f"{BASE}/avatars/9.png", "/users/9/change/", 404, kind="image"))
    (finding,) = findings_of("failed-request", with_failed(*requests))
    assert finding.title == "“/users/{id}/change/” (2 pages) could not load 2 of their files"
    assert finding.url == f"{BASE}/users/5/change/" and finding.template == f"{BASE}/users/{{id}}/change/"
    assert finding.id == f"failed-request:shop/find:{BASE}/users/{{id}}/change/"
    assert [(row["url"], row["page"]) for row in finding.evidence] == [
        (f"{BASE}/avatars/5.png", f"{BASE}/users/5/change/"), (f"{BASE}/avatars/9.png", f"{BASE}/users/9/change/")]


def test_console_errors_and_axe_rules_are_grouped_by_template_too() -> None:
    from tests.builders import console
    from uxaudit.artifacts import A11yViolation

    errors = (console("TypeError: a", page="/orders/8f14e45f-ceea-467f-a2a1-0a1b2c3d4e5f"),
              console("TypeError: b", page="/orders/0b1c2d3e-ceea-467f-a2a1-0a1b2c3d4e5f"))
    (found,) = findings_of("console-error", run(journey(task(steps=(step(console=errors),)))))
    assert found.title == "“/orders/{id}” (2 pages) reported 2 script errors"
    assert [row["page"] for row in found.evidence] == [e.page_url for e in errors]
    rule = A11yViolation("image-alt", "critical", "Images must have alternative text", "https://axe.test", 1,
                         ("img",), page_url=f"{BASE}/p/1")
    states = (step(1, accessibility=(rule,)), step(2, accessibility=(replace(rule, page_url=f"{BASE}/p/2"),)))
    (a11y,) = findings_of("accessibility", run(journey(task(steps=states))))
    assert a11y.title.startswith("“/p/{id}” (2 pages): ")
    assert a11y.evidence[0]["pages"] == f"{BASE}/p/1, {BASE}/p/2"


def test_a_single_address_reads_as_before() -> None:
    (finding,) = findings_of("failed-request", with_failed(failing(f"{BASE}/badge.svg", status=404, kind="image")))
    assert finding.title == "“/cart” could not load 1 of its files"
    assert finding.evidence == ({"url": f"{BASE}/badge.svg", "kind": "image", "answer": 404},)


def test_records_created_in_each_run_keep_the_finding_id() -> None:
    def slow_record(path: str) -> RunArtifacts:
        return run(journey(task(pages=(visit(path, load_ms=9000),))))

    first, second = (findings_of("load-time", slow_record(p)) for p in ("/orders/1041/receipt", "/orders/1042/receipt"))
    assert [f.id for f in first] == [f.id for f in second] == [f"load-time:shop/find:{BASE}/orders/{{id}}/receipt"]
    assert (first[0].url, second[0].url) == (f"{BASE}/orders/1041/receipt", f"{BASE}/orders/1042/receipt")


def test_the_reports_group_one_template_met_in_several_tasks_as_one_problem() -> None:
    artifacts = run(journey(task("one", pages=(visit("/p/1", load_ms=9000),)),
                            task("two", pages=(visit("/p/2?ref=mail", load_ms=9000),))))
    found = [{"id": f.id, "audit": f.audit, "severity": f.severity, "url": f.url, "template": f.template,
              "key": f.key, "task": f.task} for f in findings_of("load-time", artifacts)]
    assert len(found) == 2 and len(group_problems(found)) == 1
    older = [{k: v for k, v in f.items() if k != "template"} for f in found]  # scorecards before 1.3
    assert len(group_problems(older)) == 2


def test_an_error_answer_from_any_host_is_a_finding() -> None:
    (finding,) = findings_of("failed-request", with_failed(failing(f"{FONTS}/inter.woff2", status=404)))
    assert finding.evidence == ({"url": f"{FONTS}/inter.woff2", "kind": "font", "answer": 404},)
    assert notes_of("failed-request", with_failed(failing(f"{FONTS}/inter.woff2", status=404))) == []


def test_a_network_failure_on_the_sites_own_host_is_a_finding() -> None:
    requests = (failing(f"{BASE}/api/cart", error="net::ERR_CONNECTION_REFUSED", kind="fetch"),
                failing(f"{BASE}/img/hero.jpg", error="net::ERR_EMPTY_RESPONSE", kind="image"))
    (finding,) = findings_of("failed-request", with_failed(*requests))
    assert [row["answer"] for row in finding.evidence] == ["net::ERR_CONNECTION_REFUSED", "net::ERR_EMPTY_RESPONSE"]
    assert notes_of("failed-request", with_failed(*requests)) == []


def test_another_host_the_machine_cannot_reach_is_one_note_per_host_not_a_finding() -> None:
    requests = (failing(f"{FONTS}/inter.woff2", error="net::ERR_NAME_NOT_RESOLVED"),
                failing(f"{FONTS}/inter-bold.woff2", error="net::ERR_NAME_NOT_RESOLVED"),
                failing(f"{FONTS}/inter.woff2", page="/checkout", error="net::ERR_NAME_NOT_RESOLVED"),
                failing(f"{FONTS}/css?family=Inter", error="net::ERR_NAME_NOT_RESOLVED", kind="stylesheet"),
                failing("https://stats.example.org/hit", error="net::ERR_BLOCKED_BY_CLIENT", kind="ping"),
                failing("http://10.0.0.9:9000/x.js", error="net::ERR_CONNECTION_TIMED_OUT", kind="script"))
    artifacts = with_failed(*requests)
    assert findings_of("failed-request", artifacts) == []
    assert notes_of("failed-request", artifacts) == [
        "3 requests to fonts.example.net could not connect (net::ERR_NAME_NOT_RESOLVED; for example "
        "https://fonts.example.net/inter.woff2): the test machine may not reach that host, so this was not "
        "counted against the site.",
        "1 request to stats.example.org could not connect (net::ERR_BLOCKED_BY_CLIENT; https://stats.example.org/hit): "
        "the test machine may not reach that host, so this was not counted against the site.",
        "1 request to 10.0.0.9:9000 could not connect (net::ERR_CONNECTION_TIMED_OUT; http://10.0.0.9:9000/x.js): "
        "the test machine may not reach that host, so this was not counted against the site.",
    ]


def test_other_failures_of_other_hosts_are_neither_findings_nor_notes() -> None:
    """Refused by the browser's own rules (CORS, ORB) or abandoned: not known to be the site's or the machine's."""
    artifacts = with_failed(failing(f"{FONTS}/a.js", error="net::ERR_FAILED", kind="script"),
                            failing(f"{FONTS}/b.png", error="net::ERR_BLOCKED_BY_ORB", kind="image"),
                            failing(f"{BASE}/slow.jpg", error="net::ERR_ABORTED", kind="image"))
    assert findings_of("failed-request", artifacts) == [] and notes_of("failed-request", artifacts) == []


def test_a_page_on_another_host_that_cannot_be_reached_is_a_note_not_an_http_error() -> None:
    partner = visit(step=2, requested_url="https://pay.partner.test/checkout", final_url="https://pay.partner.test/checkout",
                    status=None, error="net::ERR_NAME_NOT_RESOLVED")
    own = visit("/down", step=3, status=None, error="net::ERR_CONNECTION_REFUSED")
    artifacts = run(journey(task(pages=(visit(), partner, own))))
    assert [f.url for f in findings_of("http-error", artifacts)] == [f"{BASE}/down"]
    assert notes_of("http-error", artifacts) == [
        "1 visit to pay.partner.test could not connect (net::ERR_NAME_NOT_RESOLVED; "
        "https://pay.partner.test/checkout): the test machine may not reach that host, so this was not counted "
        "against the site."]


def test_audit_notes_name_their_audit_and_a_broken_one_says_so() -> None:
    artifacts = with_failed(failing(f"{FONTS}/inter.woff2", error="net::ERR_NAME_NOT_RESOLVED"))
    assert [audit for audit, _ in audit_notes(AuditInput(artifacts))] == ["failed-request"]

    def broken(_: AuditInput) -> list[str]:
        raise ValueError("boom")

    audits = (replace(AUDITS_BY_ID["failed-request"], notes=broken),)
    assert audit_notes(AuditInput(artifacts), audits) == [
        ("failed-request", "The “failed-request” audit could not make its notes (ValueError: boom).")]


def test_the_scorecard_says_what_kind_of_note_and_which_template(tmp_path: Path) -> None:
    artifacts = replace(with_failed(failing(f"{FONTS}/inter.woff2", error="net::ERR_NAME_NOT_RESOLVED"),
                                    failing(f"{BASE}/avatars/5.png", "/users/5", 404, kind="image")),
                        notes=(AuditNote(AXE_CORE, "Accessibility was not checked: axe-core is not installed."),))
    card = pipeline.audit_and_report(artifacts, RunFolder(tmp_path / "run"),
                                     RunConfig(history=str(tmp_path / "h.sqlite")), newest=False).scorecard
    assert card["schema_version"] == "1.6"
    assert [(n["audit"], n["kind"]) for n in card["notes"]] == [("accessibility", "not-checked"),
                                                                ("failed-request", "environment")]
    (finding,) = card["findings"]
    assert (finding["url"], finding["template"]) == (f"{BASE}/users/5", f"{BASE}/users/{{id}}")
    html = (tmp_path / "run" / "report.html").read_text()
    assert "Test machine (Files that did not load):" in html and "fonts.example.net could not connect" in html


def test_the_terminal_tells_a_test_machine_note_from_an_audit_not_checked() -> None:
    from rich.console import Console

    from uxaudit.report.terminal import _note_line

    console = Console(record=True, width=200, color_system=None)
    console.print(_note_line({"audit": "failed-request", "kind": "environment",
                              "text": "1 request to x could not connect"}))
    console.print(_note_line({"audit": "accessibility", "text": "axe-core is not installed."}))  # a 1.2 scorecard
    assert console.export_text().splitlines() == ["Test machine: 1 request to x could not connect",
                                                  "Not checked: axe-core is not installed."]
