"""From validated step, target and condition specs (scenario_schema) to the runner's Step values."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from . import schema as schema
from .scenario import Condition, Step, Target, UrlMatch


def _target(spec: str | schema.TargetSpec) -> Target:
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
            return Condition(kind, target=_target(value))
    if spec.url is not None:
        return Condition("url", url=_url(spec.url))
    if spec.status is not None:
        return Condition("status", status=spec.status)
    kind = "title" if spec.title is not None else "text"
    return Condition(kind, text=spec.title if spec.title is not None else spec.text)


def _press(arg: str | schema.PressArgs) -> Step:
    if isinstance(arg, str):
        return Step("press", "", "", text=arg)
    return Step("press", "", "", target=_target(arg.target), text=arg.key)


def _scroll(arg: Any) -> Step:
    if isinstance(arg, int):
        return Step("scroll", "", "", number=arg)
    if arg in ("top", "bottom"):
        return Step("scroll", "", "", text=arg)
    return Step("scroll", "", "", target=_target(arg))


def _wait(arg: int | schema.WaitForArgs) -> Step:
    if isinstance(arg, int):
        return Step("wait", "", "", number=arg)
    if arg.for_ is not None:
        return Step("wait", "", "", condition=Condition("visible", target=_target(arg.for_)))
    assert arg.url is not None  # the model allows exactly one of the two
    return Step("wait", "", "", condition=Condition("url", url=_url(arg.url)))


STEP_BUILDERS: dict[str, Callable[[Any], Step]] = {
    "goto": lambda a: Step("goto", "", "", text=a),
    "click": lambda a: Step("click", "", "", target=_target(a)),
    "fill": lambda a: Step("fill", "", "", target=_target(a.target), text=a.value),
    "select": lambda a: Step("select", "", "", target=_target(a.target), text=a.option),
    "check": lambda a: Step("check", "", "", target=_target(a)),
    "uncheck": lambda a: Step("uncheck", "", "", target=_target(a)),
    "press": _press,
    "hover": lambda a: Step("hover", "", "", target=_target(a)),
    "scroll": _scroll,
    "wait": _wait,
    "expect": lambda a: Step("expect", "", "", condition=condition(a)),
    "screenshot": lambda a: Step("screenshot", "", "", text=a),
}


def default_name(verb: str, step: Step) -> str:
    """A step's name in plain words: `Click “Checkout”`, `Type into Name field`, `Open /cart`."""
    if step.condition is not None:
        return f"{'Check that' if verb == 'expect' else 'Wait until'} {step.condition.describe()}"
    target = step.target.describe() if step.target is not None else ""
    return _NAMES[verb](step, target)


def _scroll_name(step: Step, target: str) -> str:
    if target:
        return f"Scroll to {target}"
    return f"Scroll {step.number} px" if step.number is not None else f"Scroll to the {step.text}"


_NAMES: dict[str, Callable[[Step, str], str]] = {
    "goto": lambda s, _t: f"Open {s.text}",
    "click": lambda _s, t: f"Click {t}",
    "fill": lambda _s, t: f"Type into {t}",
    "select": lambda s, t: f"Choose “{s.text}” in {t}",
    "check": lambda _s, t: f"Tick {t}",
    "uncheck": lambda _s, t: f"Untick {t}",
    "press": lambda s, t: f"Press {s.text}" + (f" in {t}" if t else ""),
    "hover": lambda _s, t: f"Point at {t}",
    "scroll": _scroll_name,
    "wait": lambda s, _t: f"Wait {(s.number or 0) / 1000:g} s",
    "screenshot": lambda s, _t: f"Take a screenshot “{s.text}”",
}
