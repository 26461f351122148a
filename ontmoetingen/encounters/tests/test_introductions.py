"""Introductions: request, accept, decline ("geen reactie"), expiry, limits, block, report;
contact details absent from every page, mail and export before acceptance, present after."""

import json
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from ontmoetingen.accounts.tests.factories import UserFactory
from ontmoetingen.core.errors import ServiceError
from ontmoetingen.encounters import services
from ontmoetingen.encounters.models import Introduction, IntroductionStatus
from ontmoetingen.encounters.services import MAX_OPEN_REQUESTS
from ontmoetingen.encounters.tasks import expire_introductions
from ontmoetingen.encounters.tests.factories import IntroductionFactory, ProfessionalFactory

pytestmark = pytest.mark.django_db

MESSAGE = "Ik wil graag kennismaken over de overdracht na de kraamperiode in Zeist."


@pytest.fixture
def pair(area):
    vera = ProfessionalFactory(
        user=UserFactory(full_name="Vera Verloskundige", email="vera@voorbeeld.nl"),
        phone="06-11112222",
        working_area=[area["Zeist"]],
    )
    wim = ProfessionalFactory(
        user=UserFactory(full_name="Wim Wijkteam", email="wim@voorbeeld.nl"),
        social=True,
        phone="06-33334444",
        working_area=[area["Zeist"]],
    )
    return vera, wim


def _pages(client, user, vera, wim):
    """Every page, export and fragment where the other person could appear."""
    client.cookies.clear()
    client.force_login(user)
    bodies = []
    for url in (
        reverse("encounters:directory"),
        vera.get_absolute_url(),
        wim.get_absolute_url(),
        reverse("encounters:introductions"),
        reverse("encounters:suggestions"),
        reverse("accounts:mine"),
        reverse("encounters:introduce", args=[wim.pk]),
    ):
        response = client.get(url)
        assert response.status_code in (200, 302), url
        bodies.append(response.content.decode())
    export = client.get(reverse("accounts:data_export"))
    bodies.append(json.dumps(json.loads(export.content), ensure_ascii=False))
    return "\n".join(bodies)


def _mails(outbox, to):
    return "\n".join(
        m.body + "".join(str(a[0]) for a in m.alternatives) for m in outbox if to in m.to
    )


def test_contact_details_only_after_acceptance(
    client, pair, django_capture_on_commit_callbacks, outbox
):
    vera, wim = pair
    client.force_login(vera.user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("encounters:introduce", args=[wim.pk]), {"message": MESSAGE})
    assert response.status_code == 302
    assert outbox[-1].to == ["wim@voorbeeld.nl"] and MESSAGE in outbox[-1].body

    # before acceptance: neither sees the other's e-mail or phone anywhere
    assert "wim@voorbeeld.nl" not in _pages(client, vera.user, vera, wim)
    assert "06-33334444" not in _pages(client, vera.user, vera, wim)
    wim_sees = _pages(client, wim.user, vera, wim)
    assert "vera@voorbeeld.nl" not in wim_sees and "06-11112222" not in wim_sees
    assert "vera@voorbeeld.nl" not in _mails(outbox, "wim@voorbeeld.nl")
    assert "06-11112222" not in _mails(outbox, "wim@voorbeeld.nl")

    introduction = Introduction.objects.get()
    client.force_login(wim.user)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("encounters:introduction_answer", args=[introduction.pk, "accepteren"]))
    introduction.refresh_from_db()
    assert introduction.status == IntroductionStatus.ACCEPTED

    vera_sees = _pages(client, vera.user, vera, wim)
    assert "wim@voorbeeld.nl" in vera_sees and "06-33334444" in vera_sees
    wim_sees = _pages(client, wim.user, vera, wim)
    assert "vera@voorbeeld.nl" in wim_sees and "06-11112222" in wim_sees
    assert "06-33334444" in _mails(outbox, "vera@voorbeeld.nl")
    assert "06-11112222" in _mails(outbox, "wim@voorbeeld.nl")
    # a third person still sees neither
    third = UserFactory()
    third_sees = _pages(client, third, vera, wim)
    assert "wim@voorbeeld.nl" not in third_sees and "vera@voorbeeld.nl" not in third_sees


def test_declined_reads_geen_reactie_for_the_requester(
    client, pair, outbox, django_capture_on_commit_callbacks
):
    vera, wim = pair
    introduction = IntroductionFactory(requester=vera.user, recipient=wim.user)
    client.force_login(wim.user)
    sent_before = len(outbox)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("encounters:introduction_answer", args=[introduction.pk, "afwijzen"]))
    assert len(outbox) == sent_before  # no mail tells of a refusal
    client.cookies.clear()
    client.force_login(vera.user)
    body = client.get(reverse("encounters:introductions")).content.decode()
    assert "geen reactie" in body and "afgewezen" not in body


def test_requests_expire_after_30_days(pair):
    vera, wim = pair
    introduction = services.introduction_request(
        requester=vera.user, recipient=wim.user, message=MESSAGE
    )
    assert introduction.expires_at - introduction.created_at == timedelta(days=30)
    assert expire_introductions.call() == 0
    Introduction.objects.filter(pk=introduction.pk).update(
        expires_at=timezone.now() - timedelta(seconds=1)
    )
    assert expire_introductions.call() == 1
    introduction.refresh_from_db()
    assert introduction.status == IntroductionStatus.EXPIRED
    assert introduction.status_for(vera.user) == "geen reactie"


def test_expiry_task_is_registered_as_periodic():
    from ontmoetingen.core import registry

    assert expire_introductions in registry.periodic_tasks()


def test_only_the_recipient_answers(client, pair):
    vera, wim = pair
    introduction = IntroductionFactory(requester=vera.user, recipient=wim.user)
    client.force_login(vera.user)
    url = reverse("encounters:introduction_answer", args=[introduction.pk, "accepteren"])
    assert client.post(url).status_code == 404
    introduction.refresh_from_db()
    assert introduction.is_open


def test_one_open_request_per_pair_either_way(pair):
    vera, wim = pair
    services.introduction_request(requester=vera.user, recipient=wim.user, message=MESSAGE)
    with pytest.raises(ServiceError) as error:
        services.introduction_request(requester=vera.user, recipient=wim.user, message=MESSAGE)
    assert error.value.code == "pair_open"
    with pytest.raises(ServiceError) as error:
        services.introduction_request(requester=wim.user, recipient=vera.user, message=MESSAGE)
    assert error.value.code == "pair_open"


def test_at_most_ten_open_requests(area):
    me = UserFactory()
    others = [
        ProfessionalFactory(working_area=[area["Zeist"]]) for _ in range(MAX_OPEN_REQUESTS + 1)
    ]
    for other in others[:MAX_OPEN_REQUESTS]:
        services.introduction_request(requester=me, recipient=other.user, message=MESSAGE)
    with pytest.raises(ServiceError) as error:
        services.introduction_request(requester=me, recipient=others[-1].user, message=MESSAGE)
    assert error.value.code == "limit"


def test_cannot_request_unpublished_or_self(area):
    hidden = ProfessionalFactory(unpublished=True, working_area=[area["Zeist"]])
    with pytest.raises(ServiceError):
        services.introduction_request(
            requester=UserFactory(), recipient=hidden.user, message=MESSAGE
        )
    with pytest.raises(ServiceError):
        services.introduction_request(requester=hidden.user, recipient=hidden.user, message=MESSAGE)


def test_block_closes_open_requests_and_stops_new_ones(client, pair):
    vera, wim = pair
    introduction = IntroductionFactory(requester=vera.user, recipient=wim.user)
    client.force_login(wim.user)
    assert client.post(reverse("encounters:block", args=[vera.pk])).status_code == 302
    introduction.refresh_from_db()
    assert introduction.status == IntroductionStatus.DECLINED
    with pytest.raises(ServiceError) as error:
        services.introduction_request(requester=vera.user, recipient=wim.user, message=MESSAGE)
    assert error.value.code == "blocked"


def test_report_abuse_reaches_the_team(client, pair, django_capture_on_commit_callbacks, outbox):
    vera, wim = pair
    team = UserFactory(project_team=True, email="team@voorbeeld.nl")
    client.force_login(vera.user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("encounters:report", args=[wim.pk]), {"text": "Stuurt steeds reclame."}
        )
    assert response.status_code == 302
    assert outbox[-1].to == [team.email] and "Stuurt steeds reclame." in outbox[-1].body
    client.force_login(team)
    assert "Stuurt steeds reclame." in client.get(reverse("encounters:reports")).content.decode()


def test_keyboard_free_form_errors_for_short_message(client, pair):
    vera, wim = pair
    client.force_login(vera.user)
    response = client.post(reverse("encounters:introduce", args=[wim.pk]), {"message": "hoi"})
    assert response.status_code == 200
    assert "Controleer het formulier" in response.content.decode()
    assert not Introduction.objects.exists()


def test_open_abuse_reports_need_attention_on_the_backoffice(client, pair):
    vera, wim = pair
    services.abuse_report_create(reporter=vera.user, reported=wim.user, text="Spam.")
    client.force_login(UserFactory(project_team=True))
    body = client.get(reverse("core:backoffice")).content.decode()
    assert "Meldingen van misbruik" in body
