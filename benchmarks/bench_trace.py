"""What Playwright traces cost: the bundled journeys on the clean demo shop (every task passes) with
`--trace off`, `--trace retain-on-failure` (the default: recorded, then dropped, since nothing failed)
and `--trace on` (recorded and written), in alternating rounds; GATHER's time only (the stage traces
change), 1 worker, Lighthouse and the link check off. Also the size of the traces `on` writes.

Run: .venv/bin/python benchmarks/bench_trace.py [--rounds N]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from uxaudit import pipeline
from uxaudit.demo.server import DemoShop
from uxaudit.gather.runner import SilentListener
from uxaudit.load.config import RecordingMode, RunConfig

SCENARIOS = Path(__file__).resolve().parents[1] / "scenarios"
MODES: tuple[RecordingMode, ...] = ("off", "retain-on-failure", "on")


def one_run(shop_url: str, trace: RecordingMode) -> tuple[float, int, int, int]:
    """GATHER's seconds, the steps run, the traces written and their bytes."""
    with tempfile.TemporaryDirectory() as out:
        config = RunConfig(base_url=shop_url, out_dir=Path(out), workers=1, lighthouse_enabled=False,
                           check_links=False, trace=trace)
        journeys = pipeline.load([SCENARIOS], config)
        chromium, folder = pipeline.prepare(journeys, config)
        started = time.perf_counter()
        run = pipeline.gather_run(journeys, config, chromium, folder, SilentListener())
        seconds = time.perf_counter() - started
        steps = sum(len(task.steps) for journey in run.journeys for task in journey.tasks)
        failed = [task.name for journey in run.journeys for task in journey.tasks if task.status != "passed"]
        if failed:
            print(f"  (not every task passed: {', '.join(failed)})")  # noqa: T201
        traces = list(Path(out).rglob("trace.zip"))
        return seconds, steps, len(traces), sum(path.stat().st_size for path in traces)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=2)
    rounds = parser.parse_args().rounds
    times: dict[RecordingMode, list[float]] = {mode: [] for mode in MODES}
    steps = written = size = 0
    with DemoShop(clean=True) as shop:
        for round_number in range(rounds):
            for mode in MODES:
                seconds, steps, count, total = one_run(shop.url, mode)
                times[mode].append(seconds)
                if mode == "on":
                    written, size = count, total
                print(f"round {round_number + 1}, trace {mode}: {seconds:.1f} s")  # noqa: T201
    off = statistics.median(times["off"])
    print(f"{steps} steps, {rounds} alternating rounds, medians of GATHER:")  # noqa: T201
    for mode in MODES:
        median = statistics.median(times[mode])
        print(f"  trace {mode}: {median:.1f} s ({median - off:+.1f} s, {(median / off - 1) * 100:+.0f}%, "  # noqa: T201
              f"{(median - off) / steps * 1000:+.0f} ms a step)")
    print(f"  trace on wrote {written} traces, {size / 1e6:.1f} MB ({size / max(written, 1) / 1e6:.2f} MB each)")  # noqa: T201


if __name__ == "__main__":
    main()
