"""The demo shop as a single-page app (`--spa`): one HTML shell for every client route, the JSON API, and
static/spa.js, which draws each screen in the page and moves between them with the History API.

Pages that are a server's business (sign-up redirects, the account, the emailed link, the order portal,
the lab) and every unknown address are answered exactly as the classic shop answers them.
"""

from __future__ import annotations

from uxaudit.demo.shop import ROUTES, SLUG, not_found
from uxaudit.demo.spa_api import API_ROUTES
from uxaudit.demo.web import STATIC, Request, Response, Route, Router, render

# The addresses spa.js has a screen for (its ROUTES table draws them); the server answers each with the shell.
CLIENT_ROUTES = (
    r"/", r"/shop", r"/search", r"/products/" + SLUG, r"/cart", r"/checkout", r"/order/confirmed",
    r"/support", r"/terms", r"/returns", r"/contact", r"/care", r"/gift-cards", r"/blog",
    r"/log-in", r"/orders", r"/address", r"/newsletter", r"/newsletter/thanks",
)
EXTRA_NAV = (("/blog", "Blog"), ("/log-in", "Log in"))
EXTRA_FOOTER = (("/newsletter", "Newsletter"),)


def shell(req: Request) -> Response:
    """The app's one document: header, footer, an empty <main> for spa.js, and the defects it must seed."""
    return render(req, "spa_shell.html", config={"defects": sorted(req.active)},
                  extra_nav=list(EXTRA_NAV), extra_footer=list(EXTRA_FOOTER))


def script(req: Request) -> Response:
    """The app itself."""
    return Response(200, (STATIC / "spa.js").read_bytes(), "text/javascript; charset=utf-8")


SPA_ROUTES: tuple[Route, ...] = (
    *(("GET", pattern, shell) for pattern in CLIENT_ROUTES),
    ("GET", r"/static/spa\.js", script),
    *API_ROUTES,
    *ROUTES,  # the classic routes left over: server pages, media, the chat's API, the lab
)

# The answer to every request of the single-page app.
dispatch_spa = Router(SPA_ROUTES, not_found)
