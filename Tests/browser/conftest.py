"""Fixtures for the real-browser tests.

- `product`: the real product (`commonweal serve --demo`) for the whole session, on a free
  port with a fresh data directory; its base URL is `product.base_url`.
- `fresh_product`: a product of its own for a test that changes data, so that it can run
  twice (with and without JavaScript) and leaves the shared one as the demo made it.
- `driver`: headless Chromium at 1280x900, JavaScript on; a test marked `both_js_modes`
  runs twice, as `[javascript]` and `[no-javascript]`.

Without Chromium, chromedriver, selenium or axe-core the tests skip, saying what is missing;
with CI=true they fail instead (as the PostgreSQL tests do).
"""

from __future__ import annotations

import os

import pytest

import harness

JS_MODES = ["javascript", "no-javascript"]


def in_ci() -> bool:
    return os.environ.get("CI") == "true"


@pytest.fixture(scope="session")
def browser_prerequisites():
    missing = harness.missing_prerequisites()
    if missing:
        message = "browser tests need " + "; ".join(missing)
        if in_ci():
            pytest.fail(message + " (CI=true: missing browser tooling is a failure, not a skip)")
        pytest.skip(message)


def _start(name: str) -> harness.Product:
    try:
        return harness.Product(harness.product_binary(), name).start()
    except RuntimeError as e:
        pytest.fail(f"could not start the product: {e}", pytrace=False)


@pytest.fixture(scope="session")
def product(browser_prerequisites):
    p = _start("shared")
    yield p
    p.stop()


@pytest.fixture
def fresh_product(browser_prerequisites):
    p = _start("fresh")
    yield p
    p.stop()


def pytest_generate_tests(metafunc):
    if "js" in metafunc.fixturenames and metafunc.definition.get_closest_marker("both_js_modes"):
        metafunc.parametrize("js", JS_MODES, indirect=True)


@pytest.fixture
def js(request) -> str:
    return getattr(request, "param", "javascript")


@pytest.fixture
def driver(browser_prerequisites, js):
    d = harness.new_driver(javascript=(js == "javascript"))
    yield d
    d.quit()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """`scan` records accessibility and reflow problems and lets the journey go on; here a test
    with any fails, listing every page's problems (after its own error, if it had one)."""
    outcome = yield
    report = outcome.get_result()
    if report.when != "call":
        return
    d = item.funcargs.get("driver") if hasattr(item, "funcargs") else None
    findings = getattr(d, "commonweal_findings", None)
    if not findings:
        return
    text = f"{len(findings)} accessibility or reflow problem(s):\n\n" + "\n\n".join(findings)
    if report.passed:
        report.outcome = "failed"
        report.longrepr = text
    else:
        report.sections.append(("accessibility and reflow problems", text))


def pytest_sessionstart(session):
    harness.reset_report()


def pytest_terminal_summary(terminalreporter):
    lines = harness.needs_review_summary()
    if lines:
        terminalreporter.write_sep("-", "axe-core asks a person to review (not failures; details in scan-results.jsonl)")
        for line in lines:
            terminalreporter.write_line(line)
