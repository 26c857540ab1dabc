"""Files are replaced in one rename, and text a page made up never stops a write."""

from __future__ import annotations

import json
from pathlib import Path

from uxaudit.atomic_write import write_atomic
from uxaudit.run_folder import write_json


def test_a_lone_surrogate_from_a_page_is_saved_as_a_question_mark(tmp_path: Path) -> None:
    write_atomic(tmp_path / "page.html", "<p>broken \ud800 text</p>")
    assert (tmp_path / "page.html").read_text(encoding="utf-8") == "<p>broken ? text</p>"
    write_json(tmp_path / "visit.json", {"title": "a \udfff title"})
    assert json.loads((tmp_path / "visit.json").read_text(encoding="utf-8")) == {"title": "a ? title"}


def test_nothing_but_the_file_is_left(tmp_path: Path) -> None:
    write_atomic(tmp_path / "a" / "b.txt", b"bytes")
    assert [p.name for p in (tmp_path / "a").iterdir()] == ["b.txt"]
