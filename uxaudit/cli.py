"""The command line: the only place that prints for the user or exits (exit codes: errors.ExitCode)."""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import NoReturn

from rich.console import Console

from . import __version__, doctor, pipeline
from .errors import CannotRunError, ExitCode, ScenarioErrors, UsageError, UxauditError
from .gather.recording import timing_caveat
from .gather.verbs import VERBS
from .load.config import RECORDING_MODES, RunConfig, load_config, stepping_through, with_overrides
from .load.scenario import Journey
from .load.schema import MAX_TIMER_MS
from .load.schema_export import journey_json_schema
from .progress import ProgressListener
from .report import compare_html
from .report.history_view import comparison_view, history_table
from .report.terminal import has_screen, summary
from .run_folder import RunFolder, read_artifacts
from .score.baseline import diff_stored
from .score.history import find_run, history_path, list_runs, suite_of
from .score.stored_folder import named_run, run_folder

console = Console(highlight=False, soft_wrap=True)
DEMO_PORT = 8321  # `uxaudit demo`'s shop, when the port is free
DEMO_SPA_PORT = 8322  # `uxaudit demo --spa`'s
HISTORY_LOOKBACK = 50  # runs read beyond those `uxaudit history` shows, for their score changes
errors = Console(stderr=True, highlight=False, soft_wrap=True)


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage mistake is one line and exit 2."""

    def error(self, message: str) -> NoReturn:
        errors.print(f"uxaudit: {message} (see `{self.prog} --help`)", markup=False)
        raise SystemExit(ExitCode.INVALID_INPUT)


def build_parser() -> argparse.ArgumentParser:
    """Every command and flag (the public surface in ARCHITECTURE.md)."""
    parser = _Parser(prog="uxaudit", description="Usability tests and UX audits of websites in real Chromium.")
    parser.add_argument("--version", action="version", version=f"uxaudit {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    _add_run(commands.add_parser("run", help="run journeys and write the scorecard and reports"))
    validate = commands.add_parser("validate", help="check journey files without a browser")
    validate.add_argument("paths", nargs="+", type=Path, metavar="PATHS")
    validate.add_argument("--var", action="append", default=[], metavar="NAME=VALUE")
    validate.add_argument("--config", type=Path, metavar="FILE", help="run config (default ./uxaudit.yaml)")
    report = commands.add_parser("report", help="re-audit and re-render a run from its artifacts.json")
    report.add_argument("run", type=Path, metavar="RUN_DIR_OR_ARTIFACTS")
    report.add_argument("--fail-under", type=_score, metavar="SCORE")
    report.add_argument("--config", type=Path, metavar="FILE", help="run config (default ./uxaudit.yaml)")
    demo = commands.add_parser("demo", help="run the example journeys against the bundled demo shop")
    demo.add_argument("--clean", action="store_true", help="switch every seeded defect off")
    demo.add_argument("--spa", action="store_true",
                      help="the shop as a single-page app; also runs the journeys in DIR/_spa/")
    demo.add_argument("--scenarios", type=Path, default=Path("scenarios"), metavar="DIR")
    demo.add_argument("--out", type=Path, metavar="DIR")
    serve = commands.add_parser("serve-demo", help="serve the demo shop until Ctrl-C")
    serve.add_argument("--port", type=_port, default=8000)
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--clean", action="store_true", help="switch every seeded defect off")
    serve.add_argument("--spa", action="store_true", help="serve the shop as a single-page app")
    history = commands.add_parser("history", help="list the stored runs, newest first")
    history.add_argument("--limit", type=_positive_int, default=20, metavar="N")
    history.add_argument("--history", metavar="FILE", help="the run history (default reports/history.sqlite)")
    history.add_argument("--config", type=Path, metavar="FILE", help="run config (default ./uxaudit.yaml)")
    compare = commands.add_parser("compare", help="what changed between two runs (stored, or their folders)")
    compare.add_argument("base", metavar="BASE_RUN", help="a run id, latest, or a run folder (or its scorecard.json)")
    compare.add_argument("new", metavar="NEW_RUN", help="a run id, latest, or a run folder (or its scorecard.json)")
    compare.add_argument("--history", metavar="FILE", help="the run history (default reports/history.sqlite)")
    compare.add_argument("--config", type=Path, metavar="FILE", help="run config (default ./uxaudit.yaml)")
    compare.add_argument("--out", type=Path, metavar="FILE",
                         help="the comparison page (default compare-BASE-vs-NEW.html beside the history, "
                              "or beside NEW_RUN's folder)")
    commands.add_parser("doctor", help="show which Chromium, Node and Lighthouse uxaudit finds")
    commands.add_parser("schema", help="print the JSON Schema of journey files")
    return parser


def _add_run(run: argparse.ArgumentParser) -> None:
    run.add_argument("paths", nargs="+", type=Path, metavar="PATHS", help="journey files or folders")
    run.add_argument("--base-url", metavar="URL", help="the site to test (overrides the journeys')")
    run.add_argument("--out", type=Path, metavar="DIR", help="this run's output folder")
    run.add_argument("--workers", type=_positive_int, metavar="N", help="journeys run at once")
    run.add_argument("--runs", type=_positive_int, metavar="N",
                     help="run each journey N times: success rates, median times, flaky tasks")
    run.add_argument("--timeout", type=_timeout_ms, metavar="MS", help="default step timeout (10000)")
    run.add_argument("--fail-under", type=_score, metavar="SCORE", help="fail the gate under this site score")
    run.add_argument("--headed", action="store_true", help="show the browser window")
    run.add_argument("--tag", action="append", default=[], metavar="TAG", help="only journeys with this tag")
    run.add_argument("--var", action="append", default=[], metavar="NAME=VALUE", help="set a variable")
    run.add_argument("--config", type=Path, metavar="FILE", help="run config (default ./uxaudit.yaml)")
    run.add_argument("--chromium", metavar="PATH", help="Chrome/Chromium executable to use")
    run.add_argument("--lighthouse", action="store_true", help="run Lighthouse on every page the journeys show")
    run.add_argument("--lighthouse-runs", type=_positive_int, metavar="N",
                     help="Lighthouse runs per page, the median kept (implies --lighthouse)")
    run.add_argument("--baseline", metavar="RUN", help="compare with a stored run: its id, latest or latest-on-branch")
    run.add_argument("--only-new", action="store_true",
                     help="with --baseline: fail only on what is new (tasks newly failing, new findings)")
    run.add_argument("--no-lighthouse", action="store_true",
                     help="skip Lighthouse, even where journeys ask for it (quicker local runs)")
    run.add_argument("--external-links", action="store_true", help="also check links to other sites")
    run.add_argument("--no-link-check", action="store_true", help="do not check the links on visited pages")
    debugging = run.add_argument_group("debugging (docs/debugging.md)")
    debugging.add_argument("--trace", choices=RECORDING_MODES, metavar="on|off|retain-on-failure",
                           help="a Playwright trace.zip per journey (default retain-on-failure: kept for "
                                "journeys with a failed task)")
    debugging.add_argument("--video", choices=RECORDING_MODES, metavar="on|off|retain-on-failure",
                           help="a video per journey (default off)")
    debugging.add_argument("--slow-mo", type=_slow_mo, metavar="MS", help="slow every browser action down by MS")
    debugging.add_argument("--debug", action="store_true",
                           help="step through: headed, the Playwright Inspector paused before each step, "
                                "one journey at a time")
    selecting = run.add_argument_group("choosing journeys (a partial run, kept out of the score trend)")
    selecting.add_argument("--journey", action="append", default=[], metavar="NAME",
                           help="only journeys whose id, file or name matches (glob patterns, repeatable)")
    selecting.add_argument("--task", action="append", default=[], metavar="NAME",
                           help="only tasks whose name matches (glob patterns, repeatable), and the tasks "
                                "before them in their journey")
    selecting.add_argument("-k", dest="keyword", metavar="EXPR",
                           help="journeys whose names or tags match EXPR, as pytest -k: "
                                "'checkout and not slow'")
    selecting.add_argument("--last-failed", action="store_true",
                           help="only the journeys with a failed task when last run (from the history)")


def _whole_number(text: str, of: str = "") -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected {of}a whole number, got {text!r}") from None


def _positive_int(text: str) -> int:
    value = _whole_number(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, got {value}")
    return value


def _timeout_ms(text: str) -> int:
    value = _positive_int(text)
    if value > MAX_TIMER_MS:
        raise argparse.ArgumentTypeError(f"must be {MAX_TIMER_MS} ms or less (Node's timer limit), got {value}")
    return value


def _slow_mo(text: str) -> int:
    value = _whole_number(text, "milliseconds as ")
    if not 0 <= value <= 10_000:
        raise argparse.ArgumentTypeError(f"must be from 0 to 10000 ms, got {value}")
    return value


def _port(text: str) -> int:
    value = _positive_int(text)
    if value > 65535:
        raise argparse.ArgumentTypeError(f"a port is from 1 to 65535, got {value}")
    return value


def _score(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a score from 0 to 100, got {text!r}") from None
    if not 0 <= value <= 100:
        raise argparse.ArgumentTypeError(f"a score is from 0 to 100, got {text}")
    return value


def parse_vars(pairs: Sequence[str]) -> dict[str, str]:
    """`--var NAME=VALUE` flags → a mapping."""
    result = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name:
            raise UsageError(f"--var {pair!r}: write it as NAME=VALUE")
        result[name] = value
    return result


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of `uxaudit` and `python -m uxaudit`."""
    logging.basicConfig(level=logging.WARNING, format="%(message)s")
    # After Ctrl-C, asyncio reports Playwright's closed connection as "never retrieved": noise.
    logging.getLogger("asyncio").setLevel(logging.CRITICAL)
    parser = build_parser()
    arguments = sys.argv[1:] if argv is None else list(argv)
    if not arguments:
        parser.print_help()
        return int(ExitCode.INVALID_INPUT)
    args = parser.parse_args(arguments)
    try:
        return int(COMMANDS[args.command](args))
    except ScenarioErrors as exc:
        for error in exc.errors:
            errors.print(error.one_line(), markup=False)
        return int(exc.exit_code)
    except UxauditError as exc:
        errors.print(f"uxaudit: {exc}", markup=False)
        return int(exc.exit_code)
    except KeyboardInterrupt:
        errors.print("uxaudit: interrupted; every file already written is complete (none is half written)",
                     markup=False)
        return int(ExitCode.INTERRUPTED)
    except OSError as exc:  # a full disk, a read-only folder: the machine's, not a bug (files written stay valid)
        where = f" {exc.filename}" if exc.filename else ""
        errors.print(f"uxaudit: could not write{where}: {exc.strerror or exc}. Check that the output folder is "
                     "writable and the disk has room; what was written before stays valid.", markup=False)
        return int(ExitCode.CANNOT_RUN)
    except Exception as exc:  # noqa: BLE001 - the last resort: one line, never a traceback
        return _internal_error(exc)


def _internal_error(exc: Exception) -> int:
    if os.environ.get("UXAUDIT_DEBUG"):
        errors.print_exception()
    else:
        errors.print(f"uxaudit: internal error: {type(exc).__name__}: {exc}. This is a bug in uxaudit; "
                     "run again with UXAUDIT_DEBUG=1 to see the details, and please report it.", markup=False)
    return int(ExitCode.CANNOT_RUN)


def cmd_run(args: argparse.Namespace) -> ExitCode:
    """`uxaudit run`: the whole pipeline; exit 1 when the gate fails."""
    if args.only_new and not args.baseline:
        raise UsageError("--only-new compares with a baseline: add --baseline RUN (a run id, latest or "
                         "latest-on-branch)")
    file_config = load_config(args.config)
    config = with_overrides(file_config, base_url=args.base_url, out_dir=args.out,
                            workers=args.workers, runs=args.runs, timeout_ms=args.timeout, fail_under=args.fail_under,
                            headed=args.headed or None, tags=tuple(args.tag) or None,
                            variables=parse_vars(args.var) or None, chromium=args.chromium,
                            check_links=False if args.no_link_check else None,
                            external_links=args.external_links or None,
                            lighthouse_runs=args.lighthouse_runs or (
                                max(1, file_config.lighthouse_runs) if args.lighthouse else None),
                            lighthouse_enabled=False if args.no_lighthouse else None,
                            baseline=args.baseline, only_new=args.only_new or None,
                            trace=args.trace, video=args.video, slow_mo_ms=args.slow_mo,
                            debug=args.debug or None, journey_patterns=tuple(args.journey) or None,
                            task_patterns=tuple(args.task) or None, keyword=args.keyword,
                            last_failed=args.last_failed or None)
    if config.baseline:  # before the browser: a missing baseline must not cost a whole run
        config = replace(config, baseline=find_run(history_path(config.history), config.baseline,
                                                   suite=suite_of(args.paths)).id)
    return _exit_code(_run(args.paths, config))


def _exit_code(result: pipeline.RunResult) -> ExitCode:
    if result.interrupted:
        return ExitCode.INTERRUPTED
    return ExitCode.OK if result.scorecard["gate"]["passed"] else ExitCode.GATE_FAILED


def _run(paths: list[Path], config: RunConfig) -> pipeline.RunResult:
    config = stepping_through(config)  # --debug is headed: the screen check below covers it
    if config.headed and not has_screen():
        flag = "--debug" if config.debug else "--headed"
        raise UsageError(f"{flag} needs a screen, and DISPLAY is not set: run without {flag}, "
                         "or under a virtual screen (xvfb-run uxaudit run ...)")
    if caveat := timing_caveat(config):
        errors.print(f"uxaudit: warning: {caveat}", markup=False)
    chosen = pipeline.load_selected(paths, config)
    for note in chosen.notes:
        errors.print(f"uxaudit: {note}", markup=False)
    journeys, config = chosen.journeys, replace(config, selection=chosen.words)
    chromium, folder = pipeline.prepare(journeys, config)
    clock, given = pipeline.RunClock.start(), tuple(str(path) for path in paths)  # for the rerun commands
    try:
        with ProgressListener(console, len(journeys) * config.runs, console.print) as listener:
            run = pipeline.gather_run(journeys, config, chromium, folder, listener, clock, given)
    except KeyboardInterrupt:
        errors.print("Interrupted: writing a partial report of the journeys that finished.")
        run = pipeline.partial_artifacts(folder, journeys, config, chromium, clock, given)
    except CannotRunError:
        folder.remove_if_empty()
        raise
    result = pipeline.audit_and_report(run, folder, config)
    _show(result)
    return result


def _show(result: pipeline.RunResult) -> None:
    console.print(summary(result.scorecard, result.reports.get("html")))
    for warning in result.warnings:
        errors.print(f"uxaudit: warning: {warning}", markup=False)
    if result.interrupted:
        _say_what_is_missing(result)


def _say_what_is_missing(result: pipeline.RunResult) -> None:
    """After Ctrl-C: what the reports lack, and how to finish them from the evidence already saved."""
    missing = [*result.scorecard["run"].get("missing", ()), *result.missing]
    unique = list(dict.fromkeys(missing))
    errors.print("Interrupted: " + ("; ".join(unique) if unique else "the report is partial") + ".", markup=False)
    if result.missing and result.evidence_whole:  # only the audit, score or report stage was cut short
        errors.print(f"The evidence gathered is complete: `uxaudit report {result.folder.root}` audits it "
                     "again and writes every report (it does not change the history).", markup=False)


def cmd_validate(args: argparse.Namespace) -> ExitCode:
    """`uxaudit validate`: load every file, report every problem, start no browser."""
    config = with_overrides(load_config(args.config), variables=parse_vars(args.var) or None)
    journeys = pipeline.load(args.paths, config, require_base_url=False)  # --base-url may give it at run time
    tasks = sum(len(j.tasks) for j in journeys)
    steps = sum(len(t.steps) for j in journeys for t in j.tasks)
    console.print(f"✓ {_count(len(journeys), 'journey')}, {_count(tasks, 'task')}, {_count(steps, 'step')}: valid")
    for journey in journeys:  # by file: a folder's sub-folders are read too
        console.print(f"  {journey.file}: {_journey_size(journey)}", markup=False)
    if without := [j.file for j in journeys if not j.base_url]:
        console.print(f"  {_count(len(without), 'journey')} without a base URL ({', '.join(without)}): "
                      "`uxaudit run` will need --base-url URL", markup=False)
    return ExitCode.OK


def _journey_size(journey: Journey) -> str:
    """`2 tasks, 9 steps`, and its setup and teardown steps when it has some."""
    hooks = [f"{len(steps)} {name}" for name, steps in (("setup", journey.setup), ("teardown", journey.teardown))
             if steps]
    size = f"{_count(len(journey.tasks), 'task')}, {_count(sum(len(task.steps) for task in journey.tasks), 'step')}"
    return size + (f" (+ {', '.join(hooks)})" if hooks else "")


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def cmd_report(args: argparse.Namespace) -> ExitCode:
    """`uxaudit report`: audit, score and render again from artifacts.json, without a browser."""
    if not args.run.exists():
        raise UsageError(f"{args.run}: no such run folder or artifacts file")
    run = read_artifacts(args.run)
    folder = RunFolder(args.run if args.run.is_dir() else args.run.parent)
    config = with_overrides(load_config(args.config), fail_under=args.fail_under)
    if run.baseline and not config.baseline:  # compared with a baseline then: the same one now
        config = replace(config, baseline=run.baseline, only_new=run.only_new)
    result = pipeline.audit_and_report(run, folder, config, newest=False)
    _show(result)
    return _exit_code(result)


def cmd_demo(args: argparse.Namespace) -> ExitCode:
    """`uxaudit demo`: start the demo shop, run scenarios/ (and scenarios/_spa/ with --spa) against it,
    exit 0 when the audit ran."""
    from .demo.checklist import defect_checklist
    from .demo.server import DemoShop

    if not args.scenarios.is_dir():
        raise UsageError(f"{args.scenarios}: no such folder; run `uxaudit demo` from the uxaudit "
                         "checkout, or pass --scenarios DIR")
    spa_journeys = args.scenarios / "_spa"  # a `_` folder: `uxaudit run scenarios/` leaves it out
    paths = [args.scenarios, *([spa_journeys] if args.spa and spa_journeys.is_dir() else [])]
    # The same address run after run when it is free, so that the history sees one site: the
    # report's score trend and `uxaudit compare` then work on the demo too (the SPA is a site of its own).
    port = DEMO_SPA_PORT if args.spa else DEMO_PORT
    with DemoShop(port=port, clean=args.clean, fallback_to_any_port=True, spa=args.spa) as shop:
        mode = "clean" if args.clean else "with its seeded defects"
        console.print(f"Demo shop{' (single-page app)' if args.spa else ''} {mode} at {shop.url}")
        result = _run(paths, RunConfig(base_url=shop.url, out_dir=args.out))
    if result.interrupted:
        return ExitCode.INTERRUPTED
    console.print(defect_checklist(result.scorecard, args.clean, args.spa))
    if not result.scorecard["gate"]["passed"]:
        console.print("The demo shop is defective on purpose: a real release with this result would be "
                      f"stopped by the gate (exit 1). `uxaudit demo{' --spa' if args.spa else ''} --clean` "
                      "runs the fixed shop.")
    return ExitCode.OK


def cmd_serve_demo(args: argparse.Namespace) -> ExitCode:
    """`uxaudit serve-demo`: serve the demo shop until Ctrl-C."""
    from .demo.server import serve

    mode = ("single-page app, " if args.spa else "") + ("clean" if args.clean else "with seeded defects")
    console.print(f"Demo shop ({mode}) on http://{args.host}:{args.port}/ — Ctrl-C to stop")
    try:
        serve(args.host, args.port, args.clean, args.spa)
    except OSError as exc:
        raise UsageError(f"cannot serve on {args.host}:{args.port} ({exc.strerror}); try --port N") from None
    return ExitCode.OK


def cmd_doctor(_args: argparse.Namespace) -> ExitCode:
    """`uxaudit doctor`: what was found, and how to fix what is missing."""
    report = doctor.diagnose()
    for check in report:
        mark = "[green]✓[/green]" if check.ok else ("[yellow]![/yellow]" if check.optional else "[red]✗[/red]")
        console.print(f"{mark} {check.name}: {check.detail}")
        if not check.ok and check.fix:
            console.print(f"    → {check.fix}")
    return ExitCode.OK if all(c.ok or c.optional for c in report) else ExitCode.CANNOT_RUN


def cmd_schema(_args: argparse.Namespace) -> ExitCode:
    """`uxaudit schema`: JSON Schema of journey files on stdout."""
    sys.stdout.write(json.dumps(journey_json_schema(VERBS), indent=2) + "\n")
    return ExitCode.OK


def cmd_history(args: argparse.Namespace) -> ExitCode:
    """`uxaudit history`: the stored runs, newest first."""
    # Older runs than those shown too: each row's score change is against the previous whole run of its suite.
    runs = list_runs(history_path(args.history or load_config(args.config).history), args.limit + HISTORY_LOOKBACK)
    console.print(history_table(runs, shown=args.limit))
    return ExitCode.OK


def cmd_compare(args: argparse.Namespace) -> ExitCode:
    """`uxaudit compare BASE NEW`: what changed between two runs, stored or in their folders."""
    path = history_path(args.history or load_config(args.config).history)
    new = named_run(args.new, path)
    diff = diff_stored(named_run(args.base, path, before=new.id), new)
    console.print(comparison_view(diff))
    page = args.out or compare_html.default_path(run_folder(args.new) or path, diff)
    try:
        compare_html.write(diff, page)
    except OSError as exc:
        raise UsageError(f"cannot write {page} ({exc.strerror}); choose another file with --out FILE") from None
    console.print(f"Comparison page: {page}")
    return ExitCode.OK


COMMANDS = {"run": cmd_run, "history": cmd_history, "compare": cmd_compare, "validate": cmd_validate,
            "report": cmd_report, "demo": cmd_demo,
            "serve-demo": cmd_serve_demo, "doctor": cmd_doctor, "schema": cmd_schema}
