"""Which route changes are new screens, and what a step's main-thread work adds up to."""

from __future__ import annotations

import pytest

from uxaudit.gather.screens import new_screen, same_screen
from uxaudit.gather.timeline import RouteChange, freeze_of

APP = "http://app.test"


@pytest.mark.parametrize(("before", "after", "via", "same"), [
    ("/products", "/products/5", "pushState", False),
    ("/products", "/products?sort=price", "replaceState", True),  # a filter on the same screen
    ("/products", "/products?page=2", "pushState", False),  # a new page of results
    ("/products", "/products#reviews", "hashchange", True),  # an anchor on the page
    ("/#/products", "/#/cart", "hashchange", False),  # hash routes
    ("/#!/products", "/#!/products", "popstate", True),
    ("/", "/#/about", "hashchange", False),
    ("/#/guide", "/#/guide?id=set-up", "hashchange", True),  # a section of a hash-routed page
])
def test_a_new_screen_is_a_new_path_or_route_not_an_anchor_or_replaced_query(
        before: str, after: str, via: str, same: bool) -> None:
    assert same_screen(APP + before, APP + after, via) is same


def test_route_changes_are_judged_against_the_screen_before_each() -> None:
    routes = [RouteChange("pushState", APP + "/login", 1.0, 10),
              RouteChange("replaceState", APP + "/login?next=/", 1.1, 20),
              RouteChange("pushState", APP + "/account", 1.2, 30)]
    assert [r.url for r in new_screen(routes, APP + "/")] == [APP + "/login", APP + "/account"]
    assert new_screen(routes[1:2], APP + "/login") == []


def test_blocking_time_counts_each_long_task_past_50_ms_and_the_slowest_interaction() -> None:
    tasks = [{"at": 1, "ms": 120}, {"at": 300, "ms": 700}]
    events = [{"name": "pointerdown", "ms": 712, "delay": 1, "processing": 0.4, "id": 7},
              {"name": "click", "ms": 712, "delay": 1, "processing": 690, "id": 7}]
    frames = [{"scripts": [{"what": "BUTTON#go.onclick", "source": "http://app.test/static/app.js?v=3", "ms": 690}]}]
    freeze = freeze_of(tasks, frames, events)
    assert freeze is not None
    assert (freeze.blocking_ms, freeze.longest_task_ms, freeze.long_tasks) == (720, 700, 2)
    assert (freeze.event, freeze.processing_ms, freeze.presentation_ms) == ("click", 690, 21)
    assert freeze.scripts == ("BUTTON#go.onclick (app.js) 0.7 s",)
    assert freeze.worst_ms == 712


def test_no_long_task_and_no_interaction_is_no_freeze_record() -> None:
    assert freeze_of([], [], []) is None
