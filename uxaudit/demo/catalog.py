"""The demo shop's products, its word search, and the cart kept in a cookie (the server holds no state)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote, unquote


@dataclass(frozen=True)
class Product:
    """One product: what its page shows and the words that find it."""

    slug: str
    name: str
    price_cents: int
    summary: str
    description: str
    sizes: tuple[str, ...]
    tags: tuple[str, ...]
    video_title: str
    video_captions: tuple[str, ...]

    @property
    def price(self) -> str:
        """The price as shown to a visitor."""
        return format_price(self.price_cents)


@dataclass(frozen=True)
class CartLine:
    """One line of the cart: a product in one size, and how many."""

    product: Product
    size: str
    quantity: int

    @property
    def total_cents(self) -> int:
        """The line's price."""
        return self.product.price_cents * self.quantity


PRODUCTS: tuple[Product, ...] = (
    Product(
        "trail-running-shoes", "Trail Running Shoes", 12900,
        "Light, grippy shoes for muddy and rocky trails.",
        "A sticky rubber sole grips wet rock. A rock plate guards your feet on sharp stones. "
        "The mesh dries fast after a stream crossing.",
        ("UK 7", "UK 8", "UK 9", "UK 10", "UK 11"),
        ("trail", "running", "shoes", "shoe", "trainers", "footwear"),
        "How to lace Trail Running Shoes for steep descents",
        ("Lace the shoe up to the last eyelet.", "Make a heel lock so your foot stays back.",
         "Now your toes stay clear of the front on steep descents."),
    ),
    Product(
        "hiking-backpack-30l", "Hiking Backpack 30L", 8900,
        "A 30 litre day pack with a rain cover and a padded hip belt.",
        "It holds a full day of kit. The back panel lets air through. "
        "A rain cover hides in the base pocket.",
        ("One size",),
        ("hiking", "backpack", "pack", "bag", "rucksack", "day"),
        "Packing the Hiking Backpack 30L for a day hike",
        ("Put heavy things close to your back.", "Keep snacks and a map in the lid.",
         "Pull the rain cover out of the base pocket when it rains."),
    ),
    Product(
        "merino-wool-socks", "Merino Wool Socks", 1800,
        "Soft merino socks that stay warm when wet.",
        "Merino wool keeps your feet warm and dry. The heel and toe are padded. "
        "They do not smell after a long day.",
        ("S (UK 3-5)", "M (UK 6-8)", "L (UK 9-11)"),
        ("merino", "wool", "socks", "sock", "hiking"),
        "Merino Wool Socks: washing and care",
        ("Wash the socks inside out at 30 degrees.", "Let them dry flat, away from a radiator."),
    ),
    Product(
        "rain-jacket", "Rain Jacket", 15900,
        "A waterproof, breathable jacket that packs into its own pocket.",
        "Taped seams keep the rain out. Vents under the arms let heat escape. "
        "The hood fits over a helmet.",
        ("S", "M", "L", "XL"),
        ("rain", "jacket", "coat", "waterproof", "shell"),
        "Rain Jacket: sealing the hood in a storm",
        ("Pull the back strap to fit the hood to your head.", "Tighten the side cords so rain stays out."),
    ),
)


PRODUCTS_BY_SLUG: dict[str, Product] = {product.slug: product for product in PRODUCTS}


def format_price(cents: int) -> str:
    """Cents as dollars, e.g. 12900 -> '$129.00'."""
    return f"${cents // 100:,}.{cents % 100:02d}"


def find_product(slug: str) -> Product | None:
    """The product with this slug, or None."""
    return PRODUCTS_BY_SLUG.get(slug)


def search(query: str) -> list[Product]:
    """Products matching every word of the query in their name or tags ("trail shoes" finds the shoes)."""
    words = _words(query)
    if not words:
        return []
    return [product for product in PRODUCTS if all(_matches(word, _terms(product)) for word in words)]


def _words(text: str) -> list[str]:
    # Plural and singular should find the same things, so a trailing "s" is dropped from longer words.
    return [word[:-1] if len(word) > 3 and word.endswith("s") else word
            for word in re.findall(r"[a-z0-9]+", text.lower())]


def _terms(product: Product) -> set[str]:
    return set(_words(product.name + " " + " ".join(product.tags)))


def _matches(word: str, terms: set[str]) -> bool:
    # A prefix match lets a visitor type "back" or "merin" while they are still thinking.
    return any(term.startswith(word) for term in terms)


def parse_cart(cookie: str) -> list[CartLine]:
    """The cart lines held in the `cart` cookie; anything unreadable is skipped, never an error."""
    lines: list[CartLine] = []
    for item in unquote(cookie).split(";"):
        slug, _, rest = item.partition("|")
        size, _, count = rest.rpartition("|")
        product = find_product(slug)
        if product and size in product.sizes and count.isdigit() and int(count) > 0:
            lines.append(CartLine(product, size, min(int(count), 99)))
    return lines


def cart_cookie(lines: list[CartLine]) -> str:
    """The `cart` cookie value for these lines (percent-encoded so any size name is cookie-safe)."""
    return quote(";".join(f"{line.product.slug}|{line.size}|{line.quantity}" for line in lines), safe="")


def add_to_cart(lines: list[CartLine], product: Product, size: str) -> list[CartLine]:
    """The cart with one more of this product in this size."""
    for index, line in enumerate(lines):
        if line.product == product and line.size == size:
            return [*lines[:index], CartLine(product, size, line.quantity + 1), *lines[index + 1:]]
    return [*lines, CartLine(product, size, 1)]


def cart_total(lines: list[CartLine]) -> int:
    """The cart's total in cents."""
    return sum(line.total_cents for line in lines)
