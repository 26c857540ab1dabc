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
