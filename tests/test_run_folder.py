"""The run folder: uxaudit writes only into a folder of its own and deletes only what it wrote; every
name that becomes a file name is one harmless, bounded file name."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from tests.builders import run
from uxaudit import pipeline
from uxaudit.cli import main
from uxaudit.load.config import RunConfig
from uxaudit.run_folder import MARKER_FILE, NAME_LIMIT, RunFolder, journey_files, safe_name
from uxaudit.score.history import list_runs

JOURNEY = "name: Ok\nbase_url: http://127.0.0.1:9\nsteps:\n  - goto: /\n"


def _user_folder(tmp_path: Path) -> Path:
    """A folder of the user's own, with `pages/` and `screenshots/` that happen to share uxaudit's names."""
    for name in ("pages", "screenshots"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "mine.txt").write_text("the user's", encoding="utf-8")
    (tmp_path / "ok.yaml").write_text(JOURNEY, encoding="utf-8")
    return tmp_path


def _user_files_survive(folder: Path) -> bool:
    return all((folder / name / "mine.txt").read_text(encoding="utf-8") == "the user's"
               for name in ("pages", "screenshots"))


@pytest.mark.parametrize("out", ["", "."])
def test_the_current_folder_is_refused_and_the_users_folders_survive(
        out: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(_user_folder(tmp_path))
    for _ in range(2):  # a second run once deleted pages/ and screenshots/
        assert main(["run", "ok.yaml", "--out", out]) == 2
    error = capsys.readouterr().err
    assert error.count("\n") == 2 and "--out: the current folder cannot hold a run's outputs" in error
    assert _user_files_survive(tmp_path) and not (tmp_path / MARKER_FILE).exists()


def test_a_folder_with_other_files_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "mine").mkdir()
    folder = _user_folder(tmp_path / "mine")
    assert main(["run", str(folder / "ok.yaml"), "--out", str(folder)]) == 2
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and "holds files that are not a uxaudit run's" in error
    assert _user_files_survive(folder) and not (folder / MARKER_FILE).exists()


def test_a_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / "f").write_text("x", encoding="utf-8")
    with pytest.raises(Exception, match="not a folder"):
        RunFolder(tmp_path / "f").check_usable()


def test_a_new_or_empty_folder_is_marked(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    for folder in (RunFolder(tmp_path / "new" / "run"), RunFolder(tmp_path / "empty")):
        folder.start_fresh()
        assert folder.holds_a_run


def test_an_earlier_run_loses_only_uxaudits_own_files(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "keep.txt").write_text("keep", encoding="utf-8")
    folder = RunFolder(tmp_path / "run")
    folder.start_fresh()
    for own in ("journeys/a.json", "screenshots/a/t-1.jpg", "pages/a/t-1.html", "links.json"):
        (folder.root / own).parent.mkdir(parents=True, exist_ok=True)
        (folder.root / own).write_text("{}", encoding="utf-8")
    (folder.root / "notes.txt").write_text("mine", encoding="utf-8")
    (folder.root / "lighthouse").symlink_to(outside, target_is_directory=True)
    folder.start_fresh()
    assert sorted(p.name for p in folder.root.iterdir()) == [MARKER_FILE, "notes.txt"]
    assert (outside / "keep.txt").read_text(encoding="utf-8") == "keep"


def test_a_run_that_could_not_start_leaves_no_folder(tmp_path: Path) -> None:
    folder = RunFolder(tmp_path / "run")
    folder.start_fresh()
    folder.remove_if_empty()
    assert not folder.root.exists()


@pytest.mark.parametrize("name", ["../../x", "/etc/passwd", "..", "a\\..\\b", "tab\there\x00", "\ud800"])
def test_a_screenshot_name_stays_inside_the_run_folder(name: str, tmp_path: Path) -> None:
    folder = RunFolder(tmp_path / "run")
    for path in (folder.screenshot(name, name, name), folder.page_html(name, name, 1),
                 folder.lighthouse_report(name, name, 1), folder.screenshot(journey_files(name, 2), "t", name)):
        assert path.resolve().parent.parent.parent == folder.root.resolve()
        assert all(".." not in part and "/" not in part for part in path.relative_to(folder.root).parts)


def test_a_300_character_name_is_cut_with_a_hash(tmp_path: Path) -> None:
    long, longer = "t" * 300, "t" * 299 + "u"
    path = RunFolder(tmp_path).screenshot(journey_files(long, 3), long, long, ".png")
    assert all(len(part.encode()) <= NAME_LIMIT + len(".png") for part in path.relative_to(tmp_path).parts)
    assert safe_name(long) != safe_name(longer) and len(safe_name("é" * 300).encode()) <= NAME_LIMIT
    path.parent.mkdir(parents=True)
    path.write_bytes(b"")  # the file system takes it


def test_ordinary_names_are_kept() -> None:
    assert [safe_name(n) for n in ("checkout", "home page", "checkout.run2", "task-3")] == [
        "checkout", "home page", "checkout.run2", "task-3"]
    assert journey_files("checkout", 1) == "checkout" and journey_files("checkout", 2) == "checkout.run2"


def test_a_reused_out_folder_gives_each_run_an_id_of_its_own(tmp_path: Path) -> None:
    out = tmp_path / "reports" / "nightly"
    first, second = RunFolder.for_run(out), RunFolder.for_run(out)
    assert first.root == second.root == out
    assert first.run_id != second.run_id and "nightly" not in (first.run_id + second.run_id)


def test_a_folder_uxaudit_names_is_named_by_the_run_id(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    folder = RunFolder.for_run(None)
    assert folder.root.parent == Path("reports") and folder.root.name == folder.run_id


def test_the_history_keeps_every_run_of_a_reused_out_folder(tmp_path: Path) -> None:
    history, out = tmp_path / "history.sqlite", tmp_path / "reports" / "kb"
    for _ in range(2):
        folder = RunFolder.for_run(out)
        folder.start_fresh()
        pipeline.audit_and_report(replace(run(), run_id=folder.run_id), folder, RunConfig(history=str(history)))
    assert len(list_runs(history)) == 2
