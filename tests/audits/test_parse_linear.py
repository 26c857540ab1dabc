"""Reading saved pages with lxml (audits/page_text.parse): linear in the page's size, and what it reads.

No test here is timed (timings are in benchmarks/bench_page_text.py). The large pages below are the
shapes that made BeautifulSoup's html.parser builder quadratic; each test checks that they are read
whole, and by lxml rather than the fallback parser, which is what keeps them linear."""

from __future__ import annotations

import pytest
from bs4.builder._lxml import LXMLTreeBuilder
from hypothesis import given, settings
from hypothesis import strategies as st

from uxaudit.audits import page_text
from uxaudit.audits.page_text import first_heading, main_content, page_language, parse, read_blocks


def page(main: str, lang: str = "en") -> str:
    return f"<!doctype html><html lang='{lang}'><head><title>Shop</title></head><body><main>{main}</main></body></html>"


def test_a_page_of_20000_br_lines_with_end_tags_is_read_whole_by_lxml() -> None:
    # html.parser's builder searched its list of every <br> seen so far at each end tag (here the </b>).
    lines = "".join(f"Line <b>{n}</b> of the list<br>" for n in range(20_000))
    soup = parse(page(f"<h1>Lines</h1><p>{lines}End</p>"))
    assert isinstance(soup.builder, LXMLTreeBuilder)
    assert len(soup.find_all("br")) == 20_000 and len(soup.find_all("b")) == 20_000
    blocks = read_blocks(soup)
    assert len(blocks) == 20_002
    assert blocks[:2] == ["Lines", "Line 0 of the list"] and blocks[-2:] == ["Line 19999 of the list", "End"]


def test_a_page_of_100000_paragraphs_is_read_whole_by_lxml() -> None:
    paragraphs = "".join(f"<p>Paragraph {n} says <b>something</b>.</p>" for n in range(100_000))
    soup = parse(page(f"<h1>Long</h1><p hidden>Hidden</p>{paragraphs}<br>End"))
    assert isinstance(soup.builder, LXMLTreeBuilder)
    assert len(soup.find_all("p")) == 100_001
    blocks = read_blocks(soup)
    assert len(blocks) == 100_002
    assert blocks[1] == "Paragraph 0 says something." and blocks[-2:] == ["Paragraph 99999 says something.", "End"]


@pytest.mark.parametrize("void", ["source", "track", "wbr", "embed", "keygen", "bgsound", "br", "img", "input"])
def test_void_elements_hold_nothing(void: str) -> None:
    # libxml2 does not know <source>, <track>, <wbr> and <embed> as void: what follows would be inside them.
    soup = parse(page(f"<p>Before<{void} hidden>after <b>bold</b> end</p><p>Next</p>"))
    (tag,) = soup.find_all(void)
    assert tag.contents == [] and tag.parent is not None and tag.parent.name == "p"
    assert read_blocks(soup) == ["Beforeafter bold end", "Next"]  # a hidden <br> breaks no line either


def test_media_sources_and_tracks_are_siblings_in_their_media() -> None:
    soup = parse(page("<video><source src='a.mp4'><source src='a.webm'><track label='Trail shoes'></video>"
                      "<picture><source srcset='x.avif'><img src='x.jpg' alt='Shoe'></picture><p>Text</p>"))
    assert [child.name for child in soup.select("video > *")] == ["source", "source", "track"]
    assert [child.name for child in soup.select("picture > *")] == ["source", "img"]
    assert all(not tag.contents for tag in soup.find_all(("source", "track", "img")))
    assert read_blocks(soup) == ["Text"]


def test_template_comments_and_cdata_are_not_read() -> None:
    soup = parse(page("<h1>Shown<!-- a note --></h1><template><h1>Template</h1><p>Never shown</p></template>"
                      "<p>a<![CDATA[ not shown by browsers ]]>b <!-- another --> c</p>"))
    assert read_blocks(soup) == ["Shown", "ab c"]
    assert first_heading(soup) == "Shown"


def test_an_unclosed_comment_runs_to_the_end_as_in_a_browser() -> None:
    assert read_blocks(parse(page("<p>Seen</p><!-- never closed <p>Not seen</p>"))) == ["Seen"]


def test_a_nul_byte_keeps_the_text_after_it() -> None:
    assert read_blocks(parse(page("<p>before\x00after</p><p>next</p>"))) == ["before\ufffdafter", "next"]


def test_a_huge_text_node_is_read_whole_and_a_huge_comment_stays_a_comment() -> None:
    # libxml2 limits a node to 10 MB unless told otherwise (huge_tree): a bigger comment became text.
    words = "word " * 2_200_000  # 11 MB
    soup = parse(page(f"<p>{words}</p><!--{words}--><p>tail</p>"))
    assert [len(block) for block in read_blocks(soup)] == [len(words) - 1, 4]


def test_a_deep_page_is_read() -> None:
    soup = parse(page("<div>" * 5_000 + "deep text" + "</div>" * 5_000 + "<p>tail</p>"))
    assert read_blocks(soup) == ["deep text", "tail"]


@pytest.mark.parametrize("markup", ["\ud800", "<h1>Caf\ud800e</h1><p>Menu\udfff</p>"])
def test_a_lone_surrogate_is_read_as_the_browser_shows_it(markup: str) -> None:
    # JavaScript can write one into a page; neither parser can encode it, and bs4 itself tried on short text.
    soup = parse(markup)
    assert isinstance(soup.builder, LXMLTreeBuilder)
    assert "\ud800" not in soup.get_text() and "\udfff" not in soup.get_text()
    if len(markup) > 1:
        assert first_heading(soup) == "Caf\ufffde" and read_blocks(soup) == ["Caf\ufffde", "Menu\ufffd"]


@pytest.mark.parametrize("markup", [
    "", "just text", "\x00\x01<<<>>>&&&;;</p></div><p <p>x</<<//>", "<?xml version='1.0' encoding='latin-1'?><p>é",
    "<html><head><meta charset='shift_jis'></head><body><h1>日本</h1>", "<frameset><frame src=x></frameset>",
    "\ufeff<h1>BOM</h1>", "<p>&notanentity; &#0; &#x110000; &#55296;</p>", "<table><p>fostered</p><tr><td>cell",
    "<html lang=fr><p>a</p></html><html lang=en><p>b</p></html>", "<svg><title>t</title><text>s</text></svg>",
])
def test_odd_markup_is_read_without_error(markup: str) -> None:
    soup = parse(markup)
    read_blocks(soup), first_heading(soup), page_language(soup), main_content(soup)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("<>/!-=\"' ab&;#x\x00\ufffd\n")) | st.characters(), max_size=300))
def test_any_text_is_read_without_error(markup: str) -> None:
    soup = parse(markup)
    read_blocks(soup), first_heading(soup), page_language(soup)


def test_markup_lxml_refuses_is_read_by_python_s_parser(monkeypatch: pytest.MonkeyPatch) -> None:
    class Refusing(LXMLTreeBuilder):
        def feed(self, markup: str | bytes) -> None:
            raise ValueError("refused")

    monkeypatch.setattr(page_text, "_VoidClosingBuilder", Refusing)
    soup = parse(page("<h1>Shoes</h1><p>Line one<br>Line two</p>"))
    assert not isinstance(soup.builder, LXMLTreeBuilder)
    assert read_blocks(soup) == ["Shoes", "Line one", "Line two"]
