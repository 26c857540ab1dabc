"""What the audits cost: the bundled journeys on the clean demo shop with every audit on (Lighthouse
off) against the same journeys with the audit work off, in alternating rounds.

"Audits on" is what `uxaudit run` does: axe-core after each step, the link checker beside the
journeys, then audit, score and report. "Audits off" drives the same journeys and records the same
steps and pages (which the task results need) but runs no axe, checks no links and writes no
scorecard. Lighthouse is left out of both: it is opt-in and takes ~15 s a page by design.

Run: .venv/bin/python benchmarks/bench_audits.py [--rounds N]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
from pathlib import Path

from uxaudit import pipeline
from uxaudit.demo.server import DemoShop
from uxaudit.gather.runner import RunPlan, SilentListener, gather
from uxaudit.load.config import RunConfig
from uxaudit.load.scenario import Journey

SCENARIOS = Path(__file__).resolve().parents[1] / "scenarios"


def one_run(journeys: list[Journey], shop_url: str, audits: bool) -> float:
    """Seconds from the first journey to the last output."""
    with tempfile.TemporaryDirectory() as out:
        config = RunConfig(base_url=shop_url, out_dir=Path(out), workers=1, lighthouse_enabled=False)
        chromium, folder = pipeline.prepare(journeys, config)
        started = time.perf_counter()
        if audits:  # exactly what `uxaudit run --no-lighthouse` does
            run = pipeline.gather_run(journeys, config, chromium, folder, SilentListener())
            pipeline.audit_and_report(run, folder, config, newest=False)
        else:
            plan = RunPlan(tuple(journeys), config, chromium, folder)  # no axe, no link checker
            assert len(asyncio.run(gather(plan, SilentListener()))) == len(journeys)
        return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=3)
    rounds = parser.parse_args().rounds
    timings: dict[bool, list[float]] = {True: [], False: []}
    with DemoShop(clean=True) as shop:
        config = RunConfig(base_url=shop.url)
        journeys = pipeline.load([SCENARIOS], config)
        for _ in range(rounds):
            for audits in (False, True):  # alternate, so drift on the machine hits both alike
                timings[audits].append(one_run(journeys, shop.url, audits))
    off, on = statistics.median(timings[False]), statistics.median(timings[True])
    print(f"{len(journeys)} journeys, 1 worker, {rounds} rounds each (medians)")  # noqa: T201
    print(f"  audits off: {off:.1f} s  {[round(t, 1) for t in timings[False]]}")  # noqa: T201
    print(f"  audits on:  {on:.1f} s  {[round(t, 1) for t in timings[True]]}")  # noqa: T201
    print(f"  the audits add {on - off:.1f} s, {(on - off) / off:.0%} of the run")  # noqa: T201


if __name__ == "__main__":
    main()
