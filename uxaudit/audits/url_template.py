"""The page template of an address: `/users/5/change/` and `/users/9/change/` are one page,
`/users/{id}/change/`. Findings are grouped, and their stable ids made, by it (base.Finding.id), so
an app that creates records in every run does not find the same problem "new" every run.

Ids are numbers, UUIDs, hashes, dates and long random tokens in the path; the query and the
fragment are dropped, except a hash route (`/#/users/5` is `/#/users/{id}`). Words stay: a slug
such as `trail-running-shoes-2` is a name, not an id. Nothing else changes (case, port, trailing
slash), so an address without ids gives the same page as before templates existed.
"""

from __future__ import annotations

import re

ID = "{id}"
_UUID = r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
_DATE = r"\d{4}-\d{2}-\d{2}(?:T\d{2}(?::\d{2}){0,2}(?:\.\d+)?Z?)?"
_MULTI_PART_ID = re.compile(rf"(?<![0-9A-Za-z])(?:{_UUID}|{_DATE})(?![0-9A-Za-z])")
_SEPARATOR = re.compile(r"([-_.~,;=+@])")  # kept by split (odd indexes): the words between them are judged
_EXTENSION = re.compile(r"\.[A-Za-z][A-Za-z0-9]{0,5}$")  # .png, .html: not part of the name
_HEX = re.compile(r"[0-9a-fA-F]{8,}")
_DIGIT_RUNS = re.compile(r"\d+")
MIN_NUMBER_IN_WORDS = 5  # order-12345 is an order's id; rtx-4090 and best-of-2024 are names
MIN_TOKEN = 16  # a random token (ULID, base62 id) is long; a word with a digit or two is a name


def is_hash_route(fragment: str) -> bool:
    """`#/products/5` and `#!/cart` are routes of a hash-routed app; `#reviews` and the empty `#!`
    of a link that goes nowhere are anchors on the page. The one rule for every stage."""
    return fragment.startswith(("/", "!/"))


def page_template(url: str) -> str:
    """The page an address shows, with its ids as `{id}`, without query or fragment (a hash route
    is kept, as a path)."""
    address, _, fragment = url.partition("#")
    page = _address_template(address.partition("?")[0])
    if not is_hash_route(fragment):  # an anchor (#reviews) is the same page; a route (#/cart, #!/cart) is not
        return page
    bang = "!" if fragment.startswith("!") else ""
    return f"{page}#{bang}{path_template(fragment[len(bang):].partition('?')[0])}"


def path_template(path: str) -> str:
    """A path with each id in it as `{id}`."""
    return "/".join(_segment(segment) for segment in path.split("/"))


def _address_template(address: str) -> str:
    """The origin as it is, the path templated; an address without a path (about:blank) as it is."""
    scheme, sep, rest = address.partition("://")
    if sep:
        authority, slash, path = rest.partition("/")
        return f"{scheme}://{authority}" + (slash + path_template(path) if slash else "")
    return path_template(address) if address.startswith("/") else address


def _segment(segment: str) -> str:
    """One path segment: an id as a whole (`5`, a UUID, `5d41….png`), or words with ids among them
    (`order-12345`, `42-hello-world`, `app.3f9a8b7c.js`); beside an id, every number is part of it
    (`ORD-20240501-0042`)."""
    extension = _EXTENSION.search(segment)
    stem, suffix = (segment[:extension.start()], extension.group()) if extension else (segment, "")
    if not stem:
        return segment
    if stem.isdigit() or _MULTI_PART_ID.fullmatch(stem) or _is_token_id(stem):
        return ID + suffix
    parts = _SEPARATOR.split(_MULTI_PART_ID.sub(ID, stem))
    ids = {index for index in range(0, len(parts), 2) if _is_id_among_words(parts, index)}
    if ids or ID in parts:
        ids |= {index for index in range(0, len(parts), 2) if parts[index].isdigit()}
    return "".join(ID if index in ids else part for index, part in enumerate(parts)) + suffix


def _is_id_among_words(parts: list[str], index: int) -> bool:
    """A word of a segment that is an id: a long number, a number opening `42-hello-world` (Rails'
    id-slug), or a hash or token."""
    word = parts[index]
    if word.isdigit():
        opens_slug = index == 0 and len(parts) > 2 and parts[1] == "-"
        return len(word) >= MIN_NUMBER_IN_WORDS or opens_slug
    return _is_token_id(word)


def _is_token_id(word: str) -> bool:
    """A hash (8+ hex digits, some of them numbers: `5d41402a…`, `3f9a8b7c`) or a long random token
    of letters and numbers (`01ARZ3NDEKTSV4RRFFQ69G5FAV`)."""
    if _HEX.fullmatch(word) and any(c.isdigit() for c in word):
        return True
    return (len(word) >= MIN_TOKEN and word.isascii() and word.isalnum() and any(c.isalpha() for c in word)
            and len(_DIGIT_RUNS.findall(word)) >= 2)
