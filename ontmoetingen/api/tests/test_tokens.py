"""Token authentication, write access by role, the back-office page and the command."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from ontmoetingen.accounts.tests.factories import UserFactory
from ontmoetingen.api import services
from ontmoetingen.api.models import ApiToken, SubmittedEvent
from ontmoetingen.core.models import AuditLog
from ontmoetingen.events.models import Event, EventStatus
from ontmoetingen.events.tests.factories import EventFactory

pytestmark = pytest.mark.django_db

START = (timezone.now() + timedelta(days=30)).replace(microsecond=0)


def event_payload(**changes) -> dict:
    payload = {
        "title": "Regiotour Utrecht",
        "kind": "regiotour",
        "summary": "Kennismaken in de regio.",
        "starts_at": START.isoformat(),
        "ends_at": (START + timedelta(hours=3)).isoformat(),
        "capacity": 40,
        "venue": "Stadhuis",
        "municipality": "GM0344",
        "provinces": ["PV26"],
        "audience": ["geboortezorg", "sociaal"],
        "co_organisers": "Pharos",
    }
    return {**payload, **changes}


def post(client, url, data, secret=None):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {secret}"} if secret else {}
    return client.post(url, data, content_type="application/json", **headers)


# --- the token itself ----------------------------------------------------------------------


def test_token_is_hashed_at_rest_and_shown_once(db):
    user = UserFactory(partner=True)
    token, secret = services.token_create(name="Pharos agenda", user=user, actor=None)
    assert secret.startswith(f"ko_{token.prefix}_") and len(secret) > 40
    stored = ApiToken.objects.get(pk=token.pk)
    assert secret not in {stored.key_hash, stored.prefix, stored.name}
    assert stored.key_hash == services.hash_key(secret)
    assert AuditLog.objects.filter(action="API-token aangemaakt", object_id=str(token.pk)).exists()


def test_missing_invalid_and_revoked_tokens_get_401(client, make_token, regions):
    token, secret = make_token(role="partner")
    assert post(client, "/api/v1/events", event_payload()).status_code == 401
    wrong = post(client, "/api/v1/events", event_payload(), secret=secret + "x")
    assert wrong.status_code == 401
    assert wrong.json()["detail"].startswith("Geef een geldig API-token mee")
    assert wrong["WWW-Authenticate"].startswith("Bearer")
    # reads work without a token, but a token that is sent must be valid
    assert client.get("/api/v1/provinces").status_code == 200
    assert client.get("/api/v1/provinces", HTTP_AUTHORIZATION="Bearer nope").status_code == 401
    assert client.get("/api/v1/provinces", HTTP_AUTHORIZATION=f"Bearer {secret}").status_code == 200
    services.token_revoke(token=token, actor=None)
    assert client.get("/api/v1/provinces", HTTP_AUTHORIZATION=f"Bearer {secret}").status_code == 401
    assert post(client, "/api/v1/events", event_payload(), secret=secret).status_code == 401
    assert Event.objects.count() == 0


def test_token_of_a_deactivated_user_or_withdrawn_role_stops_working(client, make_token, regions):
    token, secret = make_token(role="partner")
    token.user.groups.clear()
    refused = post(client, "/api/v1/events", event_payload(), secret=secret)
    assert refused.status_code == 403
    token.user.is_active = False
    token.user.save()
    assert client.get("/api/v1/provinces", HTTP_AUTHORIZATION=f"Bearer {secret}").status_code == 401


def test_last_used_is_noted_at_most_once_a_minute(client, make_token, db):
    token, secret = make_token()
    assert token.last_used_at is None
    client.get("/api/v1/glossary", HTTP_AUTHORIZATION=f"Bearer {secret}")
    token.refresh_from_db()
    first = token.last_used_at
    assert first is not None
    client.get("/api/v1/glossary", HTTP_AUTHORIZATION=f"Bearer {secret}")
    token.refresh_from_db()
    assert token.last_used_at == first


# --- writing events ------------------------------------------------------------------------


def test_professional_token_cannot_write(client, make_token, regions):
    _, secret = make_token(role="professional")
    response = post(client, "/api/v1/events", event_payload(), secret=secret)
    assert response.status_code == 403
    assert response.json()["detail"] == "Met dit token mag u dit niet doen."
    assert Event.objects.count() == 0


def test_partner_creates_a_draft_and_publishes_it(client, make_token, regions):
    token, secret = make_token(role="partner")
    response = post(client, "/api/v1/events", event_payload(), secret=secret)
    assert response.status_code == 201, response.content
    data = response.json()
    event = Event.objects.get(slug=data["slug"])
    assert event.status == EventStatus.DRAFT and data["status"] == "draft"
    assert event.municipality_id == "GM0344" and list(
        event.provinces.values_list("code", flat=True)
    ) == ["PV26"]
    assert event.audience_domains == ["geboortezorg", "sociaal"]
    assert SubmittedEvent.objects.get(event=event).token == token
    assert client.get(f"/api/v1/events/{event.slug}").status_code == 404  # not public yet
    published = post(client, f"/api/v1/events/{event.slug}/publish", {}, secret=secret)
    assert published.status_code == 200 and published.json()["status"] == "published"
    assert client.get(f"/api/v1/events/{event.slug}").status_code == 200


def test_partner_cannot_publish_someone_elses_event_but_the_team_can(client, make_token, regions):
    _, partner = make_token(role="partner")
    _, team = make_token(role="project_team")
    other = EventFactory(draft=True)
    assert (
        post(client, f"/api/v1/events/{other.slug}/publish", {}, secret=partner).status_code == 403
    )
    assert post(client, f"/api/v1/events/{other.slug}/publish", {}, secret=team).status_code == 200
    other.refresh_from_db()
    assert other.status == EventStatus.PUBLISHED
    assert post(client, "/api/v1/events/bestaat-niet/publish", {}, secret=team).status_code == 404


def test_cancelled_event_cannot_be_published_400_in_dutch(client, make_token, regions):
    _, team = make_token(role="project_team")
    cancelled = EventFactory(status=EventStatus.CANCELLED)
    response = post(client, f"/api/v1/events/{cancelled.slug}/publish", {}, secret=team)
    assert response.status_code == 400
    assert "geannuleerde bijeenkomst" in response.json()["detail"]


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"title": ""}, "title", "Dit veld mag niet leeg zijn."),
        ({"kind": "feest"}, "kind", "Kies een van de toegestane waarden."),
        ({"capacity": 0}, "capacity", "De waarde is te klein."),
        (
            {"starts_at": "morgen"},
            "starts_at",
            "Vul een tijdstip in als JJJJ-MM-DDTUU:MM (ISO 8601).",
        ),
        ({"municipality": "GM9999"}, "municipality", "Onbekende gemeente: GM9999."),
        ({"themes": ["geen-thema"]}, "themes", "Onbekende thema: geen-thema."),
        (
            {"starts_at": "1900-01-01T10:00:00"},
            "starts_at",
            "Kies een tijdstip tussen 2000 en 2100.",
        ),
    ],
)
def test_invalid_events_get_422_with_dutch_messages(
    client, make_token, regions, changes, field, message
):
    _, secret = make_token(role="project_team")
    response = post(client, "/api/v1/events", event_payload(**changes), secret=secret)
    assert response.status_code == 422, response.content
    body = response.json()
    assert body["detail"].startswith("De invoer klopt niet")
    assert {"field": field, "message": message} in body["errors"]
    assert Event.objects.count() == 0


def test_model_rules_come_back_as_422(client, make_token, regions):
    _, secret = make_token(role="project_team")
    backwards = event_payload(ends_at=(START - timedelta(hours=1)).isoformat())
    response = post(client, "/api/v1/events", backwards, secret=secret)
    assert response.status_code == 422
    assert response.json()["errors"]
    assert Event.objects.count() == 0
    assert post(client, "/api/v1/events", "{niet json", secret=secret).status_code in (400, 422)


# --- back office and command ---------------------------------------------------------------


def test_backoffice_page_is_for_the_team_only(client, db):
    url = "/beheer/api-tokens/"
    assert client.get(url).status_code == 302
    client.force_login(UserFactory(partner=True))
    assert client.get(url).status_code == 403
    client.force_login(UserFactory(professional=True))
    assert client.post(url, {"name": "x", "email": "a@b.nl"}).status_code == 403
    assert ApiToken.objects.count() == 0


def test_team_issues_a_token_once_and_revokes_it(client, db):
    team = UserFactory(project_team=True)
    partner = UserFactory(partner=True, email="partner@pharos.example")
    client.force_login(team)
    response = client.post(
        "/beheer/api-tokens/", {"name": "Pharos agenda", "email": "PARTNER@pharos.example"}
    )
    assert response.status_code == 201
    token = ApiToken.objects.get()
    assert token.user == partner and token.created_by == team
    html = response.content.decode()
    secret = html.split('id="nieuw-token" class="token-secret" type="text" value="')[1].split('"')[
        0
    ]
    assert services.hash_key(secret) == token.key_hash
    assert "no-cache" in response["Cache-Control"] or "no-store" in response["Cache-Control"]
    listing = client.get("/beheer/api-tokens/").content.decode()
    assert "Pharos agenda" in listing and secret not in listing
    confirm = client.get(f"/beheer/api-tokens/{token.pk}/intrekken/")
    assert "Weet u zeker" in confirm.content.decode()
    client.post(f"/beheer/api-tokens/{token.pk}/intrekken/")
    token.refresh_from_db()
    assert token.revoked_at is not None and token.revoked_by == team


def test_backoffice_form_errors(client, db):
    client.force_login(UserFactory(project_team=True))
    response = client.post("/beheer/api-tokens/", {"name": "", "email": "niemand@voorbeeld.nl"})
    assert response.status_code == 200
    assert "Er is geen actief account met dit e-mailadres." in response.content.decode()
    assert ApiToken.objects.count() == 0


def test_management_command_creates_lists_and_revokes(capsys, db):
    UserFactory(email="ncj@voorbeeld.nl", partner=True)
    call_command("api_token", "create", "--email", "ncj@voorbeeld.nl", "--name", "NCJ")
    out = capsys.readouterr().out
    secret = out.strip().splitlines()[-1]
    token = ApiToken.objects.get()
    assert services.hash_key(secret) == token.key_hash
    call_command("api_token", "list")
    assert "NCJ" in capsys.readouterr().out
    call_command("api_token", "revoke", f"ko_{token.prefix}")
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_personal_data_export_lists_tokens_without_secret(make_token):
    from ontmoetingen.api.hooks import personal_data

    token, secret = make_token()
    data = personal_data(token.user)
    assert data["api_tokens"][0]["naam"] == token.name
    assert secret not in str(data)


def test_a_busy_database_does_not_fail_a_read_over_last_used(client, make_token, monkeypatch):
    from django.db import OperationalError
    from django.db.models.query import QuerySet

    _, secret = make_token()

    def locked(self, **kwargs):
        raise OperationalError("database is locked")

    monkeypatch.setattr(QuerySet, "update", locked)
    response = client.get("/api/v1/glossary", HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert response.status_code == 200
