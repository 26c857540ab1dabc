"""VERBS: the one table of step verbs, a record each: its argument, how it becomes a Step, its name
in words, what it does in the page, and whether it starts work the step must wait for.

LOAD reads a record's grammar (argument, builder, name; see load/verbs.py), GATHER its behaviour.
Adding a verb = one record here and a section in docs/scenarios.md (an argument of a new shape:
its model in load/schema.py and its builder in load/steps.py too)."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from playwright.async_api import Error, Locator, Page

from ..artifacts import ElementInfo
from ..load import schema
from ..load.scenario import Step, Target
from ..load.steps import condition, press_step, scroll_name, scroll_step, target_of, type_name, type_step, wait_step
from .bounded import within
from .conditions import wait_for_condition
from .locate import resolve
from .marks import PAGE_BOX_JS, ActedOn, acted_on
from .observer import PageObserver
from .snapshot import save_screenshot
from .step_failure import StepFailure
from .untraced import traced


@dataclass
class StepContext:
    """What an action needs: the page, its observer, the base URL and the step's deadline."""

    page: Page
    observer: PageObserver
    base_url: str
    timeout_ms: int
    deadline: float  # time.monotonic() by which the step must be done
    screenshot_path: Callable[[str], Path]  # named screenshot → file
    secrets: frozenset[str] = frozenset()
    masks: list[Locator] = field(default_factory=list)  # fields holding secrets: hidden in screenshots
    clicked: ElementInfo | None = None  # what a click acted on
    filled: Locator | None = None  # fill/select: the field, read back after the step
    screen_quiet_ms: float = 200  # an in-app route's screen is drawn once it stops changing this long
    shown_url: str | None = None  # the page's address before the step: a route away from it is a new screen
    acted_at: float | None = None  # time.monotonic() when the action itself began (its target found)
    acting_ms: float = 0.0  # how long the visitor was busy acting (typing key by key), which is no wait for the site
    acted_on: ActedOn | None = None  # the element acted on, marked in the step's screenshot

    def remaining_ms(self) -> float:
        """Milliseconds left before the deadline (at least 1, Playwright rejects 0 as 'no limit')."""
        return max(1.0, (self.deadline - time.monotonic()) * 1000)


Action = Callable[[StepContext, Step], Awaitable[None]]


def absolute_url(base_url: str, url: str) -> str:
    """A step's URL against the journey's base URL (`/cart`, `cart`, or a full URL)."""
    return urljoin(base_url.rstrip("/") + "/", url)


async def _goto(ctx: StepContext, step: Step) -> None:
    # A 4xx/5xx answer still loads a page: the status becomes a finding, not a failed step.
    ctx.acted_at = time.monotonic()
    await traced(ctx.page.goto(absolute_url(ctx.base_url, step.text or "/"), wait_until="load",
                               timeout=ctx.remaining_ms()))


# What is clicked, and where (its box is read in the same round trip: the click may remove it).
_DESCRIBE_ELEMENT_JS = """el => {
  const link = el.closest('a[href]');
  const words = el.getAttribute('aria-label') || el.innerText || el.value || el.title || el.alt || '';
  const r = el.getBoundingClientRect();
  return {tag: el.tagName.toLowerCase(), role: el.getAttribute('role'), href: link ? link.href : null,
          label: String(words).trim().replace(/\\s+/g, ' ').slice(0, 120), box: BOX};
}""".replace("BOX", PAGE_BOX_JS)


async def _click(ctx: StepContext, step: Step) -> None:
    assert step.target is not None
    element = await resolve(ctx.page, step.target, ctx.deadline)
    ctx.clicked, box = await _describe(element)
    ctx.acted_on = acted_on(element, box, clicked=True)
    ctx.acted_at = time.monotonic()
    await traced(element.click(timeout=ctx.remaining_ms()))


async def _describe(element: Locator) -> tuple[ElementInfo | None, list[float] | None]:
    try:
        info = await within(element.evaluate(_DESCRIBE_ELEMENT_JS), 2, "reading what is clicked")
    except (Error, StepFailure):
        return None, None
    return ElementInfo(tag=info["tag"], label=info["label"], role=info["role"], href=info["href"]), info["box"]


async def _fill(ctx: StepContext, step: Step) -> None:
    assert step.target is not None
    element = await resolve(ctx.page, step.target, ctx.deadline, fields_only=True)
    if _holds_secret(ctx, step.text):
        ctx.masks.append(element)
    ctx.acted_on = acted_on(element)
    ctx.filled, ctx.acted_at = element, time.monotonic()
    await traced(element.fill(step.text or "", timeout=ctx.remaining_ms()))


async def _select(ctx: StepContext, step: Step) -> None:
    assert step.target is not None
    element = await resolve(ctx.page, step.target, ctx.deadline, fields_only=True)
    ctx.acted_on = acted_on(element)
    ctx.filled, ctx.acted_at = element, time.monotonic()
    await traced(element.select_option(step.text or "", timeout=ctx.remaining_ms()))


async def _check(ctx: StepContext, step: Step) -> None:
    assert step.target is not None
    element = await resolve(ctx.page, step.target, ctx.deadline)
    ctx.acted_on = acted_on(element)
    ctx.acted_at = time.monotonic()
    await traced(element.check(timeout=ctx.remaining_ms()))


async def _uncheck(ctx: StepContext, step: Step) -> None:
    assert step.target is not None
    element = await resolve(ctx.page, step.target, ctx.deadline)
    ctx.acted_on = acted_on(element)
    ctx.acted_at = time.monotonic()
    await traced(element.uncheck(timeout=ctx.remaining_ms()))


async def _press(ctx: StepContext, step: Step) -> None:
    if step.target is None:
        ctx.acted_at = time.monotonic()
        await traced(ctx.page.keyboard.press(step.text or ""))
        return
    element = await resolve(ctx.page, step.target, ctx.deadline)
    ctx.acted_on = acted_on(element)
    ctx.acted_at = time.monotonic()
    await traced(element.press(step.text or "", timeout=ctx.remaining_ms()))


async def _type(ctx: StepContext, step: Step) -> None:
    # Key by key, as a visitor types: what listens to keys sees each one (autocompletes, input
    # masks, code editors such as Monaco, which have no field `fill` could set). A target is
    # clicked first, as a visitor clicks into it (Monaco takes its focus from the click).
    text, delay = step.text or "", step.number or 0
    if len(text) * delay > ctx.remaining_ms():
        raise StepFailure(f"typing {len(text)} keys {delay} ms apart takes longer than the step's timeout; "
                          "raise `timeout:` or lower `delay:`")
    if step.target is not None:
        await _click_into(ctx, step.target, text)
    else:
        if _holds_secret(ctx, text):
            ctx.masks.extend(await _focused(ctx.page))
        ctx.acted_at = time.monotonic()
    typing = time.monotonic()
    await traced(within(ctx.page.keyboard.type(text, delay=delay), ctx.remaining_ms() / 1000, "typing"))
    ctx.acting_ms = (time.monotonic() - typing) * 1000  # the site's answer is timed from the last key


async def _click_into(ctx: StepContext, target: Target, text: str) -> None:
    element = await resolve(ctx.page, target, ctx.deadline, fields_only=True)
    if _holds_secret(ctx, text):
        ctx.masks.append(element)
    ctx.acted_on = acted_on(element)  # boxed, not dotted: the click only puts the caret there
    ctx.filled = element  # read back when it is a form field (an editor is not one: nothing to read)
    ctx.acted_at = time.monotonic()
    await traced(element.click(timeout=ctx.remaining_ms()))


def _holds_secret(ctx: StepContext, text: str | None) -> bool:
    return any(secret in (text or "") for secret in ctx.secrets)


# The focused element, as a path of tags from the document: a locator that keeps naming it after
# the focus moves on (the field typed a secret into stays masked in later screenshots).
_FOCUSED_PATH_JS = """() => {
  let el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return null;
  const parts = [];
  for (; el && el.parentElement; el = el.parentElement) {
    const same = [...el.parentElement.children].filter((c) => c.tagName === el.tagName);
    parts.unshift(`${el.tagName.toLowerCase()}:nth-of-type(${same.indexOf(el) + 1})`);
  }
  return 'html > ' + parts.join(' > ');
}"""


async def _focused(page: Page) -> list[Locator]:
    try:
        path = await within(page.evaluate(_FOCUSED_PATH_JS), 1, "finding the focused field")
    except (Error, StepFailure):
        return []
    return [page.locator(path)] if isinstance(path, str) else []


async def _hover(ctx: StepContext, step: Step) -> None:
    assert step.target is not None
    element = await resolve(ctx.page, step.target, ctx.deadline)
    ctx.acted_on = acted_on(element)
    await traced(element.hover(timeout=ctx.remaining_ms()))


async def _scroll(ctx: StepContext, step: Step) -> None:
    if step.target is not None:
        element = await resolve(ctx.page, step.target, ctx.deadline)
        await traced(element.scroll_into_view_if_needed(timeout=ctx.remaining_ms()))
    elif step.number is not None:
        await traced(ctx.page.mouse.wheel(0, step.number))
    else:
        where = "0" if step.text == "top" else "document.documentElement.scrollHeight"
        await traced(ctx.page.evaluate(f"() => window.scrollTo(0, {where})"))


async def _wait(ctx: StepContext, step: Step) -> None:
    if step.number is not None:
        if step.number > ctx.remaining_ms():
            raise StepFailure(f"waiting {step.number} ms exceeds the step's timeout; raise `timeout:`")
        await asyncio.sleep(step.number / 1000)
        return
    await _expect(ctx, step)


async def _expect(ctx: StepContext, step: Step) -> None:
    assert step.condition is not None
    failure = await wait_for_condition(ctx.page, ctx.observer, step.condition, ctx.base_url, ctx.deadline)
    if failure:
        raise StepFailure(f"expected that {step.condition.describe()}, but {failure}")


async def _screenshot(ctx: StepContext, step: Step) -> None:
    if not await save_screenshot(ctx.page, ctx.screenshot_path(step.text or "screenshot"), True, ctx.masks,
                                 ctx.secrets):
        raise StepFailure("could not take the screenshot")


@dataclass(frozen=True)
class Verb:
    """One step verb. `starts_work`: it may start a navigation or requests, which the step waits
    for; `starts_work_soon`: it usually does so at once (a click's fetch may begin a few ms after the
    click returns), so the step watches the network briefly even when idle; `interaction`: a visitor
    making something happen, whose effect (or lack of one) and answer time are followed."""

    args: Any
    build: Callable[[Any], Step]
    describe: Callable[[Step, str], str]
    perform: Action
    starts_work: bool = False
    starts_work_soon: bool = False
    interaction: bool = False


def _no_name(step: Step, _target: str) -> str:
    return step.action  # `expect` and `wait` for a condition are named by load.steps.default_name


# In the order shown in messages ("Valid actions: …") and in docs/scenarios.md.
VERBS: dict[str, Verb] = {
    "goto": Verb(args=str, build=lambda a: Step("goto", "", "", text=a),
                 describe=lambda s, _t: f"Open {s.text}", perform=_goto, starts_work=True, starts_work_soon=True),
    "click": Verb(args=schema.Target, build=lambda a: Step("click", "", "", target=target_of(a)),
                  describe=lambda _s, t: f"Click {t}", perform=_click,
                  starts_work=True, starts_work_soon=True, interaction=True),
    "fill": Verb(args=schema.FillArgs, build=lambda a: Step("fill", "", "", target=target_of(a.target), text=a.value),
                 describe=lambda _s, t: f"Type into {t}", perform=_fill, starts_work=True),
    "select": Verb(args=schema.SelectArgs,
                   build=lambda a: Step("select", "", "", target=target_of(a.target), text=a.option),
                   describe=lambda s, t: f"Choose “{s.text}” in {t}", perform=_select, starts_work=True),
    "check": Verb(args=schema.Target, build=lambda a: Step("check", "", "", target=target_of(a)),
                  describe=lambda _s, t: f"Tick {t}", perform=_check, starts_work=True),
    "uncheck": Verb(args=schema.Target, build=lambda a: Step("uncheck", "", "", target=target_of(a)),
                    describe=lambda _s, t: f"Untick {t}", perform=_uncheck, starts_work=True),
    "press": Verb(args=schema.PressArg, build=press_step,
                  describe=lambda s, t: f"Press {s.text}" + (f" in {t}" if t else ""), perform=_press,
                  starts_work=True, starts_work_soon=True, interaction=True),
    "type": Verb(args=schema.TypeArg, build=type_step, describe=type_name, perform=_type,
                 starts_work=True, starts_work_soon=True, interaction=True),
    "hover": Verb(args=schema.Target, build=lambda a: Step("hover", "", "", target=target_of(a)),
                  describe=lambda _s, t: f"Point at {t}", perform=_hover),
    "scroll": Verb(args=schema.ScrollArg, build=scroll_step, describe=scroll_name, perform=_scroll),
    "wait": Verb(args=schema.WaitArg, build=wait_step, describe=lambda s, _t: f"Wait {(s.number or 0) / 1000:g} s",
                 perform=_wait),
    "expect": Verb(args=schema.ConditionSpec, build=lambda a: Step("expect", "", "", condition=condition(a)),
                   describe=_no_name, perform=_expect),
    "screenshot": Verb(args=str, build=lambda a: Step("screenshot", "", "", text=a),
                       describe=lambda s, _t: f"Take a screenshot “{s.text}”", perform=_screenshot),
}
