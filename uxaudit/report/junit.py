"""junit.xml: the run as test results for CI (Jenkins, GitLab, GitHub test reporters).

A testsuite per journey with a testcase per task (a failed task is a <failure> carrying its
failing step and reason, the journey file and line, and the commands that open its trace and rerun
it; a skipped task is <skipped>), and a "Release gate" testsuite with a testcase per gate check. A
failed `setup:` is a "Setup" testcase of its own, first in its journey's suite, holding an <error>
(as pytest reports a fixture that failed: the tasks could not run, and are <skipped>). A failed
task's (or setup's) <system-out> names its screenshot, trace and video as `[[ATTACHMENT|path]]` lines,
which Jenkins (JUnit Attachments plugin) and GitLab pick up: each on a line of its own, the path
relative to the folder uxaudit ran in (the CI workspace), the screenshot first (GitLab shows only
the first). The format follows the JUnit XML that CI tools read; the schema the tests validate
against is docs/junit.xsd.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

from ..atomic_write import write_atomic
from .failures import TRACE_VIEWER_URL, Failure, failures, in_folder, show_trace_command

FILE_NAME = "junit.xml"
# XML 1.0 cannot carry most control characters, and audited pages can contain them.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def write(scorecard: Mapping[str, Any], out_dir: Path) -> Path:
    """Write junit.xml into out_dir."""
    return write_atomic(out_dir / FILE_NAME, render(scorecard, out_dir))


def render(scorecard: Mapping[str, Any], folder: Path | None = None) -> str:
    """The JUnit XML document as a string; `folder` is the run folder, which the paths of the
    attachments start with."""
    # a failed task's failure by its id; a journey that failed before its tasks (setup, crash) by the journey's
    found: dict[str | None, Failure] = {f.task_id or f"journey:{f.journey_id}": f
                                        for f in failures(scorecard) if f.run is None}
    suites = [_journey_suite(journey, scorecard, found, folder) for journey in scorecard.get("journeys") or []]
    suites.append(_gate_suite(scorecard))
    root = ET.Element("testsuites", {"name": "uxaudit", **_counts(suites),
                                      "time": _seconds((scorecard.get("run") or {}).get("duration_ms"))})
    root.extend(suites)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _journey_suite(journey: Mapping[str, Any], scorecard: Mapping[str, Any], found: Mapping[str | None, Failure],
                   folder: Path | None) -> ET.Element:
    stopped = found.get(f"journey:{journey.get('id')}")
    setup = _setup_case(journey, stopped, folder)
    cases = [*([setup] if setup is not None else []),
             *(_task_case(journey, task, scorecard, (found.get(task.get("id")), folder))
               for task in journey.get("tasks") or [])]
    suite = ET.Element("testsuite", {
        "name": _text(journey.get("name") or journey.get("id")), "id": _text(journey.get("id")), **_counts(cases),
        "time": _seconds(journey.get("duration_ms")),
        "timestamp": _text((scorecard.get("run") or {}).get("started_at")), "file": _text(journey.get("file"))})
    properties = ET.SubElement(suite, "properties")
    for name in ("score", "rating", "device"):
        ET.SubElement(properties, "property", name=name, value=_text(journey.get(name)))
    suite.extend(cases)
    if journey.get("error") and setup is None:  # a crash outside any step: the suite says it
        more = _where_and_how(stopped, folder, named=False) if stopped else []
        ET.SubElement(suite, "system-err").text = _text("\n".join([str(journey["error"]), *more]))
    return suite


def _task_case(journey: Mapping[str, Any], task: Mapping[str, Any], scorecard: Mapping[str, Any],
               failed: tuple[Failure | None, Path | None]) -> ET.Element:
    case = ET.Element("testcase", classname=_text(journey.get("id")), name=_text(task.get("name")),
                      time=_seconds(task.get("duration_ms")), file=_text(journey.get("file")))
    status = task.get("status")
    if status == "skipped":
        ET.SubElement(case, "skipped", message=_text(task.get("error") or "skipped"))
    elif status != "passed":
        # uxaudit's own error is a JUnit <error> (the test could not run), never the site's <failure>
        own = any(step.get("fault") == "uxaudit" for step in task.get("steps") or ())
        failure = ET.SubElement(case, "error" if own else "failure",
                                message=_text(task.get("error") or "the task failed"),
                                type="uxaudit-error" if own else "task-failed")
        failure.text = _failure_details(task, *failed)
    findings = [f for f in scorecard.get("findings") or []
                if f.get("task") == task.get("id") and f.get("severity") in ("error", "warning")]
    reached = task.get("reached", True) and task.get("score") is not None
    score = [f"score {task.get('score')}/100"] if reached else []  # a task not reached has no score of its own
    lines = score + [f"{f['severity']}: {f.get('title')} [{f.get('audit')}]" for f in findings]
    if status == "failed":
        lines += _attachments(task, *failed)
    ET.SubElement(case, "system-out").text = _text("\n".join(lines))
    return case


def _setup_case(journey: Mapping[str, Any], stopped: Failure | None, folder: Path | None) -> ET.Element | None:
    """The "Setup" testcase of a journey whose `setup:` failed (None otherwise): an <error> with the
    failed step, its line, picture, trace and rerun command, and the attachments in <system-out>."""
    steps = [s for s in journey.get("setup") or () if isinstance(s, Mapping)]
    if not any(s.get("status") == "failed" for s in steps):
        return None
    case = ET.Element("testcase", classname=_text(journey.get("id")), name="Setup",
                      time=_seconds(sum(s.get("duration_ms") or 0 for s in steps)), file=_text(journey.get("file")))
    hooks = {"steps": steps, "error": journey.get("error")}
    error = ET.SubElement(case, "error", message=_text(journey.get("error") or "the setup failed"),
                          type="setup-failed")
    error.text = _failure_details(hooks, stopped, folder)
    ET.SubElement(case, "system-out").text = _text("\n".join(_attachments(hooks, stopped, folder)))
    return case


def _attachments(task: Mapping[str, Any], failure: Failure | None, folder: Path | None) -> list[str]:
    """`[[ATTACHMENT|path]]` lines: the screenshots of the failed steps (the criteria's picture), the
    trace and the video. A path with `|`, `[` or `]` would end the tag early: such a file is left out."""
    shots = [s.get("screenshot") for s in task.get("steps") or () if s.get("status") == "failed"]
    files = [*shots, task.get("failure_screenshot"), *((failure.trace, failure.video) if failure else ())]
    paths = [in_folder(folder, f) for f in dict.fromkeys(files) if isinstance(f, str) and f]
    return [f"[[ATTACHMENT|{p}]]" for p in paths if not set(p) & set("|[]")]


def _failure_details(task: Mapping[str, Any], failure: Failure | None = None, folder: Path | None = None) -> str:
    lines = []
    for step in task.get("steps") or []:
        if step.get("status") == "failed":
            where = f" at {step['location']}" if step.get("location") else ""
            lines.append(f"Step {step.get('index')} ({step.get('name')}){where}: {step.get('error')}")
            if step.get("screenshot"):
                lines.append(f"Screenshot: {in_folder(folder, step['screenshot'])}")
    lines += [f"Expected that {c.get('description')}, but {c.get('error')}"
              for c in task.get("criteria") or [] if not c.get("ok")]
    if task.get("failure_screenshot"):
        lines.append(f"Screenshot: {in_folder(folder, task['failure_screenshot'])}")
    if failure is not None:
        lines += _where_and_how(failure, folder, named=any(failure.where and failure.where in line for line in lines))
    return _text("\n".join(lines) or task.get("error"))


def _where_and_how(failure: Failure, folder: Path | None, named: bool) -> list[str]:
    """Where the journey file says what failed (unless a step's line `named` it), how to watch it
    again and how to rerun it."""
    lines = [f"In {failure.where}"] if failure.where and not named else []
    if failure.trace:
        command = show_trace_command(in_folder(folder, failure.trace))
        lines.append(f"Trace: {command} (or open it on {TRACE_VIEWER_URL}: the file stays on your machine)")
    return [*lines, f"Rerun: {failure.rerun}"]


def _gate_suite(scorecard: Mapping[str, Any]) -> ET.Element:
    cases = []
    for check in (scorecard.get("gate") or {}).get("checks") or []:
        case = ET.Element("testcase", classname="gate", name=_text(check.get("description") or check.get("id")),
                          time="0")
        outcome = f"measured {check.get('value')}, needed {check.get('threshold')} ({check.get('where')})"
        if not check.get("passed") and check.get("level") == "error":
            ET.SubElement(case, "failure", message=_text(outcome), type="gate-check")
        else:  # a passed check, or a failed warning (reported, never failing)
            ET.SubElement(case, "system-out").text = _text(("warning: " if not check.get("passed") else "") + outcome)
        cases.append(case)
    suite = ET.Element("testsuite", {"name": "Release gate", "id": "gate", **_counts(cases), "time": "0"})
    suite.extend(cases)
    return suite


def _counts(elements: list[ET.Element]) -> dict[str, str]:
    """tests/failures/errors/skipped of suites (summed) or of test cases (counted)."""
    if elements and elements[0].tag == "testsuite":
        return {key: str(sum(int(e.get(key, "0")) for e in elements))
                for key in ("tests", "failures", "errors", "skipped")}
    return {"tests": str(len(elements)),
            "failures": str(sum(1 for e in elements if e.find("failure") is not None)),
            "errors": str(sum(1 for e in elements if e.find("error") is not None)),
            "skipped": str(sum(1 for e in elements if e.find("skipped") is not None))}


def _seconds(ms: object) -> str:
    return f"{ms / 1000:.3f}" if isinstance(ms, int | float) and not isinstance(ms, bool) else "0"


def _text(value: object) -> str:
    """Any value as XML-safe text (None as empty)."""
    return _NOT_XML.sub("\N{REPLACEMENT CHARACTER}", "" if value is None else str(value))
