"""Journey / Task / Step: what a scenario file means, as frozen dataclasses the runner executes."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any


def slugify(name: str) -> str:
    """A task's id: its name in lowercase with dashes."""
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "task"


@dataclass(frozen=True)
class Target:
    """How to find an element: `auto` is plain visible text resolved in tiers (docs/scenarios.md)."""

    kind: str  # auto | text | role | label | placeholder | test_id | css
    value: str
    name: str | None = None  # accessible name, with kind == "role"
    nth: int | None = None

    def describe(self) -> str:
        """Plain words for step names and messages: `Checkout button`, `Name field`, `Search`."""
        text = _TARGET_WORDS[self.kind].format(value=self.value, name=self.name)
        if self.kind == "role" and self.name is None:
            text = f"any {self.value}"
        return f"{text} (match {self.nth})" if self.nth else text


_TARGET_WORDS = {
    "auto": "“{value}”",
    "text": "text “{value}”",
    "role": "{name} {value}",
    "label": "{value} field",
    "placeholder": "field “{value}”",
    "test_id": "{value} (test id)",
    "css": "{value} (CSS)",
}


@dataclass(frozen=True)
class UrlMatch:
    """`url:` forms: a path or full URL compared exactly, `contains`, or a regex `matches`."""

    equals: str | None = None
    contains: str | None = None
    matches: str | None = None

    def describe(self) -> str:
        """`/cart`, `contains 'order'`, `matches '^/p/'`."""
        if self.equals is not None:
            return self.equals
        return f"contains '{self.contains}'" if self.contains is not None else f"matches '{self.matches}'"


@dataclass(frozen=True)
class Condition:
    """A success criterion or `expect`: visible, hidden, url, title, text or status."""

    kind: str
    target: Target | None = None
    url: UrlMatch | None = None
    text: str | None = None
    status: int | None = None
    location: str = ""  # file:line of a success criterion, for messages (an `expect` step has its step's)

    def describe(self) -> str:
        """In words: `“Thank you” is visible`, `the address is /cart`, `the page answered 404`."""
        if self.target is not None:
            return f"{self.target.describe()} is {self.kind}"
        if self.url is not None:
            return f"the address {'is ' if self.url.equals is not None else ''}{self.url.describe()}"
        if self.kind == "status":
            return f"the page answered {self.status}"
        return f"the title contains “{self.text}”" if self.kind == "title" else f"the page says “{self.text}”"


@dataclass(frozen=True)
class Step:
    """One action. Which fields are set depends on `action` (see gather/verbs.py)."""

    action: str
    name: str
    location: str  # file:line, for messages
    target: Target | None = None
    text: str | None = None  # goto URL, fill value, select option, press key, screenshot name
    number: int | None = None  # wait ms, scroll pixels
    condition: Condition | None = None  # expect / wait for / wait url
    timeout_ms: int | None = None  # as written; once resolved (load/stage.py) the step's timeout in force
    optional: bool = False
    lighthouse_runs: int = 0  # run Lighthouse this many times on the page the step leaves (0: no)


@dataclass(frozen=True)
class Task:
    """Steps done in order, then success criteria checked; later tasks share the browser context."""

    id: str
    name: str
    steps: tuple[Step, ...]
    success: tuple[Condition, ...] = ()
    max_duration_ms: int | None = None
    timeout_ms: int | None = None  # as written; once resolved, what its success criteria wait
    thresholds: dict[str, Any] = field(default_factory=dict)  # audit thresholds changed for this task
    optimal_steps: int | None = None  # the fewest pages the task needs (its lostness is measured against it)


@dataclass(frozen=True)
class Journey:
    """One scenario file: tasks in order in one fresh browser context."""

    id: str
    name: str
    file: str
    base_url: str | None  # as written; once resolved (load/stage.py) the site it runs against
    device: str
    tags: tuple[str, ...]
    tasks: tuple[Task, ...]
    timeout_ms: int | None = None
    secrets: frozenset[str] = frozenset()
    lighthouse_runs: int = 0  # Lighthouse on every page the journey shows, this many runs each (0: no)
    thresholds: dict[str, Any] = field(default_factory=dict)  # audit thresholds changed for this journey
    # HTTP authentication from a base URL's `user:password@` (the browser will not send it from the
    # address): given to the browser context, and the password is a secret (load/stage.py).
    http_credentials: tuple[str, str] | None = None
    importance: float = 1.0  # its weight in the site score (the relationship level)
    order: int | None = None  # its place in the report's story (None: by importance, then file name)
    setup: tuple[Step, ...] = ()  # steps before the first task (test data), not audited; with --runs, every run
    teardown: tuple[Step, ...] = ()  # steps after the last task, even after a failure; a failure is a warning

    @property
    def asks_for_lighthouse(self) -> bool:
        """The journey, or one of its steps, asks for Lighthouse."""
        return self.lighthouse_runs > 0 or any(step.lighthouse_runs for task in self.tasks for step in task.steps)

    def task_path(self, task: Task) -> str:
        """`checkout/check-out`: the stable id used in scorecards."""
        return f"{self.id}/{task.id}"
