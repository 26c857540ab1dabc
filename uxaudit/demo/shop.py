"""The demo shop's routes: pure functions from a Request to a Response, looked up in one ROUTES table.

Whether a seeded defect is on comes with each Request (from its server), never from module state.
"""

from __future__ import annotations

import json
import re
import secrets
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from jinja2 import Environment, FileSystemLoader

from uxaudit.demo.catalog import (
    PRODUCTS,
    PRODUCTS_BY_SLUG,
    add_to_cart,
    cart_cookie,
    cart_total,
    find_product,
    format_price,
    parse_cart,
    search,
)

STATIC = Path(__file__).parent / "static"
_TEMPLATES = Environment(loader=FileSystemLoader(Path(__file__).parent / "templates"), autoescape=True)
_TEMPLATES.globals["format_price"] = format_price

SLOW_HERO_S = 3.5
SLOW_CHAT_S = 6.0
QUICK_CHAT_S = 0.3
PORTAL_TOKEN = "7f3a9c2e"
CHAT_ANSWER = "Thanks! We've emailed you a link to your order portal. Check your inbox."
_PARTY_CAPTIONS = ("Office summer party 2024 bloopers", "Dave from accounts tries the karaoke machine.",
                   "The cake slides off the table.", "Everyone sings happy birthday to the wrong person.")
_CACHE_A_WHILE = ("Cache-Control", "public, max-age=600")
_NO_STORE = ("Cache-Control", "no-store")


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


def _cookie(name: str, value: str, max_age: int | None = None) -> str:
    expiry = f"; Max-Age={max_age}" if max_age is not None else ""
    return f"{name}={value}; Path=/; SameSite=Lax; HttpOnly{expiry}"


def _svg(name: str, delay_s: float = 0.0) -> Response:
    return Response(200, (STATIC / name).read_bytes(), "image/svg+xml", (_CACHE_A_WHILE,), delay_s)


def _local_path(target: str, default: str) -> str:
    # Only same-site paths, so the tracking hops cannot be used as an open redirect.
    return target if target.startswith("/") and not target.startswith("//") else default


# --- the shop ---------------------------------------------------------------------------------------

def search_page(req: Request) -> Response:
    """Search results for ?q=."""
    query = req.query.get("q", "").strip()
    return render(req, "search.html", query=query, results=search(query))


def product_page(req: Request) -> Response:
    """One product, with its picture, size choice, Add to cart and a video."""
    product = PRODUCTS_BY_SLUG[req.args["slug"]]
    party = req.on("unrelated-video")
    return render(req, "product.html", product=product, added="added" in req.query,
                  video_title=_PARTY_CAPTIONS[0] if party else product.video_title,
                  video_src="/media/video/office-party-bloopers-2024.mp4" if party
                  else f"/media/video/{product.slug}.mp4")


def hero_image(req: Request) -> Response:
    """A product's main picture, late when the page is seeded to load slowly."""
    return _svg(f"{req.args['slug']}.svg", SLOW_HERO_S if req.on("slow-product-page") else 0.0)


def video_poster(req: Request) -> Response:
    """The still shown on a product video before it plays."""
    return _svg("office-party.svg" if req.on("unrelated-video") else f"{req.args['slug']}.svg")


def video_file(req: Request) -> Response:
    """A stand-in video: the pages use preload="none", so a browser never fetches it unless played."""
    return Response(200, b"", "video/mp4", (_CACHE_A_WHILE,))


def captions(req: Request) -> Response:
    """The WebVTT captions of a product video."""
    product = PRODUCTS_BY_SLUG[req.args["slug"]]
    lines = _PARTY_CAPTIONS if req.on("unrelated-video") else (product.video_title, *product.video_captions)
    cues = [f"00:00:{i * 4:02d}.000 --> 00:00:{i * 4 + 4:02d}.000\n{text}" for i, text in enumerate(lines)]
    return Response(200, ("WEBVTT\n\n" + "\n\n".join(cues) + "\n").encode(), "text/vtt; charset=utf-8")


def cart_page(req: Request) -> Response:
    """The cart, read from the `cart` cookie."""
    lines = parse_cart(req.cookies.get("cart", ""))
    badge = "/static/img/secure-checkout-badge.png" if req.on("missing-badge-image") \
        else "/static/secure-checkout.svg"
    return render(req, "cart.html", lines=lines, total=format_price(cart_total(lines)), badge=badge)


def cart_add(req: Request) -> Response:
    """Add one item to the cart cookie, then back to the product page with a notice."""
    product = find_product(req.form.get("slug", ""))
    if product is None:
        return not_found(req)
    size = req.form.get("size", "")
    lines = add_to_cart(parse_cart(req.cookies.get("cart", "")), product,
                        size if size in product.sizes else product.sizes[0])
    return redirect(f"/products/{product.slug}?added=1", 303, _cookie("cart", cart_cookie(lines)))


def checkout_page(req: Request, error: str = "") -> Response:
    """The checkout form beside an order summary."""
    lines = parse_cart(req.cookies.get("cart", ""))
    return render(req, "checkout.html", lines=lines, total=format_price(cart_total(lines)),
                  form=req.form, error=error)


def place_order(req: Request) -> Response:
    """Take the order, or show the checkout form again with what is missing."""
    if not parse_cart(req.cookies.get("cart", "")):
        return checkout_page(req, "Your cart is empty.")
    if not req.form.get("name", "").strip():
        return checkout_page(req, "Please enter your name.")
    order = f"TH-{10000 + secrets.randbelow(90000)}"
    return redirect(f"/order/confirmed?order={order}", 303, _cookie("cart", "", max_age=0))


def order_confirmed(req: Request) -> Response:
    """Thank you for your order (from the checkout or the portal)."""
    return render(req, "confirmed.html", order=req.query.get("order", ""))


def chat_api(req: Request) -> Response:
    """The chat's answer as JSON: every question gets the order portal email."""
    question = req.form.get("question", "").strip()
    answer = {"answer": CHAT_ANSWER, "link": {"href": "/inbox", "text": "Open inbox"}} if question \
        else {"answer": "Please type a question first.", "link": None}
    delay = SLOW_CHAT_S if req.on("slow-support-chat") else QUICK_CHAT_S
    return Response(200, json.dumps(answer).encode(), "application/json", (_NO_STORE,), delay)


def inbox(req: Request) -> Response:
    """A pretend mailbox holding the email with the order portal link."""
    href = f"/email/click?id=portal-link&to=/r/{PORTAL_TOKEN}" if req.on("emailed-link-redirects") \
        else f"/portal/login?token={PORTAL_TOKEN}"
    return render(req, "inbox.html", portal_href=href)


def email_click(req: Request) -> Response:
    """The mail service's click tracker: the first hop of the emailed link."""
    return redirect(_local_path(req.query.get("to", ""), "/"))


def tracking_hop(req: Request) -> Response:
    """The marketing tracker: the second hop of the emailed link."""
    return redirect(f"/portal/login?token={req.args['code']}")


def portal_login(req: Request) -> Response:
    """Sign in to the order portal with the emailed token."""
    token = req.query.get("token", "")
    return redirect("/portal", cookie=_cookie("portal", token) if token.isalnum() else "")


def portal_page(req: Request, error: str = "") -> Response:
    """The order portal, or a sign-in prompt without the portal cookie."""
    return render(req, "portal.html", signed_in=bool(req.cookies.get("portal")), products=PRODUCTS,
                  error=error)


def portal_order(req: Request) -> Response:
    """Take an order placed in the portal."""
    if not req.cookies.get("portal"):
        return redirect("/portal", 303)
    counts = [req.form.get(f"qty-{product.slug}", "0").strip() for product in PRODUCTS]
    if not any(count.isdigit() and int(count) > 0 for count in counts):
        return portal_page(req, "Choose a quantity of at least 1 for one item.")
    return redirect(f"/portal/confirmed?order=TP-{10000 + secrets.randbelow(90000)}", 303)


def get_started(req: Request) -> Response:
    """The onboarding page, or the first of three hops back home."""
    return redirect("/start") if req.on("get-started-bounces-home") else render(req, "get_started.html")


def account(req: Request) -> Response:
    """The visitor's account, or one half of a redirect loop."""
    if req.on("account-redirect-loop"):
        return redirect("/login?next=/account")
    return render(req, "account.html", welcome="welcome" in req.query)


def login(req: Request) -> Response:
    """A sign-in page, or the other half of the account redirect loop."""
    if req.on("account-redirect-loop"):
        return redirect(_local_path(req.query.get("next", ""), "/account"))
    return render(req, "login.html")


def gift_cards(req: Request) -> Response:
    """Gift cards, or a 'Page not found' page that still answers 200."""
    return render(req, "not_found.html") if req.on("gift-cards-soft-404") else render(req, "gift_cards.html")


def static_file(req: Request) -> Response:
    """A file from static/."""
    path = STATIC / req.args["name"]
    if not path.is_file():
        return not_found(req)
    kind = "text/css; charset=utf-8" if path.suffix == ".css" else "image/svg+xml"
    return Response(200, path.read_bytes(), kind, (_CACHE_A_WHILE,))


def not_found(req: Request) -> Response:
    """The 404 page."""
    return render(req, "not_found.html", status=404)


def _page(template: str, **context: object) -> View:
    return lambda req: render(req, template, 200, **context)


def _go(location: str, status: int = 302) -> View:
    return lambda req: redirect(location, status)


# --- the lab: pages with knobs for uxaudit's own end-to-end tests (same in both modes) ---------------

def lab_status(req: Request) -> Response:
    """A page answered with the status in the path."""
    code = int(req.args["code"])
    if code in (204, 304):
        return Response(code, b"", headers=(_NO_STORE,))
    return _lab(req, f"Status {code}", [f"This page answered HTTP {code}."], status=code)


def lab_delay(req: Request) -> Response:
    """A page answered after the milliseconds in the path (at most a minute)."""
    ms = min(int(req.args["ms"]), 60_000)
    return replace(_lab(req, "Delayed page", [f"This page was answered after {ms} ms."]), delay_s=ms / 1000)


def lab_slow_load(req: Request) -> Response:
    """A page answered at once whose picture comes after the milliseconds in the path."""
    ms = min(int(req.args["ms"]), 60_000)
    return _lab(req, "Slow picture", [f"The page came at once; its picture takes {ms} ms."],
                image=f"/lab/slow-image/{ms}.svg")


def lab_slow_image(req: Request) -> Response:
    """The picture of /lab/slow-load, never cached so every visit waits."""
    delay = min(int(req.args["ms"]), 60_000) / 1000
    return Response(200, (STATIC / "favicon.svg").read_bytes(), "image/svg+xml", (_NO_STORE,), delay)


def lab_redirect(req: Request) -> Response:
    """n hops of 302, then a page that says Arrived."""
    hops = min(int(req.args["n"]), 50)
    return redirect(f"/lab/redirect/{hops - 1}") if hops else _lab(req, "Arrived", ["No more redirects."])


def lab_console_error(req: Request) -> Response:
    """A page that calls console.error and then throws an uncaught exception."""
    return _lab(req, "Console error", ["This page logs an error, then throws one."], console_error=True)


def lab_thanks(req: Request) -> Response:
    """What the lab form sent (passwords are never echoed)."""
    sent = [f"{key.capitalize()}: {req.form[key]}" for key in ("email", "colour", "city") if key in req.form]
    if "colour" in req.form:
        sent.append(f"Subscribe: {'yes' if req.form.get('subscribe') else 'no'}")
    return _lab(req, "Thanks", sent or ["Nothing was sent."])


def _lab(req: Request, heading: str, lines: list[str], status: int = 200, **extra: object) -> Response:
    page = render(req, "lab_page.html", status, heading=heading, lines=lines, **extra)
    return replace(page, headers=(_NO_STORE,))


def _lab_page(template: str) -> View:
    return lambda req: replace(render(req, template), headers=(_NO_STORE,))


# Only known products match, so any other slug falls through to the 404 page.
_SLUG = "(?P<slug>" + "|".join(re.escape(slug) for slug in PRODUCTS_BY_SLUG) + ")"
ROUTES: tuple[tuple[str, str, View], ...] = (
    ("GET", r"/", _page("home.html", products=PRODUCTS)),
    ("GET", r"/shop", _page("shop.html", products=PRODUCTS)),
    ("GET", r"/search", search_page),
    ("GET", r"/products/" + _SLUG, product_page),
    ("GET", r"/media/hero/" + _SLUG + r"\.svg", hero_image),
    ("GET", r"/media/poster/" + _SLUG + r"\.svg", video_poster),
    ("GET", r"/media/video/[a-z0-9-]+\.mp4", video_file),
    ("GET", r"/media/captions/" + _SLUG + r"\.vtt", captions),
    ("GET", r"/cart", cart_page),
    ("POST", r"/cart/add", cart_add),
    ("GET", r"/checkout", checkout_page),
    ("POST", r"/order", place_order),
    ("GET", r"/order/confirmed", order_confirmed),
    ("GET", r"/support", _page("support.html")),
    ("POST", r"/api/chat", chat_api),
    ("GET", r"/inbox", inbox),
    ("GET", r"/email/click", email_click),
    ("GET", r"/r/(?P<code>[a-z0-9]+)", tracking_hop),
    ("GET", r"/portal/login", portal_login),
    ("GET", r"/portal", portal_page),
    ("POST", r"/portal/order", portal_order),
    ("GET", r"/portal/confirmed", order_confirmed),
    ("GET", r"/get-started", get_started),
    ("POST", r"/get-started", _go("/account?welcome=1", 303)),
    ("GET", r"/start", _go("/welcome")),
    ("GET", r"/welcome", _go("/", 301)),
    ("GET", r"/account", account),
    ("GET", r"/login", login),
    ("POST", r"/login", _go("/account", 303)),
    ("GET", r"/terms", _page("terms.html")),
    ("GET", r"/returns", _page("returns.html")),
    ("GET", r"/contact", _page("contact.html")),
    ("GET", r"/gift-cards", gift_cards),
    ("GET", r"/favicon\.ico", lambda req: _svg("favicon.svg")),
    ("GET", r"/static/(?P<name>[a-z0-9-]+\.(?:css|svg))", static_file),
    ("GET", r"/lab/status/(?P<code>[2-5][0-9][0-9])", lab_status),
    ("GET", r"/lab/delay/(?P<ms>[0-9]{1,6})", lab_delay),
    ("GET", r"/lab/slow-load/(?P<ms>[0-9]{1,6})", lab_slow_load),
    ("GET", r"/lab/slow-image/(?P<ms>[0-9]{1,6})\.svg", lab_slow_image),
    ("GET", r"/lab/redirect/(?P<n>[0-9]{1,3})", lab_redirect),
    ("GET", r"/lab/loop", _go("/lab/loop")),
    ("GET", r"/lab/console-error", lab_console_error),
    ("GET", r"/lab/blank", _lab_page("lab_blank.html")),
    ("GET", r"/lab/form", _lab_page("lab_form.html")),
    ("GET", r"/lab/password", _lab_page("lab_password.html")),
    ("GET", r"/lab/thanks", lab_thanks),
    ("POST", r"/lab/thanks", lab_thanks),
)
_COMPILED = tuple((method, re.compile(pattern), view) for method, pattern, view in ROUTES)


def dispatch(req: Request) -> Response:
    """The response of the first route matching the method (HEAD as GET) and path; else 405 or 404."""
    method = "GET" if req.method == "HEAD" else req.method
    allowed: list[str] = []
    for route_method, pattern, view in _COMPILED:
        match = pattern.fullmatch(req.path)
        if match and route_method == method:
            return view(replace(req, args=match.groupdict()))
        if match:
            allowed.append(route_method)
    if allowed:
        return Response(405, b"Method not allowed\n", "text/plain; charset=utf-8",
                        (("Allow", ", ".join(allowed)),))
    return not_found(req)
