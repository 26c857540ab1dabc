"""The UX defects seeded in the demo shop: what each one does to a visitor and which audit finds it.

Every defect is on by default; a clean shop switches them all off, and single ids can be switched off.
DEFECTS are seeded in both builds of the shop; SPA_DEFECTS only in the single-page app (`--spa`).
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass


@dataclass(frozen=True)
class Defect:
    """One seeded defect: its id, what the visitor suffers, the audit that finds it, and where."""

    id: str
    description: str
    audit: str
    where: str
    clue: str = ""  # words its finding's title holds, where two defects share an audit and a page


DEFECTS: tuple[Defect, ...] = (
    Defect(
        "slow-product-page",
        "Product pages wait about 3.5 seconds for their main picture, so they finish loading late.",
        "load-time",
        "/products/<slug>",
    ),
    Defect(
        "unrelated-video",
        "The video on a product page is 'Office summer party 2024 bloopers', not about the product.",
        "media-relevance",
        "/products/<slug>",
    ),
    Defect(
        "get-started-bounces-home",
        "The 'Get started' button goes through three redirects and lands back on the home page.",
        "misdirect",
        "/get-started",
    ),
    Defect(
        "account-redirect-loop",
        "'My account' bounces between /account and /login forever, so the browser gives up.",
        "redirect-loop",
        "/account",
    ),
    Defect(
        "broken-terms-link",
        "The 'Terms' link in the footer leads to a page that does not exist (404).",
        "http-error",
        "/legal/terms",
    ),
    Defect(
        "home-script-error",
        "The home page runs an analytics script that crashes with a TypeError.",
        "console-error",
        "/",
    ),
    Defect(
        "slow-support-chat",
        "The support chat takes about 6 seconds to answer a question.",
        "slow-interaction",
        "/support",
    ),
    Defect(
        "emailed-link-redirects",
        "The order portal link in the email goes through three tracking redirects before the portal.",
        "redirect-chain",
        "/email/click",
    ),
    Defect(
        "dead-size-guide",
        "The 'Size guide' button on product pages does nothing when clicked.",
        "dead-click",
        "/products/<slug>",
        "Size guide",
    ),
    Defect(
        "hero-image-no-alt",
        "The main product picture has no text alternative, so screen reader users miss it.",
        "accessibility",
        "/products/<slug>",
    ),
    Defect(
        "moved-care-guide",
        "The footer's 'Care guide' link on every page points to an old address that is gone (404). "
        "No journey clicks it: only the link checker notices.",
        "broken-link",
        "/guides/care-2019.pdf",
    ),
    Defect(
        "product-pages-noindex",
        "Product pages still carry the 'noindex' tag from the staging site, so search engines leave "
        "them out and shoppers searching the web never find them.",
        "lighthouse",
        "/products/<slug>",
    ),
    Defect(
        "missing-badge-image",
        "The 'Secure checkout' badge on the cart page points to a picture that is missing (404).",
        "failed-request",
        "/cart",
    ),
    Defect(
        "late-promo-banner",
        "A big sale banner pops in at the top of the support page while the visitor waits for an "
        "answer, pushing the whole page down.",
        "layout-shift",
        "/support",
    ),
    Defect(
        "jargon-returns-policy",
        "The returns policy is written in long, legalistic sentences that are hard to follow.",
        "readability",
        "/returns",
    ),
    Defect(
        "gift-cards-soft-404",
        "The 'Gift cards' page says 'Page not found' but answers 200 OK, hiding the error.",
        "soft-404",
        "/gift-cards",
    ),
)


# Only in the single-page app: the classic shop has no client-side code where these could live.
SPA_DEFECTS: tuple[Defect, ...] = (
    Defect(
        "spa-frozen-login",
        "Single-page app only: after 'Log in' is clicked on /log-in, the page freezes for about 5 seconds "
        "(the password is hashed on the main thread) before the orders page shows.",
        "main-thread-freeze",
        "/orders",
    ),
    Defect(
        "spa-swapped-field",
        "Single-page app only: on the delivery address form, what is typed into 'Surname' jumps into "
        "'Given name', and 'Surname' stays empty.",
        "field-not-kept",
        "/address",
    ),
    Defect(
        "spa-wrong-product-link",
        "Single-page app only: the 'Hiking Backpack 30L' card in the product lists opens the Merino "
        "Wool Socks page instead.",
        "wrong-item",
        "/products/<slug>",
    ),
    Defect(
        "spa-inert-button",
        "Single-page app only: the 'Add to wishlist' button on product pages does nothing a visitor "
        "can see (it sets an attribute to the value it already has).",
        "dead-click",
        "/products/<slug>",
        "Add to wishlist",
    ),
    Defect(
        "spa-alert-only-error",
        "Single-page app only: the newsletter sign-up rejects a valid email address and says so only "
        "in an error banner, so nobody can subscribe.",
        "task-success",
        "/newsletter",
    ),
    Defect(
        "spa-not-found-route",
        "Single-page app only: the 'Blog' link in the header shows 'Page not found' inside the app, "
        "while the server answered 200 OK.",
        "soft-404",
        "/blog",
    ),
)


def defects_for(spa: bool) -> tuple[Defect, ...]:
    """The defects seeded in one build of the shop: the classic shop's, or the single-page app's."""
    return DEFECTS + SPA_DEFECTS if spa else DEFECTS


def defect_ids(spa: bool = False) -> frozenset[str]:
    """The ids of every defect seeded in one build of the shop."""
    return frozenset(defect.id for defect in defects_for(spa))


def active_defect_ids(clean: bool, disabled: frozenset[str], spa: bool = False) -> frozenset[str]:
    """The build's defects left on after `clean` and `disabled`; an id that no build knows raises ValueError
    (an SPA defect disabled in the classic shop is no mistake: it is off there anyway)."""
    known = defect_ids(spa=True)
    unknown = sorted(disabled - known)
    if unknown:
        raise ValueError(_unknown_message(unknown[0], known))
    return frozenset() if clean else defect_ids(spa) - disabled


def _unknown_message(wrong: str, known: frozenset[str]) -> str:
    close = difflib.get_close_matches(wrong, sorted(known), n=1)
    hint = f" Did you mean '{close[0]}'?" if close else ""
    return f"Unknown demo defect id '{wrong}'.{hint} Valid ids: {', '.join(sorted(known))}"
