"""The demo shop's web plumbing: Request and Response values, templates, redirects, files."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import Environment, FileSystemLoader

from uxaudit.demo.catalog import format_price

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


def render(req: Request, template: str, status: int = 200, **context: object) -> Response:
    """A page from a template; every template can ask `on(defect_id)`."""
    html = _TEMPLATES.get_template(template).render(on=req.on, path=req.path, **context)
    return Response(status, html.encode())


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

