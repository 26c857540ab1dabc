"""Lighthouse (the copy @lhci/cli 0.15.1 bundles) run by subprocess on pages a journey reached.

In session: the journey's Chromium listens on a remote-debugging port, and Lighthouse connects to
it with `--port` and `--disable-storage-reset`, so it audits the page with the journey's cookies
and storage (a signed-in account, a full cart). Lighthouse opens its own tab and closes it after.
The runner calls this between steps, outside the timed span, and never while other journeys run.
"""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import time
from dataclasses import dataclass, replace
from pathlib import Path
from statistics import median
from typing import Any

from ..artifacts import LighthouseFinding, LighthouseResult
from .links import LinkChecker
from .node_tools import INSTALL_HINT, MIN_NODE, lighthouse_cli, node_version

CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
METRICS = {"first-contentful-paint": "fcp_ms", "largest-contentful-paint": "lcp_ms",
           "total-blocking-time": "tbt_ms", "cumulative-layout-shift": "cls", "speed-index": "speed_index_ms",
           "interactive": "tti_ms"}
RUN_TIMEOUT_S = 150.0  # Lighthouse gives a page 45 s to load by default; a run stuck past this is killed
MAX_FAILING = 3  # per category: the audits that cost the most points

# A journey with secrets: Lighthouse's pictures of the page (a filmstrip, the final screen, the whole
# page) may show a secret uxaudit cannot find in pixels, so they are not taken (docs/security.md).
NO_SCREENSHOTS = ["--skip-audits=screenshot-thumbnails,final-screenshot", "--disable-full-page-screenshot"]

@dataclass(frozen=True)
class LighthouseTool:
    """Node and Lighthouse's command line, found on this machine."""

    node: str
    cli: Path
    chromium: str | None  # CHROME_PATH for Lighthouse (the same browser uxaudit drives)

    @classmethod
    def find(cls, chromium: str | None) -> LighthouseTool | str:
        """The tool, or why Lighthouse cannot run here (a sentence for the report and doctor)."""
        node = shutil.which("node")
        version = node_version(node) if node else None
        if node is None or version is None:
            return f"Lighthouse was not run: Node.js {MIN_NODE}+ is not installed (Debian: apt-get install nodejs npm)."
        if version < MIN_NODE:
            return f"Lighthouse was not run: Node.js {version} is too old; it needs {MIN_NODE} or later."
        cli = lighthouse_cli()
        if cli is None:
            return f"Lighthouse was not run: it is not installed ({INSTALL_HINT})."
        return cls(node, cli, chromium)


async def audit_page(tool: LighthouseTool, url: str, port: int, out_base: Path, runs: int,
                     mobile: bool, private: bool = False) -> LighthouseResult:
    """Lighthouse `runs` times on `url` in the browser at `port`; the median run is kept and its
    reports saved as `<out_base>.report.{html,json}` (the other runs' files are removed)."""
    started = time.monotonic()
    reports: list[tuple[dict[str, Any], Path]] = []
    error = None
    for number in range(1, runs + 1):
        base = out_base.with_name(f"{out_base.name}-run{number}")
        lhr, error = await _run_once(tool, url, port, base, mobile, private)
        if lhr is not None:
            reports.append((lhr, base))
    if not reports:
        return LighthouseResult(url=url, form_factor=_form_factor(mobile), runs=runs, error=error,
                                duration_ms=_since(started), screenshots=not private)
    chosen_lhr, chosen_base = median_run(reports)
    kept = _keep_reports(chosen_base, out_base, [base for _, base in reports])
    return replace(_result(chosen_lhr, url, runs, len(reports), mobile, kept, _since(started)),
                   screenshots=not private)


async def _run_once(tool: LighthouseTool, url: str, port: int, base: Path,
                    mobile: bool, private: bool = False) -> tuple[dict[str, Any] | None, str | None]:
    base.parent.mkdir(parents=True, exist_ok=True)
    command = [tool.node, str(tool.cli), url, f"--port={port}", "--disable-storage-reset", "--quiet",
               "--output=json", "--output=html", f"--output-path={base}",
               *(["--form-factor=mobile"] if mobile else ["--preset=desktop"]), *(NO_SCREENSHOTS if private else [])]
    env = {**os.environ, **({"CHROME_PATH": tool.chromium} if tool.chromium else {})}
    try:
        process = await asyncio.create_subprocess_exec(*command, env=env, stdout=asyncio.subprocess.DEVNULL,
                                                       stderr=asyncio.subprocess.PIPE)
    except OSError as exc:
        return None, f"Lighthouse could not start: {exc}"
    try:
        _, stderr = await asyncio.wait_for(process.communicate(), RUN_TIMEOUT_S)
    except TimeoutError:
        return None, f"Lighthouse did not finish within {RUN_TIMEOUT_S:g} s"
    finally:  # also on Ctrl-C: never leave a Lighthouse behind
        await _ended(process)
    return _read_report(base, process.returncode, stderr)


async def _ended(process: asyncio.subprocess.Process) -> None:
    if process.returncode is None:
        try:
            process.kill()
        except ProcessLookupError:
            pass  # it ended on its own meanwhile
        await process.wait()


def _read_report(base: Path, returncode: int | None, stderr: bytes) -> tuple[dict[str, Any] | None, str | None]:
    report, html = Path(f"{base}.report.json"), Path(f"{base}.report.html")
    if returncode != 0 or not report.is_file() or not html.is_file():
        last = stderr.decode(errors="replace").strip().splitlines()[-1:] or [f"exit code {returncode}"]
        return None, f"Lighthouse failed: {last[0][:300]}"
    try:
        lhr: dict[str, Any] = json.loads(report.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        return None, f"Lighthouse wrote a report uxaudit cannot read: {exc}"
    if lhr.get("runtimeError"):
        return None, f"Lighthouse could not audit the page: {lhr['runtimeError'].get('message', '')[:300]}"
    return lhr, None


def median_run(reports: list[tuple[dict[str, Any], Path]]) -> tuple[dict[str, Any], Path]:
    """The run closest to the median first-contentful-paint and time to interactive together,
    as Lighthouse CI's computeMedianRun picks it (a real run, not a blend of several)."""
    timed = [(lhr, base) for lhr, base in reports if _metric(lhr, "first-contentful-paint")
             and _metric(lhr, "interactive")]
    if len(timed) < 2:
        return (timed or reports)[0]
    fcp = median(_metric(lhr, "first-contentful-paint") for lhr, _ in timed)
    tti = median(_metric(lhr, "interactive") for lhr, _ in timed)

    def distance(item: tuple[dict[str, Any], Path]) -> float:
        lhr = item[0]
        return ((fcp - _metric(lhr, "first-contentful-paint")) / fcp) ** 2 + \
            ((tti - _metric(lhr, "interactive")) / tti) ** 2

    return min(timed, key=distance)


def _metric(lhr: dict[str, Any], audit_id: str) -> float:
    value = lhr.get("audits", {}).get(audit_id, {}).get("numericValue")
    return float(value) if isinstance(value, int | float) else 0.0


def _keep_reports(chosen: Path, out_base: Path, all_bases: list[Path]) -> Path:
    for suffix in (".report.json", ".report.html"):
        Path(f"{chosen}{suffix}").replace(f"{out_base}{suffix}")
    for base in all_bases:
        for suffix in (".report.json", ".report.html"):
            Path(f"{base}{suffix}").unlink(missing_ok=True)
    return out_base


def _result(lhr: dict[str, Any], url: str, runs: int, completed: int, mobile: bool, base: Path,
            duration_ms: float) -> LighthouseResult:
    categories = lhr.get("categories", {})
    scores = {c: float(categories[c]["score"]) for c in CATEGORIES
              if c in categories and isinstance(categories[c].get("score"), int | float)}
    metrics = {name: round(_metric(lhr, audit_id), 4 if name == "cls" else 1)
               for audit_id, name in METRICS.items() if audit_id in lhr.get("audits", {})}
    return LighthouseResult(url=url, form_factor=_form_factor(mobile), runs=runs, runs_completed=completed,
                            scores=scores, metrics=metrics, failing=tuple(_failing(lhr)),
                            report_html=f"{base}.report.html", report_json=f"{base}.report.json",
                            lighthouse_version=str(lhr.get("lighthouseVersion", "")),
                            final_url=str(lhr.get("finalDisplayedUrl") or url), duration_ms=duration_ms)


def _failing(lhr: dict[str, Any]) -> list[LighthouseFinding]:
    """Per category, the weighted audits that scored under 0.9, costliest first."""
    found = []
    for category in CATEGORIES:
        refs = lhr.get("categories", {}).get(category, {}).get("auditRefs", [])
        failing = []
        for ref in refs:
            audit = lhr.get("audits", {}).get(ref.get("id"), {})
            score = audit.get("score")
            if ref.get("weight", 0) > 0 and isinstance(score, int | float) and score < 0.9:
                failing.append((ref["weight"] * (1 - score), audit, ref["id"]))
        for _, audit, audit_id in sorted(failing, key=lambda item: -item[0])[:MAX_FAILING]:
            found.append(LighthouseFinding(category=category, id=audit_id, title=str(audit.get("title", audit_id)),
                                           score=float(audit["score"]),
                                           display_value=str(audit.get("displayValue") or "")))
    return found


def _form_factor(mobile: bool) -> str:
    return "mobile" if mobile else "desktop"


def _since(started: float) -> float:
    return round((time.monotonic() - started) * 1000, 1)


@dataclass
class LighthouseSession:
    """Lighthouse for one journey, in its browser: which pages to audit, and where reports go."""

    tool: LighthouseTool
    port: int  # the journey's Chromium's remote-debugging port
    every_page_runs: int  # the journey (or run) asked for every page, with this many runs (0: no)
    mobile: bool
    audited: set[str]  # pages audited already in this run (shared by journeys): "every page" skips them

    links: LinkChecker | None = None  # paused while Lighthouse measures
    private: bool = False  # the journey has secrets: its reports keep no screenshots (they may show them)

    def runs_for(self, asked_runs: int, new_page_url: str | None) -> int:
        """How many runs now: what the step asks for, else every new page when the journey asks."""
        if asked_runs:
            return asked_runs
        if self.every_page_runs and new_page_url and new_page_url not in self.audited:
            return self.every_page_runs
        return 0

    async def audit(self, url: str, out_base: Path, runs: int) -> LighthouseResult:
        """Lighthouse on the journey's page now, with its cookies and storage."""
        self.audited.add(url)
        if self.links is None:
            return await audit_page(self.tool, url, self.port, out_base, runs, self.mobile, self.private)
        await asyncio.to_thread(self.links.pause)  # Lighthouse must have the site and machine to itself
        try:
            return await audit_page(self.tool, url, self.port, out_base, runs, self.mobile, self.private)
        finally:
            self.links.resume()


async def debugging_port(profile: Path, wait_s: float = 10.0) -> int:
    """The port Chromium chose for `--remote-debugging-port=0`: it writes it to DevToolsActivePort."""
    deadline = time.monotonic() + wait_s
    marker = profile / "DevToolsActivePort"
    while time.monotonic() < deadline:
        try:
            return int(marker.read_text(encoding="utf-8").split()[0])
        except (OSError, ValueError, IndexError):
            await asyncio.sleep(0.05)
    raise OSError("Chromium did not report its remote-debugging port")
