"""A huge document's saved HTML is capped, with a note where it was cut."""

from __future__ import annotations

from uxaudit.gather.snapshot import MAX_HTML, capped_html


def test_a_page_under_the_cap_is_saved_whole() -> None:
    page = "<html><body>" + "x" * 1000 + "</body></html>"
    assert capped_html(page) == page


def test_a_huge_page_is_cut_at_the_cap_with_a_marker() -> None:
    page = "<p>" + "y" * (MAX_HTML + 100)
    saved = capped_html(page)
    assert saved.startswith(page[:MAX_HTML]) and len(saved) < MAX_HTML + 200
    assert saved.rstrip().endswith(f"it had {len(page):,} characters, the first {MAX_HTML:,} are saved -->")
    assert "uxaudit: the page was cut here" in saved
