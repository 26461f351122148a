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


# Records every Content-Security-Policy violation the page reports, before any page script runs.
CSP_LISTENER = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(
    `${event.violatedDirective} blocked ${event.blockedURI || "inline"} (${event.sourceFile}:${event.lineNumber})`
  );
});
"""


class CspWatch:
    """Collects CSP violations from the console and the page's own events, per browser context."""

    def __init__(self):
        self.violations: list[str] = []

    def watch(self, page) -> None:
        def on_console(message):
            if "Content Security Policy" in message.text:
                self.violations.append(f"{page.url}: {message.text}")

        page.on("console", on_console)

    def check(self, context) -> None:
        for page in context.pages:
            try:
                found = page.evaluate("window.__cspViolations || []")
            except Exception:
                found = []
            self.violations.extend(f"{page.url}: {text}" for text in found)
        if self.violations:
            pytest.fail("CSP violations:\n" + "\n".join(dict.fromkeys(self.violations)))


@pytest.fixture
def context(browser):
    # The production CSP stays on (no bypass): a page that needs an inline script or style
    # fails here. axe is injected through the DevTools protocol, which the policy does not cover.
    context = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    context.add_init_script(CSP_LISTENER)
    watch = CspWatch()
    context.on("page", watch.watch)
    yield context
    watch.check(context)
    context.close()


@pytest.fixture
def page(context):
    page = context.new_page()
    yield page


@pytest.fixture
def nojs_page(browser):
    context = browser.new_context(java_script_enabled=False, locale="nl-NL")
    watch = CspWatch()
    context.on("page", watch.watch)
    page = context.new_page()
    yield page
    watch.check(context)
    context.close()


def inject(page, source: str) -> None:
    """Run a script in the page through the DevTools protocol: the page's CSP stays enforced
    for its own scripts, while the test's tooling (axe-core) is not an inline script."""
    session = page.context.new_cdp_session(page)
    try:
        result = session.send("Runtime.evaluate", {"expression": source})
        if "exceptionDetails" in result:
            pytest.fail(f"injecting a script failed: {result['exceptionDetails']}")
    finally:
        session.detach()


@pytest.fixture(scope="session")
def axe_source():
    return _axe_source()


@pytest.fixture
def axe(axe_source):
    """``axe(page)`` scans the page and fails the test with a readable list of violations."""

    def scan(page, *, context_selector: str | None = None):
        inject(page, axe_source)
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


def wait_for_js(page, expression: str, *, timeout: float = 10.0) -> None:
    """Wait until a JavaScript expression is truthy in the page.

    Playwright's ``wait_for_function`` evaluates its predicate with ``eval`` inside the page,
    which the production CSP (no 'unsafe-eval') refuses; ``page.evaluate`` goes through the
    DevTools protocol instead, so this polls from the test's side.
    """
    import time

    deadline = time.monotonic() + timeout
    while True:
        if page.evaluate(expression):
            return
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting for: {expression}")
        page.wait_for_timeout(50)
