"""Hostile pages and concurrent runs (issue 11): whole `uxaudit run`s against a local site.

  big         one journey that opens a ~20 MB page of paragraphs: the run's wall time, and when each line
              of its output appeared (the phases); --profile FILE runs it under cProfile and prints the top;
              --pieces times each piece of the visit alone (load, snapshot, thumbnail, links, axe, parse).
  concurrent  N `uxaudit run`s started at once (default 28) from two folders, sharing one history
              ($UXAUDIT_HISTORY): every run must finish without an internal error, with its own run id,
              and the history must hold all N.

Run: .venv/bin/python benchmarks/bench_hostile.py big [--mb 20] [--timeout MS] [--profile /tmp/big.prof | --pieces]
     .venv/bin/python benchmarks/bench_hostile.py concurrent [--runs 28]
Both serve the site with Python's http.server on 127.0.0.1 and write under a temporary folder.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import http.server
import json
import os
import pstats
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

from uxaudit.score.history import HISTORY_ENV

BIN = Path(sys.executable).parent
SENTENCES = ("We walk the hills in every season and write down what we find. ",
             "The path climbs through the wood, then crosses a wide field of grass. ",
             "Bring water, a map and a warm coat, since the weather turns fast up there. ",
             "Our guides answer questions at the hut near the top of the trail. ")


def big_page(megabytes: float) -> str:
    """Many paragraphs of plain text, about `megabytes` MB in all."""
    paragraph = "".join(SENTENCES)
    count = int(megabytes * 1e6 / (len(paragraph) + 30))
    body = "".join(f"<p id='p{n}'>{paragraph}</p>" for n in range(count))
    return (f"<!doctype html><html lang='en'><head><title>A long walk</title></head><body><header><nav>"
            f"<a href='/'>Home</a></nav></header><main><h1>A long walk</h1>{body}<p>The end.</p></main>"
            "</body></html>")


SMALL_PAGES = {
    "index.html": "<!doctype html><html lang='en'><head><title>Tiny shop</title></head><body><main>"
                  "<h1>Tiny shop</h1><p>We sell one kind of boot.</p><a href='/boots.html'>Boots</a></main>"
                  "</body></html>",
    "boots.html": "<!doctype html><html lang='en'><head><title>Boots</title></head><body><main><h1>Boots</h1>"
                  "<p>Strong boots for wet hills.</p></main></body></html>",
}


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        pass


@contextlib.contextmanager
def serve(folder: Path) -> Iterator[str]:
    """The folder served on 127.0.0.1 (a free port) in a thread; yields the base URL."""
    handler = functools.partial(_Quiet, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def run_big(megabytes: float, profile: str | None, timeout_ms: int) -> None:
    with tempfile.TemporaryDirectory(prefix="uxaudit-big-") as tmp:
        root = Path(tmp)
        site = root / "site"
        site.mkdir()
        html = big_page(megabytes)
        (site / "big.html").write_text(html, encoding="utf-8")
        journey = root / "big.yaml"
        journey.write_text("name: Big page\nsteps:\n  - goto: /big.html\n  - expect: {title: A long walk}\n",
                           encoding="utf-8")
        out = root / "out"
        with serve(site) as base_url:
            prefix = [sys.executable, "-m", "cProfile", "-o", profile, "-m", "uxaudit"] if profile else [
                str(BIN / "uxaudit")]
            command = [*prefix, "run", str(journey), "--base-url", base_url, "--out", str(out), "--no-lighthouse",
                       "--workers", "1", "--timeout", str(timeout_ms)]
            env = {**os.environ, HISTORY_ENV: str(root / "history.sqlite")}
            print(f"page: {len(html) / 1e6:.1f} MB, {html.count('<p')} paragraphs; {' '.join(command[-11:])}")  # noqa: T201
            started = time.perf_counter()
            process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env,
                                       cwd=root)
            assert process.stdout is not None
            for line in process.stdout:  # when each line of the run's output appeared: its phases
                if line.strip():
                    print(f"  {time.perf_counter() - started:6.1f} s | {line.rstrip()[:150]}")  # noqa: T201
            code = process.wait()
            wall = time.perf_counter() - started
        saved = sorted((out / "pages").rglob("*.html")) if (out / "pages").exists() else []
        sizes = ", ".join(f"{p.name} {p.stat().st_size / 1e6:.1f} MB" for p in saved)
        print(f"exit {code}, wall {wall:.1f} s; saved pages: {sizes or 'none'}")  # noqa: T201
        scorecard = out / "scorecard.json"
        if scorecard.exists():
            data = json.loads(scorecard.read_text(encoding="utf-8"))
            findings = sorted({f["audit"] for f in data.get("findings", [])})
            print(f"score {data.get('score')}, findings from: {', '.join(findings) or 'none'}")  # noqa: T201
    if profile:
        pstats.Stats(profile).sort_stats("cumulative").print_stats(30)


def run_pieces(megabytes: float) -> None:
    """The browser-side pieces of one visit to the big page, each timed alone (what the run's wall time is
    made of): loading it, reading it (snapshot), a thumbnail, its links, axe-core, then the content audits'
    parse and reading of the saved (capped) HTML."""
    import asyncio

    from playwright.async_api import async_playwright

    from uxaudit.audits.page_text import parse, read_blocks
    from uxaudit.audits.readability import measure
    from uxaudit.audits.thresholds import Thresholds
    from uxaudit.gather.accessibility import AccessibilityChecker
    from uxaudit.gather.browser import find_chromium
    from uxaudit.gather.links import page_links
    from uxaudit.gather.snapshot import PageSnapshot, save_screenshot, take_snapshot

    async def visit(base_url: str, shots: Path) -> str:
        async with async_playwright() as playwright:
            browser = await playwright.chromium.launch(executable_path=find_chromium().executable)
            page = await browser.new_page(viewport={"width": 1350, "height": 940})
            checker = AccessibilityChecker.installed()
            html = ""
            started = time.perf_counter()
            for name, work in (("goto (load event)", lambda: page.goto(f"{base_url}/big.html", timeout=300_000)),
                               ("snapshot (timing, innerText, page.content)", lambda: take_snapshot(page)),
                               ("thumbnail (JPEG of the viewport)", lambda: save_screenshot(page, shots / "t.jpg")),
                               ("links", lambda: page_links(page)),
                               ("axe-core" if checker.available else "axe-core (not installed)",
                                lambda: checker.check(page))):
                result = await work()
                now = time.perf_counter()
                print(f"  {name:45} {now - started:6.1f} s")  # noqa: T201
                started = now
                if isinstance(result, PageSnapshot):
                    html = result.html
                if isinstance(result, tuple):
                    print(f"  {'':45} {len(result)} violations (none when cut off at AXE_SECONDS)")  # noqa: T201
            await browser.close()
            return html

    with tempfile.TemporaryDirectory(prefix="uxaudit-pieces-") as tmp:
        site = Path(tmp) / "site"
        site.mkdir()
        (site / "big.html").write_text(big_page(megabytes), encoding="utf-8")
        with serve(site) as base_url:
            html = asyncio.run(visit(base_url, Path(tmp)))
    started = time.perf_counter()
    soup = parse(html)
    parsed = time.perf_counter()
    blocks = read_blocks(soup)
    read = time.perf_counter()
    measure(html, Thresholds())
    done = time.perf_counter()
    print(f"  saved HTML {len(html) / 1e6:.1f} MB: parse {parsed - started:.1f} s, read_blocks {read - parsed:.1f} s "  # noqa: T201
          f"({len(blocks)} blocks), readability (parse + read + textstat) {done - read:.1f} s; the run parses it "
          "once in each of readability, soft-404 and media-relevance")


def run_concurrent(runs: int) -> None:
    with tempfile.TemporaryDirectory(prefix="uxaudit-many-") as tmp:
        root = Path(tmp)
        site = root / "site"
        site.mkdir()
        for name, text in SMALL_PAGES.items():
            (site / name).write_text(text, encoding="utf-8")
        folders = [root / "team-a", root / "team-b"]
        for folder in folders:
            folder.mkdir()
            (folder / "shop.yaml").write_text(
                "name: Tiny shop\nsteps:\n  - goto: /\n  - click: Boots\nsuccess:\n  - visible: Strong boots\n",
                encoding="utf-8")
        history = root / "shared" / "history.sqlite"
        env = {**os.environ, HISTORY_ENV: str(history)}
        with serve(site) as base_url:
            started = time.perf_counter()
            processes = []
            for n in range(runs):
                folder = folders[n % 2]
                out = folder / f"out-{n}"
                command = [str(BIN / "uxaudit"), "run", "shop.yaml", "--base-url", base_url, "--out", str(out),
                           "--workers", "1", "--no-lighthouse", "--no-link-check"]
                log = (root / f"run-{n}.log").open("w", encoding="utf-8")
                processes.append((out, log, subprocess.Popen(command, cwd=folder, env=env, stdout=log,
                                                             stderr=subprocess.STDOUT)))
            codes = []
            for _, log, process in processes:
                codes.append(process.wait())
                log.close()
            wall = time.perf_counter() - started
        ids, why = [], []
        for out, _, _ in processes:
            scorecard = out / "scorecard.json"
            card = json.loads(scorecard.read_text(encoding="utf-8")) if scorecard.exists() else None
            ids.append(card["run"]["id"] if card else None)
            if card and not card["gate"]["passed"]:  # what failed the gate, and each failed task's first finding
                failed = [c.get("id") or c.get("title") for c in card["gate"]["checks"]
                          if c.get("level") == "error" and not c.get("passed")]
                titles = [f"{f['title']} {f.get('evidence') or ''}"[:200] for f in card["findings"]
                          if f.get("severity") == "error"][:2]
                why.append(f"{failed}: {titles}")
        internal = [n for n in range(runs) if "internal error" in (root / f"run-{n}.log").read_text(encoding="utf-8")]
        with contextlib.closing(sqlite3.connect(history)) as db:
            stored = [row[0] for row in db.execute("SELECT id FROM runs")]
            tasks = db.execute("SELECT COUNT(*) FROM tasks").fetchone()[0]
        print(f"{runs} runs at once, wall {wall:.1f} s; exit codes: "  # noqa: T201
              f"{ {code: codes.count(code) for code in sorted(set(codes))} }")
        print(f"run ids: {len(set(filter(None, ids)))} distinct of {runs} (missing scorecards: {ids.count(None)}); "  # noqa: T201
              f"history: {len(stored)} runs, {len(set(stored))} distinct, all ours: {set(stored) == set(ids)}; "
              f"{tasks} task rows; internal errors: {internal or 'none'}")
        for reason in sorted(set(why)):
            print(f"  gate failed ({why.count(reason)}): {reason[:400]}")  # noqa: T201
        for n, code in enumerate(codes):
            if code not in (0, 1) or n in internal:
                print(f"--- run {n} (exit {code}):\n{(root / f'run-{n}.log').read_text(encoding='utf-8')[-2000:]}")  # noqa: T201


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    commands = parser.add_subparsers(dest="case", required=True)
    big = commands.add_parser("big")
    big.add_argument("--mb", type=float, default=20.0)
    big.add_argument("--profile", metavar="FILE")
    big.add_argument("--pieces", action="store_true", help="time each browser-side piece of the visit instead")
    big.add_argument("--timeout", type=int, default=120_000, metavar="MS",
                     help="step timeout: loading 20 MB takes longer than the default 10 s on a busy machine")
    many = commands.add_parser("concurrent")
    many.add_argument("--runs", type=int, default=28)
    args = parser.parse_args()
    if args.case == "big":
        if args.pieces:
            run_pieces(args.mb)
        else:
            run_big(args.mb, args.profile, args.timeout)
    else:
        run_concurrent(args.runs)


if __name__ == "__main__":
    main()
