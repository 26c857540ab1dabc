"""The visitor's named gear lists: the one thing the demo shop keeps on its server, so that a journey
that creates a list called "Summer hike" twice meets "That name is taken", as on a real site."""

from __future__ import annotations

import threading

MAX_LISTS = 1_000  # a long-running demo server forgets its oldest lists beyond this
MAX_NAME = 80


class ListStore:
    """List names, in the order they were created; names are unique regardless of case."""

    def __init__(self) -> None:
        self._names: dict[str, str] = {}  # casefolded → as written
        self._lock = threading.Lock()  # the server answers each request on its own thread

    def names(self) -> list[str]:
        """Every list's name, oldest first."""
        with self._lock:
            return list(self._names.values())

    def create(self, name: str) -> str | None:
        """Add a list; why it cannot be added (in the visitor's words), or None."""
        name = " ".join(name.split())
        if not name:
            return "Please give your list a name."
        if len(name) > MAX_NAME:
            return f"A list's name can be at most {MAX_NAME} characters long."
        with self._lock:
            if name.casefold() in self._names:
                return "That name is taken. Choose another name for your list."
            if len(self._names) >= MAX_LISTS:
                self._names.pop(next(iter(self._names)))
            self._names[name.casefold()] = name
        return None

    def delete(self, name: str) -> bool:
        """Remove a list; False when there is none by that name."""
        with self._lock:
            return self._names.pop(" ".join(name.split()).casefold(), None) is not None
