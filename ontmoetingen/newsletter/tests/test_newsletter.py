"""Double opt-in, one-click unsubscribe that works without login and only for its own
address, digest contents per subscriber's choices, preview and batched sending."""

from datetime import timedelta

import pytest
from django.utils import timezone

from ontmoetingen.accounts.tests.factories import UserFactory
from ontmoetingen.core.models import Theme
from ontmoetingen.events.tests.factories import EventFactory
from ontmoetingen.newsletter import services
from ontmoetingen.newsletter.models import Delivery, Digest, Subscriber
from ontmoetingen.questions.tests.factories import QuestionFactory
from ontmoetingen.toolkit.tests.factories import ResourceFactory

pytestmark = pytest.mark.django_db


def _link(body: str, part: str) -> str:
    return next(w for w in body.split() if part in w).replace("http://testserver", "")


def test_double_opt_in(client, outbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/nieuwsbrief/", {"email": "Anna@Voorbeeld.nl", "name": "Anna"})
    assert "kijk in uw mail" in response.content.decode()
    subscriber = Subscriber.objects.get(email="anna@voorbeeld.nl")
    assert not subscriber.is_active
    url = _link(outbox[0].body, "/nieuwsbrief/bevestigen/")
    client.get(url)  # a link scanner following the link confirms nothing
    subscriber.refresh_from_db()
    assert not subscriber.is_active
    assert "U bent ingeschreven" in client.post(url).content.decode()
    subscriber.refresh_from_db()
    assert subscriber.is_active


def test_subscribing_again_changes_nothing_for_a_confirmed_address(
    regions, outbox, django_capture_on_commit_callbacks
):
    theme = Theme.objects.create(name="Armoede", slug="armoede")
    subscriber = Subscriber.objects.create(email="anna@voorbeeld.nl", confirmed_at=timezone.now())
    subscriber.themes.set([theme])
    with django_capture_on_commit_callbacks(execute=True):
        services.subscriber_subscribe(email="anna@voorbeeld.nl", themes=[], province=None)
    subscriber.refresh_from_db()
    assert subscriber.is_active and list(subscriber.themes.all()) == [theme]
    assert "al ingeschreven" in outbox[0].subject


def test_unsubscribe_without_login_and_only_for_its_own_address(client):
    anna = Subscriber.objects.create(email="anna@voorbeeld.nl", confirmed_at=timezone.now())
    bert = Subscriber.objects.create(email="bert@voorbeeld.nl", confirmed_at=timezone.now())
    page = client.get(f"/nieuwsbrief/afmelden/{anna.token}/").content.decode()
    assert "anna@voorbeeld.nl" in page and "bert@voorbeeld.nl" not in page
    response = client.post(
        f"/nieuwsbrief/afmelden/{anna.token}/", {"List-Unsubscribe": "One-Click"}
    )
    assert response.status_code == 200
    anna.refresh_from_db()
    bert.refresh_from_db()
    assert anna.unsubscribed_at is not None and bert.is_active
    assert client.post("/nieuwsbrief/afmelden/verzonnen-token/").status_code == 404
    assert client.post(f"/nieuwsbrief/afmelden/{bert.token[:-1]}x/").status_code == 404
    bert.refresh_from_db()
    assert bert.is_active


@pytest.fixture
def topics(regions):
    armoede = Theme.objects.create(name="Armoede", slug="armoede")
    taal = Theme.objects.create(name="Laaggeletterdheid", slug="taal")
    in_utrecht = EventFactory(title="Kennisbijeenkomst Utrecht", is_national=False)
    in_utrecht.provinces.set(["PV26"])
    in_utrecht.themes.set([armoede])
    in_groningen = EventFactory(title="Kennisbijeenkomst Groningen", is_national=False)
    in_groningen.provinces.set(["PV20"])
    in_groningen.themes.set([armoede])
    national = EventFactory(title="Landelijk webinar taal", is_national=True)
    national.themes.set([taal])
    ResourceFactory(title="Tool armoede", themes=[armoede])
    ResourceFactory(title="Tool taal", themes=[taal])
    old = ResourceFactory(title="Oude tool", themes=[armoede])
    old.published_at = timezone.now() - timedelta(days=90)
    old.save()
    QuestionFactory(published=True, theme=armoede, faq_question="Wie betaalt de kraamzorg?")
    today = timezone.localdate()
    digest = Digest.objects.create(
        subject="Nieuws van deze maand",
        period_start=today - timedelta(days=30),
        period_end=today,
    )
    return {"armoede": armoede, "taal": taal, "digest": digest}


def _subscriber(email, *, themes=(), province=None):
    subscriber = Subscriber.objects.create(
        email=email, province_id=province, confirmed_at=timezone.now()
    )
    subscriber.themes.set(themes)
    return subscriber


def test_digest_contents_follow_each_subscribers_choices(
    topics, outbox, django_capture_on_commit_callbacks
):
    _subscriber("utrecht-armoede@voorbeeld.nl", themes=[topics["armoede"]], province="PV26")
    _subscriber("alles@voorbeeld.nl")
    gone = _subscriber("weg@voorbeeld.nl")
    gone.unsubscribed_at = timezone.now()
    gone.save()
    Subscriber.objects.create(email="onbevestigd@voorbeeld.nl")
    team = UserFactory(project_team=True)
    with django_capture_on_commit_callbacks(execute=True):
        services.digest_send_start(digest=topics["digest"], actor=team)
    mails = {m.to[0]: m for m in outbox}
    assert set(mails) == {"utrecht-armoede@voorbeeld.nl", "alles@voorbeeld.nl"}
    utrecht = mails["utrecht-armoede@voorbeeld.nl"].body
    assert "Kennisbijeenkomst Utrecht" in utrecht
    assert "Groningen" not in utrecht and "Landelijk webinar taal" not in utrecht
    assert "Tool armoede" in utrecht and "Tool taal" not in utrecht and "Oude tool" not in utrecht
    assert "Wie betaalt de kraamzorg?" in utrecht
    everything = mails["alles@voorbeeld.nl"].body
    for title in ("Utrecht", "Groningen", "Landelijk webinar taal", "Tool taal"):
        assert title in everything
    message = mails["alles@voorbeeld.nl"]
    token = Subscriber.objects.get(email="alles@voorbeeld.nl").token
    assert message.extra_headers["List-Unsubscribe"] == (
        f"<http://testserver/nieuwsbrief/afmelden/{token}/>"
    )
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    topics["digest"].refresh_from_db()
    assert topics["digest"].status == "verzonden" and topics["digest"].total == 2


def test_sending_goes_in_batches_and_never_twice(
    topics, outbox, django_capture_on_commit_callbacks
):
    for n in range(5):
        _subscriber(f"lezer{n}@voorbeeld.nl")
    digest = topics["digest"]
    digest.status = "verzenden"
    digest.total = 5
    digest.save()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.digest_send_batch(digest_id=digest.pk, batch_size=2) == 3
    assert Delivery.objects.count() == 2 and len(outbox) == 2
    with django_capture_on_commit_callbacks(execute=True):
        assert services.digest_send_batch(digest_id=digest.pk, batch_size=2) == 1
        assert services.digest_send_batch(digest_id=digest.pk, batch_size=2) == 0
    assert len(outbox) == 5 and len({m.to[0] for m in outbox}) == 5
    digest.refresh_from_db()
    assert digest.status == "verzonden"
    assert services.digest_send_batch(digest_id=digest.pk) == 0
    assert len(outbox) == 5


def test_team_previews_before_sending_and_cannot_send_twice(
    topics, client, django_capture_on_commit_callbacks
):
    anna = _subscriber("anna@voorbeeld.nl", themes=[topics["taal"]])
    client.force_login(UserFactory(project_team=True))
    digest = topics["digest"]
    page = client.get(f"/beheer/nieuwsbrief/{digest.pk}/?abonnee={anna.pk}").content.decode()
    assert "Landelijk webinar taal" in page and "Tool armoede" not in page
    assert "Status: <strong>concept</strong>" in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/beheer/nieuwsbrief/{digest.pk}/versturen/")
    again = client.post(f"/beheer/nieuwsbrief/{digest.pk}/versturen/", follow=True)
    assert "al verzonden" in again.content.decode()
    assert Delivery.objects.filter(digest=digest).count() == 1


def test_team_creates_a_digest(client):
    client.force_login(UserFactory(project_team=True))
    response = client.post(
        "/beheer/nieuwsbrief/",
        {"subject": "Maart", "period_start": "2027-03-01", "period_end": "2027-03-31"},
    )
    digest = Digest.objects.get()
    assert response["Location"] == f"/beheer/nieuwsbrief/{digest.pk}/"


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        (None, 302),
        ("professional", 403),
        ("coordinator", 403),
        ("partner", 403),
        ("project_team", 200),
    ],
)
def test_who_may_manage_the_newsletter(client, role, expected):
    digest = Digest.objects.create(
        subject="X", period_start=timezone.localdate(), period_end=timezone.localdate()
    )
    if role:
        client.force_login(UserFactory(**{role: True}))
    assert client.get("/beheer/nieuwsbrief/").status_code == expected
    assert client.get(f"/beheer/nieuwsbrief/{digest.pk}/").status_code == expected
