"""/lists: the visitor names gear lists, sees them, and deletes them. Not a seeded defect: it is
always there, for journeys that create test data (a name taken by an earlier run is refused)."""

from __future__ import annotations

from urllib.parse import quote

from uxaudit.demo.web import Request, Response, Route, redirect, render


def lists_page(req: Request, error: str = "", typed: str = "") -> Response:
    """The visitor's lists, the form to add one, and what the last action did."""
    return render(req, "lists.html", names=req.lists.names(), error=error, typed=typed,
                  created=req.query.get("created", ""), deleted=req.query.get("deleted", ""))


def create_list(req: Request) -> Response:
    """Add the list named in the form, or show the form again with why not."""
    name = req.form.get("name", "")
    problem = req.lists.create(name)
    if problem:
        return lists_page(req, problem, name)
    return redirect(f"/lists?created={quote(' '.join(name.split()))}", 303)


def delete_list(req: Request) -> Response:
    """Remove the list named in the form (the page says so, or that there was none)."""
    name = req.form.get("name", "")
    if not req.lists.delete(name):
        return lists_page(req, f"There is no list called “{name}”.")
    return redirect(f"/lists?deleted={quote(name)}", 303)


LIST_ROUTES: tuple[Route, ...] = (
    ("GET", r"/lists", lists_page),
    ("POST", r"/lists", create_list),
    ("POST", r"/lists/delete", delete_list),
)
