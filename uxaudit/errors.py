"""Exit codes and the exception tree; cli.py turns each error into one line and its exit code.

    UxauditError                     base; carries the exit code
    ├── InputError                   exit 2: bad scenario, config or flag; nothing ran
    │   ├── ScenarioError            file:line: key path: message (hint)
    │   └── UsageError               a command-line flag or argument is wrong
    └── CannotRunError               exit 3: no browser, site unreachable, internal failure
        ├── BrowserNotFoundError     no Chromium found; says what to install
        └── SiteUnreachableError     the base URL does not answer at all

A site that misbehaves is never an error here: it becomes findings and a failed gate (exit 1).
"""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """What `uxaudit` exits with (documented in README and docs/cli.md)."""

    OK = 0
    GATE_FAILED = 1
    INVALID_INPUT = 2
    CANNOT_RUN = 3
    INTERRUPTED = 130  # Ctrl-C: the journeys that finished are reported (a partial report)


class UxauditError(Exception):
    """Base of every error uxaudit reports to the user as one line."""

    exit_code: ExitCode = ExitCode.CANNOT_RUN


class InputError(UxauditError):
    """The user's input is wrong; nothing was run."""

    exit_code = ExitCode.INVALID_INPUT


class ScenarioError(InputError):
    """A problem at one place in a YAML file."""

    def __init__(self, file: str, line: int | None, path: str, message: str, hint: str = "") -> None:
        self.file, self.line, self.path, self.message, self.hint = file, line, path, message, hint
        super().__init__(self.one_line())

    def one_line(self) -> str:
        """`file:line: key.path: message. hint`."""
        where = f"{self.file}:{self.line}" if self.line else self.file
        text = f"{where}: {self.path + ': ' if self.path else ''}{self.message}"
        return f"{text}. {self.hint}" if self.hint else text


class ScenarioErrors(InputError):
    """Every problem found across all the files, so the user fixes them in one go."""

    def __init__(self, errors: list[ScenarioError]) -> None:
        self.errors = errors
        super().__init__("\n".join(e.one_line() for e in errors))


class UsageError(InputError):
    """A command-line flag or argument is wrong."""


class CannotRunError(UxauditError):
    """uxaudit could not run at all (exit 3)."""

    exit_code = ExitCode.CANNOT_RUN


class BrowserNotFoundError(CannotRunError):
    """No usable Chromium was found."""


class SiteUnreachableError(CannotRunError):
    """The base URL does not answer (connection refused, unknown host, timeout)."""
