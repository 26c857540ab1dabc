"""How long the demo shop takes to start and answer its first page (the issue asks: well under 1 s).

Run: .venv/bin/python benchmarks/bench_demo_start.py
"""

from __future__ import annotations

import statistics
import time
import urllib.request

from uxaudit.demo.server import DemoShop

ROUNDS = 20


def one_start() -> float:
    started = time.perf_counter()
    with DemoShop() as shop, urllib.request.urlopen(shop.url + "/") as answer:
        answer.read()
    return time.perf_counter() - started


def main() -> None:
    one_start()  # warm the imports and template cache, as a second run of the CLI would be
    times = sorted(one_start() for _ in range(ROUNDS))
    print(f"demo shop start + first page, {ROUNDS} rounds: median {statistics.median(times) * 1000:.1f} ms, "  # noqa: T201
          f"max {times[-1] * 1000:.1f} ms")


if __name__ == "__main__":
    main()
