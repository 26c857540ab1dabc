"""The demo shop's routes: pure functions from a Request to a Response, looked up in one ROUTES table.

Whether a seeded defect is on comes with each Request (from its server), never from module state.
"""

from __future__ import annotations

import json
import re
import secrets

from uxaudit.demo.catalog import (
    PRODUCTS,
    PRODUCTS_BY_SLUG,
    Product,
    add_to_cart,
    cart_cookie,
    cart_total,
    find_product,
    format_price,
    parse_cart,
    search,
)
from uxaudit.demo.lab import LAB_ROUTES
from uxaudit.demo.lists import LIST_ROUTES
from uxaudit.demo.web import (
    CACHE_A_WHILE,
    NO_STORE,
    STATIC,
    Request,
    Response,
    Route,
    Router,
    cookie,
    go,
    page,
    redirect,
    render,
    svg_file,
)

SLOW_HERO_S = 3.5
SLOW_CHAT_S = 6.0
QUICK_CHAT_S = 0.3
PORTAL_TOKEN = "7f3a9c2e"
EMPTY_CART = cookie("cart", "", max_age=0)
CHAT_ANSWER = "Thanks! We've emailed you a link to your order portal. Check your inbox."
_PARTY_CAPTIONS = ("Office summer party 2024 bloopers", "Dave from accounts tries the karaoke machine.",
                   "The cake slides off the table.", "Everyone sings happy birthday to the wrong person.")


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
    video_title, video_src = product_video(req, product)
    return render(req, "product.html", product=product, added="added" in req.query,
                  video_title=video_title, video_src=video_src)


def product_video(req: Request, product: Product) -> tuple[str, str]:
    """The title and address of a product's video (the office party's when that defect is on)."""
    if req.on("unrelated-video"):
        return _PARTY_CAPTIONS[0], "/media/video/office-party-bloopers-2024.mp4"
    return product.video_title, f"/media/video/{product.slug}.mp4"


def hero_image(req: Request) -> Response:
    """A product's main picture, late when the page is seeded to load slowly."""
    return svg_file(f"{req.args['slug']}.svg", SLOW_HERO_S if req.on("slow-product-page") else 0.0)


def video_poster(req: Request) -> Response:
    """The still shown on a product video before it plays."""
    return svg_file("office-party.svg" if req.on("unrelated-video") else f"{req.args['slug']}.svg")


def video_file(req: Request) -> Response:
    """A stand-in video: the pages use preload="none", so a browser never fetches it unless played."""
    return Response(200, b"", "video/mp4", (CACHE_A_WHILE,))


def captions(req: Request) -> Response:
    """The WebVTT captions of a product video."""
    product = PRODUCTS_BY_SLUG[req.args["slug"]]
    lines = _PARTY_CAPTIONS if req.on("unrelated-video") else (product.video_title, *product.video_captions)
    cues = [f"00:00:{i * 4:02d}.000 --> 00:00:{i * 4 + 4:02d}.000\n{text}" for i, text in enumerate(lines)]
    return Response(200, ("WEBVTT\n\n" + "\n\n".join(cues) + "\n").encode(), "text/vtt; charset=utf-8")


def cart_page(req: Request) -> Response:
    """The cart, read from the `cart` cookie."""
    lines = parse_cart(req.cookies.get("cart", ""))
    return render(req, "cart.html", lines=lines, total=format_price(cart_total(lines)), badge=badge_src(req))


def badge_src(req: Request) -> str:
    """The cart's "Secure checkout" badge (a missing picture when that defect is on)."""
    return "/static/img/secure-checkout-badge.png" if req.on("missing-badge-image") else "/static/secure-checkout.svg"


def cart_add(req: Request) -> Response:
    """Add one item to the cart cookie, then back to the product page with a notice."""
    product = find_product(req.form.get("slug", ""))
    if product is None:
        return not_found(req)
    size = req.form.get("size", "")
    lines = add_to_cart(parse_cart(req.cookies.get("cart", "")), product,
                        size if size in product.sizes else product.sizes[0])
    return redirect(f"/products/{product.slug}?added=1", 303, cookie("cart", cart_cookie(lines)))


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
    return redirect(f"/order/confirmed?order={order_number()}", 303, EMPTY_CART)


def order_number(prefix: str = "TH") -> str:
    """A new order number, e.g. TH-12345."""
    return f"{prefix}-{10000 + secrets.randbelow(90000)}"


def order_confirmed(req: Request) -> Response:
    """Thank you for your order (from the checkout or the portal)."""
    return render(req, "confirmed.html", order=req.query.get("order", ""))


def chat_api(req: Request) -> Response:
    """The chat's answer as JSON: every question gets the order portal email."""
    question = req.form.get("question", "").strip()
    answer = {"answer": CHAT_ANSWER, "link": {"href": "/inbox", "text": "Open inbox"}} if question \
        else {"answer": "Please type a question first.", "link": None}
    delay = SLOW_CHAT_S if req.on("slow-support-chat") else QUICK_CHAT_S
    return Response(200, json.dumps(answer).encode(), "application/json", (NO_STORE,), delay)


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
    return redirect("/portal", cookie=cookie("portal", token) if token.isalnum() else "")


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
    return redirect(f"/portal/confirmed?order={order_number('TP')}", 303)


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
    return render(req, gift_cards_template(req))


def gift_cards_template(req: Request) -> str:
    """The gift cards page's template ("Page not found" when that defect is on)."""
    return "not_found.html" if req.on("gift-cards-soft-404") else "gift_cards.html"


def static_file(req: Request) -> Response:
    """A file from static/."""
    path = STATIC / req.args["name"]
    if not path.is_file():
        return not_found(req)
    kind = "text/css; charset=utf-8" if path.suffix == ".css" else "image/svg+xml"
    return Response(200, path.read_bytes(), kind, (CACHE_A_WHILE,))


def not_found(req: Request) -> Response:
    """The 404 page."""
    return render(req, "not_found.html", status=404)


# Only known products match, so any other slug falls through to the 404 page.
SLUG = "(?P<slug>" + "|".join(re.escape(slug) for slug in PRODUCTS_BY_SLUG) + ")"
ROUTES: tuple[Route, ...] = (
    ("GET", r"/", page("home.html", products=PRODUCTS)),
    ("GET", r"/shop", page("shop.html", products=PRODUCTS)),
    ("GET", r"/search", search_page),
    ("GET", r"/products/" + SLUG, product_page),
    ("GET", r"/media/hero/" + SLUG + r"\.svg", hero_image),
    ("GET", r"/media/poster/" + SLUG + r"\.svg", video_poster),
    ("GET", r"/media/video/[a-z0-9-]+\.mp4", video_file),
    ("GET", r"/media/captions/" + SLUG + r"\.vtt", captions),
    ("GET", r"/cart", cart_page),
    ("POST", r"/cart/add", cart_add),
    ("GET", r"/checkout", checkout_page),
    ("POST", r"/order", place_order),
    ("GET", r"/order/confirmed", order_confirmed),
    ("GET", r"/support", page("support.html")),
    ("POST", r"/api/chat", chat_api),
    ("GET", r"/inbox", inbox),
    ("GET", r"/email/click", email_click),
    ("GET", r"/r/(?P<code>[a-z0-9]+)", tracking_hop),
    ("GET", r"/portal/login", portal_login),
    ("GET", r"/portal", portal_page),
    ("POST", r"/portal/order", portal_order),
    ("GET", r"/portal/confirmed", order_confirmed),
    ("GET", r"/get-started", get_started),
    ("POST", r"/get-started", go("/account?welcome=1", 303)),
    ("GET", r"/start", go("/welcome")),
    ("GET", r"/welcome", go("/", 301)),
    ("GET", r"/account", account),
    ("GET", r"/login", login),
    ("POST", r"/login", go("/account", 303)),
    ("GET", r"/terms", page("terms.html")),
    ("GET", r"/returns", page("returns.html")),
    ("GET", r"/contact", page("contact.html")),
    ("GET", r"/care", page("care.html")),
    ("GET", r"/gift-cards", gift_cards),
    ("GET", r"/favicon\.ico", lambda req: svg_file("favicon.svg")),
    ("GET", r"/static/(?P<name>[a-z0-9-]+\.(?:css|svg))", static_file),
    *LIST_ROUTES,
    *LAB_ROUTES,
)

# The answer to every request of the classic shop.
dispatch = Router(ROUTES, not_found)
