"""The API documentation in a real browser: Swagger UI loads from the site's own static files
under the production CSP (the fixture fails on any violation) and lists the operations."""

import pytest

from tests.browser.conftest import wait_for_js

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_api_docs_load_under_csp_and_wrapper_is_accessible(page, live_server, axe, regions):
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(f"{live_server.url}/api/v1/docs")
    assert page.locator("h1").first.inner_text() == "API-documentatie"
    wait_for_js(page, "document.querySelectorAll('.opblock').length > 5", timeout=20)
    assert page.locator(".opblock-summary-path", has_text="/api/v1/coalitions").count() >= 1
    # everything came from the site itself: no CDN
    assert all(url.startswith(live_server.url) or url.startswith("data:") for url in requests)
    # Swagger UI's own markup is not ours to fix; the page around it must pass
    axe(page, context_selector="main > :not(#swagger-ui)")


def test_token_page_issue_and_revoke_at_1280_and_320(page, live_server, axe, login):
    from ontmoetingen.accounts.tests.factories import PASSWORD, UserFactory

    team = UserFactory(project_team=True)
    UserFactory(partner=True, email="partner@pharos.example")
    login(page, team.email, PASSWORD)
    page.goto(f"{live_server.url}/beheer/api-tokens/")
    assert page.locator("h1").inner_text() == "API-tokens"
    axe(page)
    page.click("button:has-text('Token aanmaken')")
    assert page.title().startswith("Fout:")
    page.fill("#id_name", "Pharos agenda")
    page.fill("#id_email", "partner@pharos.example")
    page.click("button:has-text('Token aanmaken')")
    secret = page.locator("#nieuw-token").input_value()
    assert secret.startswith("ko_")
    axe(page)
    page.set_viewport_size({"width": 320, "height": 800})
    axe(page)
    page.goto(f"{live_server.url}/beheer/api-tokens/")
    assert secret not in page.content()
    page.click("a:has-text('intrekken')")
    axe(page)
    page.click("button:has-text('Ja, trek het token in')")
    assert "is ingetrokken" in page.locator(".messages").inner_text()
    assert "ingetrokken op" in page.locator("table").inner_text()
