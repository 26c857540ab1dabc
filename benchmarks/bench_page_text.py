"""How long reading a page's text takes as the page grows (issue 11: linear, 100,000 paragraphs in a
few seconds). Parsing and reading the blocks are timed apart, on two hostile but plain pages: many
paragraphs, and many `<br>` (which made BeautifulSoup's html.parser builder quadratic).

Run: .venv/bin/python benchmarks/bench_page_text.py [--compare] [PARAGRAPHS ...]
     (default 10000 20000 100000 paragraphs, and 5000 10000 20000 100000 `<br>`)
--compare also times BeautifulSoup's html.parser builder on the same pages (what parse() used before).
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable

from bs4 import BeautifulSoup

from uxaudit.audits.page_text import parse, read_blocks

SIZES = (10_000, 20_000, 100_000)
BR_SIZES = (5_000, 10_000, 20_000, 100_000)
SLOW_BR = 20_000  # html.parser beyond this many `<br>` takes minutes: --compare skips it there


def page(paragraphs: int) -> str:
    """One long main with many paragraphs."""
    body = "".join(f"<p>Paragraph {n} says <b>something</b>.</p>" for n in range(paragraphs))
    return (f"<html><body><nav>Menu</nav><main><h1>Long</h1><p hidden>Hidden</p>{body}<br>End</main>"
            "</body></html>")


def br_page(breaks: int) -> str:
    """One paragraph of many lines, as a poem, an address list or a chat log is written: each line has an
    end tag (`</b>`) and a `<br>`. html.parser's builder searched its list of every `<br>` seen so far at
    each end tag: quadratic."""
    lines = "".join(f"Line <b>{n}</b> of the list<br>" for n in range(breaks))
    return f"<html><body><main><h1>Lines</h1><p>{lines}End</p></main></body></html>"


def one(html: str, parser: Callable[[str], BeautifulSoup]) -> tuple[float, float, int]:
    started = time.perf_counter()
    soup = parser(html)
    parsed = time.perf_counter()
    blocks = read_blocks(soup)
    return parsed - started, time.perf_counter() - parsed, len(blocks)


def html_parser(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


def report(label: str, html: str, compare: bool, slow: bool = False) -> None:
    parse_s, read_s, blocks = one(html, parse)
    line = (f"{label} ({len(html) / 1e6:.1f} MB): parse {parse_s:.2f} s, read_blocks {read_s:.2f} s, "
            f"{blocks} blocks")
    if compare and not slow:
        old_parse_s, _, old_blocks = one(html, html_parser)
        line += f"; html.parser: parse {old_parse_s:.2f} s, {old_blocks} blocks"
    print(line)  # noqa: T201


def main() -> None:
    args = sys.argv[1:]
    compare = "--compare" in args
    sizes = [int(a) for a in args if a != "--compare"]
    for paragraphs in sizes or SIZES:
        report(f"{paragraphs:>7} paragraphs", page(paragraphs), compare)
    for breaks in sizes or BR_SIZES:
        report(f"{breaks:>7} <br>", br_page(breaks), compare, slow=breaks > SLOW_BR)


if __name__ == "__main__":
    main()
