"""Shared fixtures: the demo shop (defective and clean) served on loopback for end-to-end tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from uxaudit.demo.server import DemoShop


@pytest.fixture(scope="session")
def defective_shop() -> Iterator[DemoShop]:
    """The demo shop with every seeded defect on."""
    with DemoShop() as shop:
        yield shop


@pytest.fixture(scope="session")
def clean_shop() -> Iterator[DemoShop]:
    """The demo shop with every defect switched off."""
    with DemoShop(clean=True) as shop:
        yield shop


@pytest.fixture(scope="session", autouse=True)
def _history_in_a_temporary_folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Runs made by the tests are stored in a throw-away history, never in the checkout's reports/
    (CLI processes the tests start inherit it)."""
    import os

    from uxaudit.score.history import HISTORY_ENV

    saved = os.environ.get(HISTORY_ENV)
    os.environ[HISTORY_ENV] = str(tmp_path_factory.mktemp("history") / "history.sqlite")
    yield
    if saved is None:
        os.environ.pop(HISTORY_ENV, None)
    else:
        os.environ[HISTORY_ENV] = saved
