"""The Lighthouse wrapper's pure parts (median run, report parsing, which pages) and the lighthouse audit."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from tests.builders import BASE, journey, run, step, task
from uxaudit.artifacts import LighthouseFinding, LighthouseResult
from uxaudit.audits import AUDITS_BY_ID
from uxaudit.audits.base import AuditInput
from uxaudit.gather.browser import ChromiumInfo
from uxaudit.gather.lighthouse import LighthouseSession, LighthouseTool, _read_report, _result, median_run
from uxaudit.gather.stage import lighthouse_status, tool_notes
from uxaudit.gather.verbs import VERBS
from uxaudit.load.config import RunConfig, stepping_through
from uxaudit.load.loader import load_journeys
from uxaudit.load.scenario import Journey
from uxaudit.score.scoring import score_run


def load_journeys_from(text: str) -> list[Journey]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "j.yaml"
        path.write_text(text, encoding="utf-8")
        return load_journeys([path], {}, {}, VERBS)


def lhr(fcp: float, tti: float, **scores: float) -> dict[str, Any]:
    categories = {"performance": 1.0, "accessibility": 1.0, "best-practices": 1.0, "seo": 1.0, **scores}
    return {"lighthouseVersion": "12.6.1", "finalDisplayedUrl": BASE + "/cart",
            "audits": {"first-contentful-paint": {"numericValue": fcp, "score": 1},
                       "interactive": {"numericValue": tti, "score": 1},
                       "is-crawlable": {"score": 0, "title": "Page is blocked from indexing"},
                       "document-title": {"score": 1, "title": "Has a title"}},
            "categories": {name.replace("_", "-"): {"score": value, "auditRefs": [
                {"id": "is-crawlable", "weight": 4.6 if name == "seo" else 0},
                {"id": "document-title", "weight": 1}]} for name, value in categories.items()}}


def test_the_median_run_is_the_one_closest_to_the_median_fcp_and_tti() -> None:
    runs = [(lhr(900, 3000), Path("a")), (lhr(1000, 2000), Path("b")), (lhr(1100, 2100), Path("c"))]
    assert median_run(runs)[1] == Path("b")  # median FCP 1000 (b), median TTI 2100 (c): b is closer
    assert median_run(runs[:1])[1] == Path("a")


def test_a_report_becomes_scores_metrics_and_the_audits_that_cost_points() -> None:
    result = _result(lhr(800, 1200, seo=0.54), BASE + "/cart", 3, 3, False, Path("/run/lighthouse/j/t-2"), 9000.0)
    assert result.scores == {"performance": 1.0, "accessibility": 1.0, "best-practices": 1.0, "seo": 0.54}
    assert result.metrics["fcp_ms"] == 800 and result.form_factor == "desktop"
    assert result.failing == (LighthouseFinding("seo", "is-crawlable", "Page is blocked from indexing", 0.0),)
    assert result.report_html == "/run/lighthouse/j/t-2.report.html"


def test_every_page_mode_audits_each_new_page_once_per_run_and_steps_always_win() -> None:
    tool = LighthouseTool("node", Path("cli.js"), None)
    every = LighthouseSession(tool, 9222, every_page_runs=1, mobile=False, audited={BASE + "/seen"})
    assert every.runs_for(0, BASE + "/new") == 1
    assert every.runs_for(0, BASE + "/seen") == 0 and every.runs_for(0, None) == 0
    assert every.runs_for(3, BASE + "/seen") == 3
    asked_only = LighthouseSession(tool, 9222, every_page_runs=0, mobile=True, audited=set())
    assert asked_only.runs_for(0, BASE + "/new") == 0 and asked_only.runs_for(1, None) == 1


def _with_result(result: LighthouseResult) -> AuditInput:
    return AuditInput(run(journey(task(steps=(step(1), step(2, lighthouse=result))))))


def test_a_low_category_is_a_finding_with_the_costly_audits_and_the_report() -> None:
    result = LighthouseResult(url=BASE + "/p", form_factor="desktop", runs=1, runs_completed=1,
                              scores={"performance": 0.98, "seo": 0.54},
                              failing=(LighthouseFinding("seo", "is-crawlable", "Page is blocked from indexing", 0),),
                              report_html="lighthouse/shop/find-2.report.html")
    [finding] = AUDITS_BY_ID["lighthouse"].check(_with_result(result))
    assert finding.severity == "warning" and finding.step == 2 and "SEO 54" in finding.title
    assert finding.evidence[0]["Lighthouse audit"] == "Page is blocked from indexing"
    assert finding.evidence[-1]["full Lighthouse report"] == "lighthouse/shop/find-2.report.html"


def test_good_scores_give_nothing_and_a_failed_run_is_information() -> None:
    good = LighthouseResult(url=BASE + "/p", form_factor="desktop", runs=1, scores={"performance": 0.95})
    assert AUDITS_BY_ID["lighthouse"].check(_with_result(good)) == []
    failed = LighthouseResult(url=BASE + "/p", form_factor="desktop", runs=1, error="Lighthouse failed: boom")
    [finding] = AUDITS_BY_ID["lighthouse"].check(_with_result(failed))
    assert finding.severity == "info" and finding.evidence[0]["why"] == "Lighthouse failed: boom"


def test_lighthouse_scores_do_not_change_uxaudits_scores() -> None:
    low = LighthouseResult(url=BASE + "/p", form_factor="desktop", runs=1, scores={"performance": 0.1})
    data = _with_result(low)
    findings = AUDITS_BY_ID["lighthouse"].check(data)
    assert findings and score_run(data.run, findings).site == 100


def test_a_failed_or_unreadable_lighthouse_run_is_an_error_not_a_crash(tmp_path: Path) -> None:
    base = tmp_path / "t-1"
    lhr_, error = _read_report(base, 1, b"some progress\nRuntime error: Chrome could not be reached\n")
    assert lhr_ is None and error == "Lighthouse failed: Runtime error: Chrome could not be reached"
    Path(f"{base}.report.json").write_text("{not json")
    Path(f"{base}.report.html").write_text("<html>")
    lhr_, error = _read_report(base, 0, b"")
    assert lhr_ is None and error is not None and error.startswith("Lighthouse wrote a report uxaudit cannot read")
    Path(f"{base}.report.json").write_text('{"runtimeError": {"code": "ERRORED_DOCUMENT_REQUEST", "message": "401"}}')
    assert _read_report(base, 0, b"") == (None, "Lighthouse could not audit the page: 401")


def test_switching_lighthouse_off_is_said_in_the_report() -> None:
    asks = load_journeys_from("name: J\nbase_url: http://x.test\nsteps:\n  - goto: /\n    lighthouse: true\n")
    notes = tool_notes(lighthouse_status(asks, RunConfig(lighthouse_enabled=False),
                                         ChromiumInfo("/usr/bin/chromium", "system")))
    assert ("lighthouse", "Lighthouse was not run: it was turned off (--no-lighthouse).") in \
        [(n.tool, n.text) for n in notes]


def test_a_private_journeys_lighthouse_result_says_it_took_no_screenshots(tmp_path: Path) -> None:
    """The report's note comes from the result (`screenshots`), not from reading the saved report back."""
    import asyncio

    from uxaudit.gather.lighthouse import audit_page

    failing = LighthouseTool("false", tmp_path / "cli.js", None)  # a Lighthouse that fails at once
    private = asyncio.run(audit_page(failing, BASE, 9222, tmp_path / "p", 1, mobile=False, private=True))
    public = asyncio.run(audit_page(failing, BASE, 9222, tmp_path / "q", 1, mobile=False))
    assert (private.screenshots, public.screenshots) == (False, True) and private.error is not None


def test_stepping_through_says_why_lighthouse_did_not_run() -> None:
    asks = load_journeys_from("name: J\nbase_url: http://x.test\nsteps:\n  - goto: /\n    lighthouse: true\n")
    config = stepping_through(RunConfig(debug=True))
    (note,) = tool_notes(lighthouse_status(asks, config, ChromiumInfo("/usr/bin/chromium", "system")))
    assert note.text.endswith("turned off (--debug: stepping through, the browser is the user's).")
    assert (config.headed, config.workers, config.trace) == (True, 1, "on")
