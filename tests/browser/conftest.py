"""Browser tests: Playwright drives Debian's chromium against pytest-django's live server.

Without /usr/bin/chromium these tests skip with the reason, except when CI is set: there a
missing browser is a failure. Each page can be scanned with axe-core (WCAG 2.0/2.1 A and AA).
"""

import json
import os
import shutil
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in this thread; the test's own ORM calls are fine.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--disable-dev-shm-usage",
]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def _axe_source() -> str:
    import axe_playwright_python

    return (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def browser():
    if not (shutil.which(CHROMIUM) or Path(CHROMIUM).exists()):
        if os.environ.get("CI"):
            pytest.fail(
                f"CI is set but the browser {CHROMIUM} is missing: install Debian's chromium."
            )
        pytest.skip(f"{CHROMIUM} not found: install Debian's chromium to run the browser tests")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def context(browser):
    # bypass_csp lets the test inject axe-core into pages whose CSP allows only nonced scripts.
    context = browser.new_context(
        bypass_csp=True, locale="nl-NL", viewport={"width": 1280, "height": 900}
    )
    context.set_default_timeout(10_000)
    yield context
    context.close()


@pytest.fixture
def page(context):
    page = context.new_page()
    yield page
    page.close()


@pytest.fixture
def nojs_page(browser):
    context = browser.new_context(java_script_enabled=False, locale="nl-NL")
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture(scope="session")
def axe_source():
    return _axe_source()


@pytest.fixture
def axe(axe_source):
    """``axe(page)`` scans the page and fails the test with a readable list of violations."""

    def scan(page, *, context_selector: str | None = None):
        page.add_script_tag(content=axe_source)
        options = {"runOnly": {"type": "tag", "values": AXE_TAGS}}
        result = page.evaluate(
            "([ctx, options]) => axe.run(ctx || document, options)", [context_selector, options]
        )
        violations = result["violations"]
        if violations:
            lines = [
                f"{v['id']} ({v['impact']}): {v['help']} -> {[n['target'] for n in v['nodes']][:5]}"
                for v in violations
            ]
            pytest.fail(
                f"axe found {len(violations)} violation(s) on {page.url}:\n" + "\n".join(lines)
            )
        return result

    return scan


@pytest.fixture
def login(live_server):
    """``login(page, user, password)`` logs in through the real form."""

    def do_login(page, email: str, password: str):
        page.goto(f"{live_server.url}/inloggen/")
        page.fill("#id_username", email)
        page.fill("#id_password", password)
        page.click("button[type=submit]:has-text('Inloggen')")

    return do_login


def dump(obj) -> str:
    return json.dumps(obj, indent=2, ensure_ascii=False)
