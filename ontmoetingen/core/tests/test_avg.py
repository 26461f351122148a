"""AVG requests: find everything for an address, hand it over, erase it in one go; exports with
personal data are logged; /mijn/gegevens.json holds every model of the register."""

import json

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from ontmoetingen.accounts.tests.factories import UserFactory
from ontmoetingen.coalitions.models import Coalition
from ontmoetingen.core import avg, registry
from ontmoetingen.core.models import AuditLog
from ontmoetingen.core.privacy import pseudonym
from ontmoetingen.core.tests.people import EMAIL, NAME, person_everywhere
from ontmoetingen.encounters.models import Professional
from ontmoetingen.events.models import Registration
from ontmoetingen.events.tests.factories import EventFactory, RegistrationFactory
from ontmoetingen.newsletter.models import Subscriber
from ontmoetingen.questions.models import Question

pytestmark = pytest.mark.django_db


@pytest.fixture
def team_client(client):
    team = UserFactory(project_team=True)
    client.force_login(team)
    client.team = team
    return client


def _dig(data: dict, dotted: str):
    for key in dotted.split("."):
        data = data.get(key) if isinstance(data, dict) else None
    return data


def test_data_export_of_mine_holds_every_model_of_the_register(client):
    user = person_everywhere()
    client.force_login(user)
    gegevens = client.get(reverse("accounts:data_export")).json()["gegevens"]
    missing = [
        f"{entry.label} ({entry.export})"
        for _area, entries in registry.processing_register()
        for entry in entries
        if entry.export and not _dig(gegevens, entry.export)
    ]
    assert missing == []


def test_find_gathers_everything_for_an_address_also_without_account():
    person_everywhere()
    RegistrationFactory(email="Vera.Volledig@Voorbeeld.nl", name=NAME)  # other case, no account
    found = avg.person_find(email=EMAIL)
    assert len(found["events"]["aanmeldingen"]) == 2
    assert found["questions"]["vragen"][0]["tekst"] == "Vraag van Vera"
    assert found["newsletter"]["e-mailadres"] == EMAIL
    assert found["coalitions"]["contactpersoon_van"]
    assert found["encounters"]["profiel"]["introductie"] == "Ik ben verloskundige in Zeist."
    assert found["api"]["api_tokens"] and found["toolkit"]["voorstellen"]
    assert found["logboek"]
    assert avg.person_find(email="niemand@voorbeeld.nl") == {}


def test_erase_removes_everything_keeps_counts_and_leaves_a_pseudonym(team_client):
    user = person_everywhere()
    response = team_client.post(reverse("core:avg_request"), {"email": EMAIL, "action": "wissen"})
    assert response.status_code == 400  # not confirmed: nothing happens
    assert get_user_model().objects.filter(pk=user.pk).exists()

    response = team_client.post(
        reverse("core:avg_request"), {"email": EMAIL, "action": "wissen", "confirm": "on"}
    )
    assert response.status_code == 302
    assert not get_user_model().objects.filter(email__iexact=EMAIL).exists()
    assert not Professional.objects.filter(user_id=user.pk).exists()
    assert not Subscriber.objects.filter(email__iexact=EMAIL).exists()
    registration = Registration.objects.get()
    assert registration.name == "Geanonimiseerd" and registration.dietary == ""
    assert registration.domain  # still counted
    assert registration.feedback.rating == 4 and registration.feedback.useful == ""
    question = Question.objects.get(text__contains="gewist")
    assert question.email == "" and question.name == "Geanonimiseerd" and question.domain
    coalition = Coalition.objects.get(coordinators__isnull=True, contact_email="")
    assert coalition.contact_name == ""
    assert avg.person_find(email=EMAIL) == {}
    # the log keeps what happened, under a pseudonym, never the address or the name
    label = pseudonym(EMAIL)
    for entry in AuditLog.objects.all():
        text = entry.object_repr + json.dumps(entry.changes, ensure_ascii=False)
        assert EMAIL not in text.lower() and NAME not in text
    erased = AuditLog.objects.get(action=avg.ERASE_ACTION)
    assert erased.object_repr == label and erased.actor == team_client.team
    assert AuditLog.objects.filter(changes__persoon=label).count() >= 2


def test_erase_is_one_transaction(monkeypatch):
    person_everywhere()

    def broken(email, user):
        raise RuntimeError("stuk")

    hooks = [*registry.personal_data_hooks("erase_personal_data"), ("kapot", broken)]
    monkeypatch.setattr(registry, "personal_data_hooks", lambda hook: list(hooks))
    with pytest.raises(RuntimeError):
        avg.person_erase(email=EMAIL, actor=None)
    assert Registration.objects.get().name == NAME
    assert Subscriber.objects.filter(email=EMAIL).exists()


def test_export_is_a_json_download_and_is_logged(team_client):
    person_everywhere()
    response = team_client.post(
        reverse("core:avg_request"), {"email": EMAIL, "action": "exporteren"}
    )
    assert response["Content-Disposition"].startswith("attachment")
    data = json.loads(response.content)
    assert data["gegevens"]["events"]["aanmeldingen"][0]["dieetwensen"] == "vegan"
    entry = AuditLog.objects.get(action__startswith="AVG-verzoek: gegevens geëxporteerd")
    assert entry.actor == team_client.team and entry.object_repr == pseudonym(EMAIL)


def test_search_shows_the_areas_and_never_puts_the_address_in_a_url(team_client):
    person_everywhere()
    assert team_client.get(reverse("core:avg_request")).status_code == 200
    html = team_client.post(reverse("core:avg_request"), {"email": EMAIL}).content.decode()
    assert "Gevonden" in html and "Vraag van Vera" in html and 'method="post"' in html


def test_registrations_export_is_logged_and_shown_on_the_register(team_client):
    event = EventFactory()
    RegistrationFactory(event=event)
    for fmt in ("csv", "xlsx"):
        response = team_client.get(reverse("events:manage_export", args=[event.pk, fmt]))
        assert response.status_code == 200
    entries = AuditLog.objects.filter(action=avg.EXPORT_ACTION)
    assert entries.count() == 2
    assert {e.changes["export"] for e in entries} == {"aanmeldingen (CSV)", "aanmeldingen (XLSX)"}
    assert all(e.actor == team_client.team for e in entries)
    html = team_client.get(reverse("core:processing_register")).content.decode()
    assert "aanmeldingen (XLSX)" in html and str(team_client.team) in html
