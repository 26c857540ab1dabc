"""`-k EXPR` as pytest users know it: words joined by `and`, `or`, `not` and parentheses.

pytest's own parser is private API, so this is a small recursive descent of the same grammar:
    expression := term ("or" term)*        term := factor ("and" factor)*
    factor     := "not" factor | "(" expression ")" | word
What a word matches is the caller's business (`selection.py`: a journey's names and tags).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import NoReturn

from ..errors import UsageError

WordTest = Callable[[str], bool]  # does the thing being matched answer to this word?
Matcher = Callable[[WordTest], bool]
OPERATORS = ("and", "or", "not")
# Each `not` and `(` is a level of recursion: far below Python's limit, far above any real need.
MAX_NESTING = 100
SHOWN_CHARS = 80  # of the expression, in an error: the line stays readable
_TOKEN = re.compile(r"\(|\)|[^\s()]+")


def parse_keyword(expression: str) -> Matcher:
    """The expression as a function of a word test; UsageError (one line) when it is malformed."""
    parser = _Parser(expression, _TOKEN.findall(expression))
    matcher = parser.expression()
    if parser.position < len(parser.tokens):
        parser.fail(parser.unexpected())
    return matcher


@dataclass
class _Parser:
    text: str
    tokens: list[str]
    position: int = 0
    depth: int = 0  # the `not`s and `(`s open around the current factor

    def peek(self) -> str | None:
        return self.tokens[self.position] if self.position < len(self.tokens) else None

    def take(self) -> str:
        token = self.tokens[self.position]
        self.position += 1
        return token

    def expression(self) -> Matcher:
        left = self.term()
        while self.peek() == "or":
            self.take()
            left = _either(left, self.term())
        return left

    def term(self) -> Matcher:
        left = self.factor()
        while self.peek() == "and":
            self.take()
            left = _both(left, self.factor())
        return left

    def factor(self) -> Matcher:
        token = self.peek()
        if token is None:
            self.fail(self.missing_word())
        if token in ("and", "or", ")"):
            self.fail(f"expected a word before '{token}'" if self.position == 0 else self.missing_word())
        self.take()
        if token in ("not", "("):
            return self.nested(token)
        return lambda test: test(token)

    def nested(self, opener: str) -> Matcher:
        """What follows a `not` or a `(`, one level deeper."""
        self.depth += 1
        if self.depth > MAX_NESTING:
            self.fail(f"more than {MAX_NESTING} 'not's and '('s inside one another")
        if opener == "not":
            inner = self.factor()
            self.depth -= 1
            return lambda test: not inner(test)
        inner = self.expression()
        if self.peek() != ")":
            self.fail("a '(' is never closed" if self.peek() is None else self.unexpected())
        self.take()
        self.depth -= 1
        return inner

    def missing_word(self) -> str:
        return f"expected a word after '{self.tokens[self.position - 1]}'" if self.position else "expected a word"

    def unexpected(self) -> str:
        """What is wrong with the token at the current position, which no rule could take."""
        token, before = self.tokens[self.position], self.tokens[self.position - 1]
        if token == ")":
            return "a ')' has no '(' before it"
        return f"expected 'and' or 'or' between '{before}' and '{token}'"

    def fail(self, problem: str) -> NoReturn:
        shown = self.text if len(self.text) <= SHOWN_CHARS else self.text[:SHOWN_CHARS - 1] + "…"
        raise UsageError(f"-k '{shown}': {problem} (words joined by and, or, not and parentheses, "
                         "as in pytest: -k 'checkout and not slow')")


def _either(left: Matcher, right: Matcher) -> Matcher:
    return lambda test: left(test) or right(test)


def _both(left: Matcher, right: Matcher) -> Matcher:
    return lambda test: left(test) and right(test)
