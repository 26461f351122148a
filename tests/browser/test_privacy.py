"""The privacy pages in a real browser: the processing register and the AVG request of the
team, and a registrant erasing their registration through the signed link. Accessible (axe,
0 violations) at 1280 and 320 px, no sideways scrolling on a phone, confirmation steps."""

import pytest

from ontmoetingen.accounts.tests.factories import PASSWORD, UserFactory
from ontmoetingen.events import tokens
from ontmoetingen.events.models import Registration
from ontmoetingen.events.tests.factories import EventFactory, RegistrationFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _look(page, axe) -> None:
    for width in (1280, 320):
        page.set_viewport_size({"width": width, "height": 900})
        if width == 320:
            assert page.evaluate("document.documentElement.scrollWidth") <= 320, page.url
        axe(page)
    page.set_viewport_size({"width": 1280, "height": 900})


def test_register_and_avg_request(page, live_server, axe, login, regions):
    registration = RegistrationFactory(email="vera@voorbeeld.nl", name="Vera de Vries")
    team = UserFactory(project_team=True)
    login(page, team.email, PASSWORD)
    page.wait_for_url(f"{live_server.url}/**")
    base = live_server.url
    page.goto(f"{base}/beheer/")
    page.click("a:has-text('Verwerkingsregister')")
    assert page.url == f"{base}/beheer/verwerkingen/"
    assert page.locator("text=Mogelijk gezondheidsgegevens").first.is_visible()
    _look(page, axe)

    page.goto(f"{base}/beheer/avg/")
    page.fill("#id_email", "vera@voorbeeld.nl")
    page.click("button:has-text('Zoeken')")
    assert page.locator("h2:has-text('Gevonden')").is_visible()
    _look(page, axe)
    page.click("button:has-text('Alles wissen')")  # not confirmed: refused, nothing erased
    assert page.locator(".error-summary").is_visible()
    assert Registration.objects.get(pk=registration.pk).name == "Vera de Vries"
    page.check("#id_confirm")
    page.click("button:has-text('Alles wissen')")
    assert page.locator("text=Alle gegevens van dit adres zijn gewist").is_visible()
    assert Registration.objects.get(pk=registration.pk).name == "Geanonimiseerd"


def test_registrant_erases_through_the_link(page, live_server, axe, regions):
    registration = RegistrationFactory(event=EventFactory(), name="Piet Pieters")
    token = tokens.registration_token(registration.pk)
    page.goto(f"{live_server.url}/agenda/aanmelding/{token}/")
    page.click("a:has-text('Mijn gegevens nu wissen')")
    assert page.locator("button:has-text('Ja, wis mijn gegevens')").is_visible()
    _look(page, axe)
    page.click("button:has-text('Ja, wis mijn gegevens')")
    assert page.locator("text=Uw gegevens zijn gewist").is_visible()
    _look(page, axe)
    assert Registration.objects.get(pk=registration.pk).name == "Geanonimiseerd"
