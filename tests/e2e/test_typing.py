"""`type` in real Chromium: key by key into a rich-text editor (contenteditable), with a delay between
keys, into whatever has focus, and into a form field (read back); a typed secret is masked."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from tests.e2e.conftest import journey_file, run_pipeline, serve_pages
from uxaudit.gather.marks import COLOUR

SECRET = "4242-Pin-Secret"
HEAD = '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{0}</title></head><body><h1>{0}</h1>'
PAGES = {
    # Counts the keys it is sent: typed key by key, not pasted or set.
    "/editor": HEAD.format("Editor") + '<div id="ed" contenteditable="true" role="textbox" aria-label="Editor" '
               'style="border:1px solid #888;min-height:80px;width:400px"></div><p id="keys">Keys: 0</p><script>'
               "let n = 0; document.getElementById('ed').addEventListener('keydown', () => { n += 1;"
               "document.getElementById('keys').textContent = 'Keys: ' + n; });</script>",
    "/form": HEAD.format("Form") + '<label>Name <input id="name"></label><p id="echo"></p><script>'
             "document.getElementById('name').addEventListener('input', (e) => {"
             "document.getElementById('echo').textContent = 'Hello, ' + e.target.value; });</script>",
    "/pin": HEAD.format("PIN") + '<input aria-label="Code" style="position:absolute;left:20px;top:120px;'
            'width:200px;height:30px">',
}


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    with serve_pages(PAGES) as address:
        yield address


@pytest.fixture(scope="module")
def typed(site: str, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    folder = tmp_path_factory.mktemp("journeys")
    journey_file(folder, "typing.yaml", f"""
        name: Typing
        base_url: {site}
        variables: {{PIN_TOKEN: "{SECRET}"}}
        tasks:
          - name: Editor
            steps:
              - goto: /editor
              - type: {{target: Editor, value: "Hello editor"}}
            success:
              - text: Hello editor
              - text: "Keys: 12"
          - name: Slowly
            steps:
              - goto: /editor
              - type: {{target: Editor, value: slow, delay: 150}}
            success:
              - text: "Keys: 4"
          - name: Focused
            steps:
              - goto: /form
              - click: Name
              - type: Ada
            success:
              - text: "Hello, Ada"
          - name: Field
            steps:
              - goto: /form
              - type: {{target: Name, value: Grace}}
            success:
              - text: "Hello, Grace"
          - name: Secret
            steps:
              - goto: /pin
              - click: Code
              - type: "${{PIN_TOKEN}}"
    """)
    out = tmp_path_factory.mktemp("out")
    run_pipeline([folder], out, workers=1, check_links=False, trace="off")
    return out, json.loads((out / "journeys" / "typing.json").read_text())


def _task(record: dict[str, Any], name: str) -> dict[str, Any]:
    return next(task for task in record["tasks"] if task["name"] == name)


def test_type_reaches_a_contenteditable_editor_key_by_key(typed: tuple[Path, dict[str, Any]]) -> None:
    out, record = typed
    editor = _task(record, "Editor")
    assert editor["status"] == "passed", editor["error"]
    step = editor["steps"][1]
    assert step["name"] == "Type “Hello editor” into “Editor”" and step["status"] == "passed"
    assert step.get("field_check") is None  # an editor is not a form field: nothing to read back
    picture = Image.open(out / step["screenshot"]).convert("RGB")  # the editor is marked where it was clicked
    assert any(all(abs(a - b) <= 50 for a, b in zip(picture.getpixel((x, y)), COLOUR, strict=True))
               for x in range(0, 450, 2) for y in range(0, 250, 2))


def test_type_waits_its_delay_between_keys(typed: tuple[Path, dict[str, Any]]) -> None:
    _, record = typed
    slowly = _task(record, "Slowly")
    assert slowly["status"] == "passed", slowly["error"]
    typing = slowly["steps"][1]
    assert typing["duration_ms"] >= 4 * 150 and typing["keys"] == 4
    # The keys are the visitor's own time, not the site's: what the site took to answer is timed from the
    # last key (typing slowly is never "slow to answer").
    assert typing["interaction_ms"] is not None and typing["interaction_ms"] < typing["duration_ms"] - 3 * 150


def test_type_without_a_target_types_where_the_focus_is(typed: tuple[Path, dict[str, Any]]) -> None:
    _, record = typed
    focused = _task(record, "Focused")
    assert focused["status"] == "passed", focused["error"]
    assert focused["steps"][2]["name"] == "Type “Ada”"


def test_type_into_a_form_field_is_read_back(typed: tuple[Path, dict[str, Any]]) -> None:
    _, record = typed
    field = _task(record, "Field")
    assert field["status"] == "passed", field["error"]
    check = field["steps"][1]["field_check"]
    assert check["typed"] == "Grace" and check["kept"] == "Grace" and check["kept_typed"] is True


def test_a_typed_secret_is_masked_in_the_name_the_files_and_the_screenshot(
        typed: tuple[Path, dict[str, Any]]) -> None:
    out, record = typed
    secret = _task(record, "Secret")
    assert secret["status"] == "passed", secret["error"]
    assert secret["steps"][2]["name"] == "Type “••••••”"
    leaks = [path for path in out.rglob("*") if path.is_file() and SECRET.encode() in path.read_bytes()]
    assert leaks == []
    # The field the focus was in is masked (Playwright's magenta) in the step's picture and later.
    picture = Image.open(out / secret["steps"][2]["screenshot"]).convert("RGB")
    red, green, blue = picture.getpixel((120, 135))
    assert red > 200 and green < 60 and blue > 200
