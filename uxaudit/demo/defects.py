"""The UX defects seeded in the demo shop: what each one does to a visitor and which audit finds it.

Every defect is on by default; a clean shop switches them all off, and single ids can be switched off.
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


def defect_ids() -> frozenset[str]:
    """The ids of every seeded defect."""
    return frozenset(defect.id for defect in DEFECTS)


def active_defect_ids(clean: bool, disabled: frozenset[str]) -> frozenset[str]:
    """The defects left on after `clean` and `disabled`; unknown ids in `disabled` raise ValueError."""
    known = defect_ids()
    unknown = sorted(disabled - known)
    if unknown:
        raise ValueError(_unknown_message(unknown[0], known))
    return frozenset() if clean else known - disabled


def _unknown_message(wrong: str, known: frozenset[str]) -> str:
    close = difflib.get_close_matches(wrong, sorted(known), n=1)
    hint = f" Did you mean '{close[0]}'?" if close else ""
    return f"Unknown demo defect id '{wrong}'.{hint} Valid ids: {', '.join(sorted(known))}"
