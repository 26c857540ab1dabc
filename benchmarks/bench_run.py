"""A run of the bundled journeys against the clean demo shop: wall time, the time the tasks took
(what users are measured on), and uxaudit's own overhead around them (screenshots, page reads).

Run: .venv/bin/python benchmarks/bench_run.py [--workers N]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from uxaudit import pipeline
from uxaudit.demo.server import DemoShop
from uxaudit.gather.runner import SilentListener
from uxaudit.load.config import RunConfig

SCENARIOS = Path(__file__).resolve().parents[1] / "scenarios"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--workers", type=int, default=1)
    workers = parser.parse_args().workers
    with DemoShop(clean=True) as shop, tempfile.TemporaryDirectory() as out:
        config = RunConfig(base_url=shop.url, out_dir=Path(out), workers=workers, lighthouse_enabled=False)
        journeys = pipeline.load([SCENARIOS], config)
        chromium, folder = pipeline.prepare(journeys, config)
        started = time.perf_counter()
        run = pipeline.gather_run(journeys, config, chromium, folder, SilentListener())
        gathered = time.perf_counter() - started
        pipeline.audit_and_report(run, folder, config)
        total = time.perf_counter() - started
    tasks = [t for j in run.journeys for t in j.tasks]
    timed = sum(t.duration_ms for t in tasks) / 1000
    journey_time = sum(j.duration_ms for j in run.journeys) / 1000
    print(f"{len(run.journeys)} journeys, {len(tasks)} tasks, workers={workers}")  # noqa: T201
    print(f"  wall: gather {gathered:.1f} s, audit+score+report {total - gathered:.2f} s")  # noqa: T201
    print(f"  tasks' own time {timed:.1f} s; journeys in the browser {journey_time:.1f} s; "  # noqa: T201
          f"uxaudit's overhead around the tasks {journey_time - timed:.1f} s "
          f"({(journey_time - timed) / max(timed, 0.001):.0%} of task time)")


if __name__ == "__main__":
    main()
