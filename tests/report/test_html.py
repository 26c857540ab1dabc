"""The HTML report: content from the scorecard, self-contained, safe against hostile page data."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup, Tag

from uxaudit.gather.browser import find_chromium, launch_args
from uxaudit.report import html

SAMPLE = Path(__file__).parents[1] / "fixtures" / "scorecard_sample.json"
SCRIPT = "<script>alert(1)</script>"
BREAKOUT = '"><img src=x onerror=alert(1)>'
DECODE_ALL_IMAGES = """Promise.all([...document.images].map(img => {
  img.loading = "eager"; return img.decode().then(() => img.naturalWidth > 0, () => false); }))"""


@pytest.fixture
def sample() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(SAMPLE.read_text(encoding="utf-8"))
    return copy.deepcopy(data)


def soup_of(scorecard: dict[str, Any], out_dir: Path) -> BeautifulSoup:
    return BeautifulSoup(html.render(scorecard, out_dir), "html.parser")


def tasks_of(scorecard: dict[str, Any]) -> list[dict[str, Any]]:
    return [task for journey in scorecard["journeys"] for task in journey["tasks"]]


def put_file(out_dir: Path, relative: str, data: bytes = b"\xff\xd8\xff\xe0fake-jpeg") -> None:
    path = out_dir / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def test_write_puts_report_html_in_out_dir(sample: dict[str, Any], tmp_path: Path) -> None:
    path = html.write(sample, tmp_path)
    assert path == tmp_path / "report.html"
    assert path.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_report_shows_score_journeys_tasks_and_findings(sample: dict[str, Any], tmp_path: Path) -> None:
    text = soup_of(sample, tmp_path).get_text(" ")
    assert "58" in text and "Grade D" in text and "Needs work" not in text  # the grade, not a second word for it
    names = [j["name"] for j in sample["journeys"]] + [t["name"] for t in tasks_of(sample)]
    titles = [f["title"] for f in sample["findings"]]
    for expected in names + titles:
        assert expected in text


def test_failing_gate_is_explained_in_one_sentence(sample: dict[str, Any], tmp_path: Path) -> None:
    text = " ".join(soup_of(sample, tmp_path).get_text(" ").split())
    assert "This run would fail the release gate: 2 of 3 tasks could not be completed" in text


def test_passing_gate_without_findings_says_it_passes(sample: dict[str, Any], tmp_path: Path) -> None:
    sample["findings"] = []
    sample["summary"]["findings"] = {"error": 0, "warning": 0, "info": 0}
    sample["gate"] = {"passed": True, "checks": [{"id": "score", "description": "Site score at least 50",
                                                  "passed": True, "value": 58, "threshold": 50}]}
    text = " ".join(soup_of(sample, tmp_path).get_text(" ").split())
    assert "This run passes the release gate." in text
    assert "No findings" in text


def test_report_loads_nothing_from_anywhere(sample: dict[str, Any], tmp_path: Path) -> None:
    put_file(tmp_path, "screenshots/buy-shoes/find-the-product-1.jpg")
    soup = soup_of(sample, tmp_path)
    assert not soup.select("script[src], link, iframe, object, embed, base")
    images = soup.find_all("img")
    assert images and all(str(img["src"]).startswith("data:image/") for img in images)
    assert "url(" not in "".join(style.get_text() for style in soup.find_all("style"))


def test_screenshot_present_in_out_dir_is_inlined(sample: dict[str, Any], tmp_path: Path) -> None:
    put_file(tmp_path, "screenshots/buy-shoes/find-the-product-3.jpg")
    put_file(tmp_path, "screenshots/buy-shoes/check-out-3-failure.png", b"\x89PNG\r\n\x1a\nfake")
    soup = soup_of(sample, tmp_path)
    thumb = soup.find("img", alt="Screenshot after step 3: click Trail Running Shoes")
    assert isinstance(thumb, Tag) and str(thumb["src"]).startswith("data:image/jpeg;base64,")
    assert thumb["loading"] == "lazy"
    failure = soup.find("img", alt="Screenshot when step 3 failed: click role=button name=Checkout")
    assert isinstance(failure, Tag) and str(failure["src"]).startswith("data:image/png;base64,")


def test_missing_screenshots_show_no_image(sample: dict[str, Any], tmp_path: Path) -> None:
    soup = soup_of(sample, tmp_path / "nowhere")
    assert soup.find_all("img") == []
    assert "click Trail Running Shoes" in soup.get_text()


def test_only_image_files_inside_out_dir_are_inlined(sample: dict[str, Any], tmp_path: Path) -> None:
    out_dir = tmp_path / "run"
    put_file(tmp_path, "secret.png", b"secret")
    put_file(out_dir, "notes.txt", b"secret")
    steps = tasks_of(sample)[0]["steps"]
    for step, path in zip(steps, ["../secret.png", "notes.txt", str(tmp_path / "secret.png")], strict=True):
        step["screenshot"] = path
    assert soup_of(sample, out_dir).find_all("img") == []


def with_history(sample: dict[str, Any]) -> dict[str, Any]:
    """The sample compared with a baseline, after three earlier runs of the same site."""
    sample["findings"][0]["change"] = "new"
    sample["baseline"] = {
        "run": "20261121-090000", "started_at": "2026-11-21T09:00:00+00:00", "branch": "main", "score": 61,
        "score_change": -3, "new": [sample["findings"][0]["id"]], "still": 2,
        "fixed": [{"id": "console-error:x", "audit": "console-error", "title": "The cart throws an error"}],
        "newly_failing_tasks": ["buy-shoes/check-out"],
        "timings": [{"task": "buy-shoes/check-out", "before_ms": 4100, "now_ms": 5700, "runs_before": 5,
                     "runs_now": 5, "method": "mann-whitney", "p_value": 0.006, "effect": 1.0, "change": "slower"},
                    {"task": "get-started/get-started", "before_ms": 900, "now_ms": 950, "runs_before": 1,
                     "runs_now": 1, "method": "median-threshold", "p_value": None, "effect": None,
                     "change": "same"}]}
    sample["trend"] = [{"run": f"r{i}", "started_at": f"2026-11-{18 + i}T09:00:00+00:00", "score": score,
                        "grade": None, "passed": False} for i, score in enumerate((72, 64, 61, 58))]
    return sample


def test_the_baseline_section_says_what_changed_in_plain_words(sample: dict[str, Any], tmp_path: Path) -> None:
    soup = soup_of(with_history(sample), tmp_path)
    since = soup.find(id="since-h").find_parent("section")
    text = " ".join(since.get_text(" ").split())
    assert "What changed since the run of 21 November 2026 at 09:00 UTC" in text and "run 20261121-090000" in text
    assert "went from 61 to 58: down 3." in text
    assert "Worked then, fails now: Check out" in text and "The cart throws an error" in text
    rows = [[" ".join(c.get_text(" ").split()) for c in tr.find_all(["th", "td"])] for tr in since.find_all("tr")[1:]]
    assert "1 of 2 tasks were slower or faster this time; with fewer than 5 runs on each side" in text
    assert rows[0][:4] == ["Check out", "4.1 s", "5.7 s", "Slower"]
    assert "Statistical test over 5 and 5 runs" in rows[0][4]
    assert len(rows) == 1  # a task whose time did not clearly move is left out of the table
    badges = [b.get_text(" ", strip=True) for b in soup.select(".b-new")]
    assert badges == ["New since the baseline"] * 2  # in "Fix these first" and on the finding itself
    sample["baseline"]["timings"] = sample["baseline"]["timings"][1:]
    text = " ".join(soup_of(sample, tmp_path).find(id="since-h").find_parent("section").get_text(" ").split())
    assert "No task got slower or faster (1 compared)." in text


def test_the_score_trend_is_a_chart_with_a_text_alternative(sample: dict[str, Any], tmp_path: Path) -> None:
    soup = soup_of(with_history(sample), tmp_path)
    chart = soup.find(id="trend-h").find_parent("section").find("svg")
    assert chart["role"] == "img" and chart["aria-label"].startswith("Site score by run, oldest first: 72 on 18 Nov")
    assert chart["aria-label"].endswith("58 on 21 November 2026 at 09:00 UTC (this run)")
    dots = chart.find_all("circle")
    assert [float(d["cy"]) for d in dots] == sorted(float(d["cy"]) for d in dots)  # falling scores: lower each time
    assert [d["class"][-1] for d in dots][-1] == "tr-current"
    sample["trend"] = sample["trend"][-1:]
    assert soup_of(sample, tmp_path).find(id="trend-h") is None  # one run is not a trend


def hostile(sample: dict[str, Any]) -> dict[str, Any]:
    """Page-derived text everywhere a page can put it."""
    with_history(sample)
    sample["baseline"]["branch"] = SCRIPT
    sample["baseline"]["fixed"][0]["title"] = BREAKOUT
    sample["baseline"]["timings"][0]["task"] = SCRIPT
    sample["trend"][0]["started_at"] = BREAKOUT
    task = tasks_of(sample)[0]
    task["name"], task["error"] = SCRIPT, BREAKOUT
    task["steps"][0]["name"], task["steps"][0]["url"] = BREAKOUT, "javascript:alert(1)"
    task["pages"][0].update(url="javascript:alert(1)", final_url="JavaScript:alert(1)", title=SCRIPT)
    finding = sample["findings"][1]
    finding.update(title=SCRIPT, url="javascript:alert(1)", description=BREAKOUT, hint=SCRIPT,
                   display_value=BREAKOUT, task_name=BREAKOUT)
    finding["evidence"] = [{"url": " javascript:alert(1)", BREAKOUT: SCRIPT, "ms": BREAKOUT}]
    sample["journeys"][0]["id"] = sample["findings"][1]["journey"] = BREAKOUT
    sample["findings"][1]["step"] = task["steps"][0]["id"] = BREAKOUT
    sample["run"]["base_url"] = "javascript:alert(1)"
    sample["categories"][0]["title"] = BREAKOUT
    sample["gate"]["checks"][0]["description"] = SCRIPT
    return sample


def test_hostile_scorecard_cannot_inject_markup(sample: dict[str, Any], tmp_path: Path) -> None:
    put_file(tmp_path, "screenshots/buy-shoes/find-the-product-1.jpg")
    soup = soup_of(hostile(sample), tmp_path)
    scripts = soup.find_all("script")  # only the report's own findings filter, with nothing from the scorecard
    assert len(scripts) == 1 and scripts[0].get_text() == soup_of(sample, tmp_path).find("script").get_text()
    for element in soup.find_all(True):
        assert not [name for name in element.attrs if name.lower().startswith("on")], element.name
    hrefs = [str(a["href"]).strip().lower() for a in soup.find_all("a", href=True)]
    assert not [href for href in hrefs if not href.startswith(("#", "http://", "https://"))]
    text = soup.get_text()
    assert SCRIPT in text and BREAKOUT in text and "javascript:alert(1)" in text
    assert [img["alt"] for img in soup.find_all("img")] == [f"Screenshot after step 1: {BREAKOUT}"]
    ids = [str(element["id"]) for element in soup.find_all(id=True)]
    assert all(re.fullmatch(r"[a-z0-9-]+", ident) for ident in ids)


@pytest.mark.parametrize("url", ["javascript:alert(1)", " https://x.test", "data:text/html,hi", "ftp://x.test",
                                 "https://x.test/a b", "http:/x.test", None, 42])
def test_only_http_urls_become_links(url: object) -> None:
    assert html.safe_href(url) is None


def test_http_urls_become_links() -> None:
    assert html.safe_href("HTTPS://shop.test/cart?x=1") == "HTTPS://shop.test/cart?x=1"


def test_scorecard_without_optional_fields_renders(tmp_path: Path) -> None:
    minimal = {"schema_version": "1.0", "score": 95, "journeys": [{"id": "j", "name": "Browse", "score": 95,
               "completed": True, "tasks": [{"id": "j/t", "name": "Look around", "completed": True,
               "steps": [{"id": "j/t/1", "index": 1, "action": "goto", "ok": True}]}]}],
               "findings": [{"audit": "a", "severity": "info", "title": "A note", "evidence": ["plain", 3]}],
               "gate": {"passed": True, "checks": []}}
    text = " ".join(soup_of(minimal, tmp_path).get_text(" ").split())
    assert "Grade A" in text and "Look around" in text and "A note" in text and "passes the release gate" in text


def test_evidence_keys_become_column_headers(sample: dict[str, Any], tmp_path: Path) -> None:
    soup = soup_of(sample, tmp_path)
    headers = {th.get_text(strip=True) for th in soup.select("table.evidence th[scope=col]")}
    assert {"Hop", "URL", "Status", "Time", "Metric", "Kind", "Message", "Source"} <= headers


def test_headings_do_not_skip_levels_and_tables_have_scopes(sample: dict[str, Any], tmp_path: Path) -> None:
    soup = soup_of(sample, tmp_path)
    levels = [int(h.name[1]) for h in soup.find_all(["h1", "h2", "h3", "h4", "h5", "h6"])]
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(b - a <= 1 for a, b in zip(levels, levels[1:], strict=False))
    assert all(th.get("scope") in ("col", "row") for th in soup.find_all("th"))
    assert soup.html is not None and soup.html["lang"] == "en"
    assert soup.find("header") and soup.find("nav") and soup.find("main") and soup.find("footer")


@pytest.mark.parametrize(
    ("ms", "text"), [(412, "412 ms"), (3410, "3.4 s"), (125_000, "2 min 5 s"), (None, "—"), (True, "—")]
)
def test_durations_read_like_words(ms: object, text: str) -> None:
    assert html.duration(ms) == text


@pytest.mark.e2e
def test_report_opens_in_chromium_without_errors_or_network(sample: dict[str, Any], tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    requests: list[str] = []
    errors: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=find_chromium().executable, args=launch_args())
        page = browser.new_page()
        page.set_content("<h1 style='font-size:80px'>Shop</h1>")
        put_file(tmp_path, "screenshots/buy-shoes/find-the-product-1.jpg", page.screenshot(type="jpeg"))
        put_file(tmp_path, "screenshots/buy-shoes/check-out-3-failure.png", page.screenshot(full_page=True))
        report = html.write(sample, tmp_path)
        page = browser.new_page()
        page.on("request", lambda request: requests.append(request.url))
        page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(report.as_uri(), wait_until="load")
        decoded = page.evaluate(DECODE_ALL_IMAGES)
        browser.close()
    assert errors == []
    assert [url for url in requests if not url.startswith("data:")] == [report.as_uri()]
    assert decoded and all(decoded)


def test_each_finding_links_to_its_audit_in_the_docs(sample: dict[str, Any], tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("UXAUDIT_DOCS_URL", "https://docs.example/uxaudit/")
    soup = soup_of(sample, tmp_path)
    hrefs = {str(a["href"]) for a in soup.find_all("a", href=re.compile("^https://docs.example/"))}
    assert hrefs == {f"https://docs.example/uxaudit/audits.md#{f['audit']}" for f in sample["findings"]} | {
        "https://docs.example/uxaudit/scoring.md"}  # beside the site score: how it is worked out


def test_the_journeys_are_listed_in_the_storys_order_each_with_its_outcome(sample: dict[str, Any],
                                                                          tmp_path: Path) -> None:
    first, second = sample["journeys"]
    second["order"] = 1  # the story's first chapter, though the scorecard lists it second
    soup = soup_of(sample, tmp_path)
    cards = soup.select("#journeys article.journey")
    assert [card["id"] for card in cards] == [html.anchor("journey", j["id"]) for j in (second, first)]
    for card, journey in zip(cards, (second, first), strict=True):
        head = " ".join(card.select_one(".journey-head").get_text(" ").split())
        assert journey["name"] in head and ("Completed" if journey["completed"] else "Not completed") in head
    del second["order"]
    first["importance"], second["importance"] = 0.5, 3  # no order: the more important first
    assert [c["id"] for c in soup_of(sample, tmp_path).select("#journeys article.journey")][0] == cards[0]["id"]


def test_a_passed_task_is_one_line_that_opens_and_a_failed_one_shows_its_evidence(sample: dict[str, Any],
                                                                                 tmp_path: Path) -> None:
    put_file(tmp_path, "screenshots/buy-shoes/check-out-3-failure.png", b"\x89PNG\r\n\x1a\nfake")
    soup = soup_of(sample, tmp_path)
    passed = soup.find(id=html.anchor("task", "buy-shoes/find-the-product"))
    assert passed.name == "details" and not passed.has_attr("open")
    line = " ".join(passed.find("summary").get_text(" ").split())
    assert "Find the product" in line and "Passed" in line and "72" in line
    assert passed.select(".timeline .step")  # its steps, on demand
    failed = soup.find(id=html.anchor("task", "buy-shoes/check-out"))
    assert failed.name == "section"
    assert failed.find("img", alt="Screenshot when step 3 failed: click role=button name=Checkout")
    assert "What went wrong" in failed.get_text() and failed.select_one("details.more")
    skipped = soup.find(id=html.anchor("task", "get-started/open-my-account"))
    assert "Not reached" in skipped.get_text() and not skipped.find("details")


def test_a_task_without_a_score_is_not_reached(sample: dict[str, Any], tmp_path: Path) -> None:
    skipped = sample["journeys"][1]["tasks"][0]
    skipped["score"] = None
    skipped["status"] = "skipped"
    task = soup_of(sample, tmp_path).find(id=html.anchor("task", skipped["id"]))
    assert "Not reached" in task.get_text() and "None" not in task.get_text()


def test_not_applicable_audits_and_the_link_check_are_shown(sample: dict[str, Any], tmp_path: Path) -> None:
    sample["notes"] = [{"audit": "accessibility", "text": "Accessibility was not checked: axe-core is not installed."}]
    sample["links"] = {"checked": 17, "broken": 2, "concurrency": 4, "external": False,
                       "request_seconds": 0.4, "waited_seconds": 0.0, "unfinished": 0}
    text = " ".join(soup_of(sample, tmp_path).get_text(" ").split())
    assert "Not checked: Accessibility. Accessibility was not checked: axe-core is not installed." in text
    assert "Links 17 checked, 2 broken" in text


@pytest.mark.parametrize(("path", "expected"), [
    ("lighthouse/full-checkout/check-out-1.report.html", "lighthouse/full-checkout/check-out-1.report.html"),
    ("lighthouse/my journey/a#b-1.report.html", "lighthouse/my%20journey/a%23b-1.report.html"),
    ("lighthouse/../../etc/passwd.report.html", None),
    ("/lighthouse/x.report.html", None),
    ("javascript:alert(1)//lighthouse/x.report.html", None),
    ("lighthouse/x.report.json", None),
    (None, None),
])
def test_only_the_runs_own_lighthouse_reports_become_relative_links(path: object, expected: str | None) -> None:
    assert html.own_report(path) == expected


def test_findings_can_be_filtered_by_severity_and_category_in_the_browser(sample: dict[str, Any],
                                                                         tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    report = html.write(sample, tmp_path)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=find_chromium().executable, args=launch_args())
        page = browser.new_page()
        page.goto(report.as_uri())
        visible = "() => [...document.querySelectorAll('#findings article.finding')].filter(a => !a.hidden).length"
        total = page.evaluate(visible)
        page.get_by_role("checkbox", name="Errors").uncheck()
        errors_hidden = page.evaluate(visible)
        count_text = page.locator("#filter-count").inner_text()
        page.get_by_role("checkbox", name="Errors").check()
        page.get_by_role("checkbox", name="Navigation").uncheck()
        navigation_hidden = page.evaluate(visible)
        browser.close()
    by_severity = [f["severity"] for f in sample["findings"]]
    by_category = [f["category"] for f in sample["findings"]]
    assert total == len(html.ReportView.of(sample).findings) == len(sample["findings"])  # no problem met twice
    assert errors_hidden == total - by_severity.count("error")
    assert count_text == f"Showing {errors_hidden} of {total} problems."
    assert navigation_hidden == total - by_category.count("navigation")


def test_each_task_with_several_steps_has_a_time_per_step_chart(sample: dict[str, Any], tmp_path: Path) -> None:
    charts = soup_of(sample, tmp_path).select("figure.step-times")
    multi_step = [t for t in tasks_of(sample) if len([s for s in t["steps"] if s["status"] != "skipped"]) > 1]
    assert len(charts) == len(multi_step)
    rows = [" ".join(li.get_text(" ").split()) for li in charts[0].select("li")]
    assert rows[0].startswith("1. ") and rows[0].endswith(html.duration(multi_step[0]["steps"][0]["duration_ms"]))


def test_one_problem_met_by_several_tasks_is_one_card_that_says_where_else(sample: dict[str, Any],
                                                                          tmp_path: Path) -> None:
    first = sample["findings"][1]
    tasks = tasks_of(sample)
    other_task = next(t for t in tasks if t["id"] != first["task"])
    again = {**first, "task": other_task["id"], "task_name": other_task["name"], "step": other_task["steps"][0]["id"],
             "id": first["id"] + "-again"}
    sample["findings"].insert(2, again)
    soup = soup_of(sample, tmp_path)
    cards = [a for a in soup.select("article.finding") if a.find("h4").get_text() == first["title"]]
    assert len(cards) == 1
    also = " ".join(cards[0].select_one("ul.also").get_text(" ").split())
    assert other_task["name"] in also
    severity = first["severity"]
    heading = " ".join(soup.find(id=f"sev-{severity}-h").get_text(" ").split())
    same = [f for f in sample["findings"] if f["severity"] == severity]
    assert f"met {len(same)} times across tasks" in heading
    step_links = soup.find(id=html.anchor("step", other_task["steps"][0]["id"])).select("a[href^='#finding-']")
    assert cards[0]["id"] in {a["href"][1:] for a in step_links}  # the other task's step links to the one card


def test_two_tasks_that_fail_on_the_same_page_stay_two_problems(sample: dict[str, Any], tmp_path: Path) -> None:
    failed = next(f for f in sample["findings"] if f["audit"] == "task-success")
    other = next(t for t in tasks_of(sample) if t["id"] != failed["task"])
    sample["findings"].append({**failed, "id": "task-success:" + other["id"], "task": other["id"],
                               "task_name": other["name"], "title": f"Task “{other['name']}” could not be completed"})
    titles = [a.find("h4").get_text() for a in soup_of(sample, tmp_path).select("article.finding")]
    assert sum(1 for t in titles if t.endswith("could not be completed")) == 2


def test_a_long_success_check_is_explained_beside_the_criteria(sample: dict[str, Any], tmp_path: Path) -> None:
    failed = next(t for t in tasks_of(sample) if t["criteria"] and not all(c["ok"] for c in t["criteria"]))
    failed["success_check_ms"] = 10_020
    text = " ".join(soup_of(sample, tmp_path).get_text(" ").split())
    assert "(checking them took 10.0 s: uxaudit waits for a criterion until its time-out" in text


def test_a_failed_task_names_the_problem_that_likely_stopped_it(sample: dict[str, Any], tmp_path: Path) -> None:
    failed = next(f for f in sample["findings"] if f["audit"] == "task-success")
    stopper = {**failed, "id": "http-error:x", "audit": "http-error", "category": "navigation",
               "title": "“/legal/terms” answered 404 (not found)", "severity": "error"}
    sample["findings"].append(stopper)
    soup = soup_of(sample, tmp_path)
    card = next(a for a in soup.select("article.finding") if a.find("h4").get_text() == stopper["title"])
    task = soup.find(id=html.anchor("task", failed["task"]))
    assert f"Likely cause: {stopper['title']}" in " ".join(task.get_text(" ").split())
    top = soup.find(id="top-h").find_parent("section")
    causes = [" ".join(li.get_text(" ").split()) for li in top.select("li.cause")]
    assert causes[0].startswith(stopper["title"]) and "Stops Buy trail running shoes › Check out" in causes[0]
    assert not [c for c in causes if "could not be completed" in c]  # the failed task is under its cause
    assert top.find("a", string=stopper["title"])["href"] == f"#{card['id']}"


def test_fix_these_first_names_each_cause_once_in_plain_words(sample: dict[str, Any], tmp_path: Path) -> None:
    top = soup_of(sample, tmp_path).find(id="top-h").find_parent("section")
    kinds = [k.get_text() for k in top.select(".kind")]
    assert "Slow page" in kinds and "load-time" not in top.get_text()  # the id only in the tooltip
    assert {k["title"] for k in top.select(".kind")} >= {"Check: load-time"}
    heads = [li.select_one(".cause-title").get_text() for li in top.select("li.cause")]
    assert len(heads) == len(set(heads))


def test_step_time_labels_show_the_action_not_the_sub_flow(sample: dict[str, Any], tmp_path: Path) -> None:
    task = next(t for t in tasks_of(sample) if len(t["steps"]) > 1)
    task["steps"][0]["name"] = "Ask support for the portal link › Click “Send”"
    labels = [t.get_text() for t in soup_of(sample, tmp_path).select("figure.step-times .st-label")]
    assert "1. Click “Send”" in labels
