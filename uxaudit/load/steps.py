"""From validated step arguments (load/schema.py) to Step values, and a step's default name: the
LOAD half of each verb record in gather/verbs.py."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from . import schema
from .scenario import Condition, Step, Target, UrlMatch


def target_of(spec: str | schema.TargetSpec) -> Target:
    """A target as written: plain visible text, or one precise kind (`{role, name}`, `{label}`…)."""
    if isinstance(spec, str):
        return Target("auto", spec)
    kind = next(k for k in schema.TARGET_KINDS if getattr(spec, k) is not None)
    return Target(kind, str(getattr(spec, kind)), name=spec.name, nth=spec.nth)


def _url(spec: str | schema.UrlSpec) -> UrlMatch:
    if isinstance(spec, str):
        return UrlMatch(equals=spec)
    return UrlMatch(contains=spec.contains, matches=spec.matches)


def condition(spec: schema.ConditionSpec) -> Condition:
    """A success criterion or `expect` condition."""
    for kind in ("visible", "hidden"):
        if (value := getattr(spec, kind)) is not None:
            return Condition(kind, target=target_of(value))
    if spec.url is not None:
        return Condition("url", url=_url(spec.url))
    if spec.status is not None:
        return Condition("status", status=spec.status)
    kind = "title" if spec.title is not None else "text"
    return Condition(kind, text=spec.title if spec.title is not None else spec.text)


def press_step(arg: str | schema.PressArgs) -> Step:
    """`press: Enter`, or `press: {target, key}`."""
    if isinstance(arg, str):
        return Step("press", "", "", text=arg)
    return Step("press", "", "", target=target_of(arg.target), text=arg.key)


def type_step(arg: str | schema.TypeArgs) -> Step:
    """`type: TEXT` where the focus is, or `type: {target, value, delay}`; the delay is `number`."""
    if isinstance(arg, str):
        return Step("type", "", "", text=arg)
    target = target_of(arg.target) if arg.target is not None else None
    return Step("type", "", "", target=target, text=arg.value, number=arg.delay or None)


MAX_NAMED_TEXT = 40  # longer text is counted in a step's name, not quoted


def type_name(step: Step, target: str) -> str:
    """`Type “hello” into Editor`; long text by its length (a name cut short could leave part of a
    secret that LOAD's masking, which looks for whole values, would not find)."""
    text = step.text or ""
    shown = f"“{text}”".replace("\n", "↵") if len(text) <= MAX_NAMED_TEXT else f"{len(text)} characters"
    return f"Type {shown}" + (f" into {target}" if target else "")


def scroll_step(arg: Any) -> Step:
    """`scroll: top | bottom`, a number of pixels, or a target to bring into view."""
    if isinstance(arg, int):
        return Step("scroll", "", "", number=arg)
    if arg in ("top", "bottom"):
        return Step("scroll", "", "", text=arg)
    return Step("scroll", "", "", target=target_of(arg))


def wait_step(arg: int | schema.WaitForArgs) -> Step:
    """`wait: ms`, `wait: {for: target}` or `wait: {url: ...}`."""
    if isinstance(arg, int):
        return Step("wait", "", "", number=arg)
    if arg.for_ is not None:
        return Step("wait", "", "", condition=Condition("visible", target=target_of(arg.for_)))
    assert arg.url is not None  # the model allows exactly one of the two
    return Step("wait", "", "", condition=Condition("url", url=_url(arg.url)))


def default_name(describe: Callable[[Step, str], str], step: Step) -> str:
    """A step's name in plain words: `Click “Checkout”`, `Type into Name field`, `Open /cart`."""
    if step.condition is not None:
        return f"{'Check that' if step.action == 'expect' else 'Wait until'} {step.condition.describe()}"
    return describe(step, step.target.describe() if step.target is not None else "")


def scroll_name(step: Step, target: str) -> str:
    """`Scroll to “Reviews”`, `Scroll 400 px`, `Scroll to the bottom`."""
    if target:
        return f"Scroll to {target}"
    return f"Scroll {step.number} px" if step.number is not None else f"Scroll to the {step.text}"
