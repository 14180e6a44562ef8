"""Fixtures for the system tests.

- `product`: the real product (`commonweal serve --demo`) for the whole session, on a free port
  with a fresh SQLite data directory (the browser tests' `harness.Product`); `product.base_url`.
- `fresh_product`: a product of its own for a test that changes data or kills the server.

These tests need only python3 with pytest (and the packages `.ci/run` installs); the product
binary is `$COMMONWEAL_BIN` or `.build/debug/commonweal`.
"""

from __future__ import annotations

import pytest

import harness


def _start(name: str) -> harness.Product:
    try:
        return harness.Product(harness.product_binary(), name).start()
    except RuntimeError as e:
        pytest.fail(f"could not start the product: {e}", pytrace=False)


@pytest.fixture(scope="session")
def product():
    p = _start("system-shared")
    yield p
    p.stop()


@pytest.fixture
def fresh_product():
    p = _start("system-fresh")
    yield p
    p.stop()
