"""The single-page app's JSON API: the same catalogue, cart cookie and seeded choices as the classic shop.

Every answer is JSON; a rejected form answers 422 with {"error": "...", "field": "..."} in the visitor's words.
"""

from __future__ import annotations

from collections.abc import Callable

from uxaudit.demo.catalog import (
    PRODUCTS,
    CartLine,
    Product,
    add_to_cart,
    cart_cookie,
    cart_total,
    find_product,
    format_price,
    parse_cart,
    search,
)
from uxaudit.demo.shop import EMPTY_CART, badge_src, gift_cards_template, order_number, product_video
from uxaudit.demo.web import Request, Response, Route, cookie, json_reply, render_blocks

# The content pages the app shows as they are written in the classic shop's templates.
PAGES: dict[str, Callable[[Request], str]] = {
    "terms": lambda req: "terms.html",
    "returns": lambda req: "returns.html",
    "contact": lambda req: "contact.html",
    "care": lambda req: "care.html",
    "gift-cards": gift_cards_template,
    "blog": lambda req: "blog.html",
}
ADDRESS_FIELDS = (("given", "given name"), ("surname", "surname"), ("street", "street address"))


def product_json(product: Product) -> dict[str, object]:
    """What a product card shows."""
    return {"slug": product.slug, "name": product.name, "price": product.price, "summary": product.summary}


def products_api(req: Request) -> Response:
    """Every product, in catalogue order."""
    return json_reply({"products": [product_json(product) for product in PRODUCTS]})


def product_api(req: Request) -> Response:
    """One product with everything its page shows; 404 for an unknown slug."""
    product = find_product(req.args["slug"])
    if product is None:
        return json_reply({"error": "There is no such product."}, 404)
    title, src = product_video(req, product)
    video = {"title": title, "src": src, "poster": f"/media/poster/{product.slug}.svg",
             "captions": f"/media/captions/{product.slug}.vtt"}
    return json_reply({**product_json(product), "description": product.description, "sizes": product.sizes,
                       "video": video})


def search_api(req: Request) -> Response:
    """The products matching ?q=."""
    query = req.query.get("q", "").strip()
    return json_reply({"query": query, "products": [product_json(product) for product in search(query)]})


def cart_api(req: Request) -> Response:
    """The cart held in the `cart` cookie."""
    return _cart_reply(req, parse_cart(req.cookies.get("cart", "")))


def cart_add_api(req: Request) -> Response:
    """Add one {slug, size} to the cart; the cart as it is now."""
    product = find_product(req.form.get("slug", ""))
    if product is None:
        return json_reply({"error": "There is no such product.", "field": "slug"}, 404)
    size = req.form.get("size", "")
    lines = add_to_cart(parse_cart(req.cookies.get("cart", "")), product,
                        size if size in product.sizes else product.sizes[0])
    return _cart_reply(req, lines, cookie("cart", cart_cookie(lines)))


def _cart_reply(req: Request, lines: list[CartLine], set_cookie: str = "") -> Response:
    rows = [{"slug": line.product.slug, "name": line.product.name, "size": line.size, "quantity": line.quantity,
             "total": format_price(line.total_cents)} for line in lines]
    return json_reply({"lines": rows, "total": format_price(cart_total(lines)), "badge": badge_src(req)},
                      cookie=set_cookie)


def order_api(req: Request) -> Response:
    """Place the order in the cart: 201 with where its confirmation is, or 422 with what is missing."""
    if not parse_cart(req.cookies.get("cart", "")):
        return _rejected("Your cart is empty.", "cart")
    if not req.form.get("name", "").strip():
        return _rejected("Please enter your name.", "name")
    order = order_number()
    return json_reply({"order": order, "confirmation": f"/order/confirmed?order={order}"}, 201, EMPTY_CART)


def login_api(req: Request) -> Response:
    """Log in with any email address (a demo has no accounts)."""
    email = req.form.get("email", "").strip()
    return json_reply({"email": email}) if email else _rejected("Please enter your email address.", "email")


def address_api(req: Request) -> Response:
    """Check a delivery address {given, surname, street, town, postcode}; the address in one line."""
    for key, words in ADDRESS_FIELDS:
        if not req.form.get(key, "").strip():
            return _rejected(f"Please enter your {words}.", key)
    name = f"{req.form['given'].strip()} {req.form['surname'].strip()}"
    parts = [name, *(req.form.get(key, "").strip() for key in ("street", "town", "postcode"))]
    return json_reply({"saved": ", ".join(part for part in parts if part)})


def newsletter_api(req: Request) -> Response:
    """Sign {email} up for the newsletter."""
    email = req.form.get("email", "").strip()
    if not email:
        return _rejected("Error: Email address is required.", "email")
    if "@" not in email:
        return _rejected("Please enter an email address such as name@example.com.", "email")
    return json_reply({"subscribed": email})


def page_api(req: Request) -> Response:
    """A content page's title and HTML, as the classic shop writes it; 404 for a page it does not have."""
    template = PAGES.get(req.args["name"])
    if template is None:
        return json_reply({"error": "There is no such page."}, 404)
    blocks = render_blocks(req, template(req))
    return json_reply({"title": blocks["title"], "html": blocks["main"]})


def _rejected(message: str, field: str) -> Response:
    return json_reply({"error": message, "field": field}, 422)


API_ROUTES: tuple[Route, ...] = (
    ("GET", r"/api/products", products_api),
    ("GET", r"/api/products/(?P<slug>[a-z0-9-]+)", product_api),
    ("GET", r"/api/search", search_api),
    ("GET", r"/api/cart", cart_api),
    ("POST", r"/api/cart", cart_add_api),
    ("POST", r"/api/orders", order_api),
    ("POST", r"/api/login", login_api),
    ("POST", r"/api/address", address_api),
    ("POST", r"/api/newsletter", newsletter_api),
    ("GET", r"/api/pages/(?P<name>[a-z0-9-]+)", page_api),
)
