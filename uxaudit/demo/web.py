"""The demo shop's web plumbing: Request and Response values, templates, JSON, redirects, files, routing."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from jinja2 import Environment, FileSystemLoader

from uxaudit.demo.catalog import format_price
from uxaudit.demo.list_store import ListStore

STATIC = Path(__file__).parent / "static"
_TEMPLATES = Environment(loader=FileSystemLoader(Path(__file__).parent / "templates"), autoescape=True)
_TEMPLATES.globals["format_price"] = format_price
CACHE_A_WHILE = ("Cache-Control", "public, max-age=600")
NO_STORE = ("Cache-Control", "no-store")


@dataclass(frozen=True)
class Request:
    """What a route needs to know about one HTTP request, and which defects its shop has on."""

    method: str
    path: str
    query: Mapping[str, str] = field(default_factory=dict)
    form: Mapping[str, str] = field(default_factory=dict)
    cookies: Mapping[str, str] = field(default_factory=dict)
    active: frozenset[str] = frozenset()
    args: Mapping[str, str] = field(default_factory=dict)
    authorization: str = ""  # the Authorization header (the lab's HTTP authentication page)
    lists: ListStore = field(default_factory=ListStore)  # the server's (/lists): kept between requests

    def on(self, defect_id: str) -> bool:
        """Whether this shop has the defect switched on."""
        return defect_id in self.active


@dataclass(frozen=True)
class Response:
    """What to answer: status, body, headers, and how long to wait first (the seeded slowness)."""

    status: int = 200
    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    headers: tuple[tuple[str, str], ...] = ()
    delay_s: float = 0.0


View = Callable[[Request], Response]
Route = tuple[str, str, View]  # method, path pattern (a regex matched whole), view


def render(req: Request, template: str, status: int = 200, **context: object) -> Response:
    """A page from a template; every template can ask `on(defect_id)`."""
    html = _TEMPLATES.get_template(template).render(on=req.on, path=req.path, **context)
    return Response(status, html.encode())


def render_blocks(req: Request, template: str, **context: object) -> dict[str, str]:
    """A page template's title and main content without the page around them (for the app's content API)."""
    page_template = _TEMPLATES.get_template(template)
    ctx = page_template.new_context({"on": req.on, "path": req.path, **context})
    return {name: "".join(page_template.blocks[name](ctx)).strip() for name in ("title", "main")}


def json_reply(data: object, status: int = 200, cookie: str = "", delay_s: float = 0.0) -> Response:
    """A JSON answer, never cached, optionally setting one cookie."""
    headers = (NO_STORE,) + ((("Set-Cookie", cookie),) if cookie else ())
    return Response(status, json.dumps(data).encode(), "application/json", headers, delay_s)


def redirect(location: str, status: int = 302, cookie: str = "") -> Response:
    """A redirect, optionally setting one cookie on the way."""
    headers = (("Location", location),) + ((("Set-Cookie", cookie),) if cookie else ())
    return Response(status, b"", headers=headers)


def cookie(name: str, value: str, max_age: int | None = None) -> str:
    """A Set-Cookie value for the whole site."""
    expiry = f"; Max-Age={max_age}" if max_age is not None else ""
    return f"{name}={value}; Path=/; SameSite=Lax; HttpOnly{expiry}"


def svg_file(name: str, delay_s: float = 0.0) -> Response:
    """An SVG from static/, cached for a while, optionally answered late."""
    return Response(200, (STATIC / name).read_bytes(), "image/svg+xml", (CACHE_A_WHILE,), delay_s)


def page(template: str, **context: object) -> View:
    """A route that renders a template."""
    return lambda req: render(req, template, 200, **context)


def go(location: str, status: int = 302) -> View:
    """A route that redirects."""
    return lambda req: redirect(location, status)


class Router:
    """A table of routes: the first whose method (HEAD as GET) and whole path match answers."""

    def __init__(self, routes: tuple[Route, ...], missing: View) -> None:
        self._routes = tuple((method, re.compile(pattern), view) for method, pattern, view in routes)
        self._missing = missing

    def __call__(self, req: Request) -> Response:
        """The matching route's response; 405 when only another method matches; else `missing` (404)."""
        method = "GET" if req.method == "HEAD" else req.method
        allowed: list[str] = []
        for route_method, pattern, view in self._routes:
            match = pattern.fullmatch(req.path)
            if match and route_method == method:
                return view(replace(req, args=match.groupdict()))
            if match:
                allowed.append(route_method)
        if allowed:
            return Response(405, b"Method not allowed\n", "text/plain; charset=utf-8",
                            (("Allow", ", ".join(allowed)),))
        return self._missing(req)
