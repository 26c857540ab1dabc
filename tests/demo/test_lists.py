"""/lists: named lists kept by the demo server, a taken name refused in the visitor's words."""

from __future__ import annotations

from uxaudit.demo.list_store import ListStore
from uxaudit.demo.shop import dispatch
from uxaudit.demo.web import Request


def test_a_list_is_created_shown_refused_twice_and_deleted() -> None:
    lists = ListStore()

    def post(path: str, name: str) -> tuple[int, str]:
        reply = dispatch(Request("POST", path, form={"name": name}, lists=lists))
        return reply.status, dict(reply.headers).get("Location", "") or reply.body.decode()

    assert post("/lists", "  Summer   hike ") == (303, "/lists?created=Summer%20hike")
    page = dispatch(Request("GET", "/lists", query={"created": "Summer hike"}, lists=lists)).body.decode()
    assert "List “Summer hike” created." in page and 'aria-label="Delete Summer hike"' in page
    status, again = post("/lists", "summer HIKE")
    assert status == 200 and 'role="alert"' in again and "That name is taken" in again
    assert 'aria-invalid="true"' in again and 'value="summer HIKE"' in again
    assert post("/lists/delete", "Summer hike") == (303, "/lists?deleted=Summer%20hike")
    assert lists.names() == []
    status, missing = post("/lists/delete", "Summer hike")
    assert status == 200 and "There is no list called “Summer hike”." in missing
    assert "Please give your list a name." in post("/lists", " ")[1]


def test_each_server_keeps_its_own_lists() -> None:
    first, second = ListStore(), ListStore()
    assert first.create("Trip") is None and second.create("Trip") is None
    assert first.create("trip") == "That name is taken. Choose another name for your list."
