"""How long reading a page's text takes as the page grows (issue 11: linear, 100,000 paragraphs in a
few seconds). Parsing (BeautifulSoup's own cost) and reading the blocks are timed apart.

Run: .venv/bin/python benchmarks/bench_page_text.py [PARAGRAPHS ...]   (default 10000 20000 100000)
"""

from __future__ import annotations

import sys
import time

from uxaudit.audits.page_text import parse, read_blocks

SIZES = (10_000, 20_000, 100_000)


def page(paragraphs: int) -> str:
    """A hostile but plain page: one long main with many paragraphs. (No `<br>` in each: BeautifulSoup's
    html.parser builder itself slows quadratically with thousands of `<br>`, which is not read_blocks'.)"""
    body = "".join(f"<p>Paragraph {n} says <b>something</b>.</p>" for n in range(paragraphs))
    return (f"<html><body><nav>Menu</nav><main><h1>Long</h1><p hidden>Hidden</p>{body}<br>End</main>"
            "</body></html>")


def one(paragraphs: int) -> tuple[float, float, int]:
    html = page(paragraphs)
    started = time.perf_counter()
    soup = parse(html)
    parsed = time.perf_counter()
    blocks = read_blocks(soup)
    return parsed - started, time.perf_counter() - parsed, len(blocks)


def main() -> None:
    for paragraphs in [int(a) for a in sys.argv[1:]] or SIZES:
        parse_s, read_s, blocks = one(paragraphs)
        print(f"{paragraphs:>7} paragraphs ({len(page(paragraphs)) / 1e6:.1f} MB): parse {parse_s:.2f} s, "  # noqa: T201
              f"read_blocks {read_s:.2f} s, {blocks} blocks")


if __name__ == "__main__":
    main()
