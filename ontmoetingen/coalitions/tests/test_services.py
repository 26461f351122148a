import re
from datetime import date, timedelta

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from ontmoetingen.accounts.tests.factories import UserFactory
from ontmoetingen.coalitions import services
from ontmoetingen.coalitions.models import (
    CoalitionMembership,
    CoalitionMunicipality,
    CoalitionStatus,
    Invitation,
    InvitationStatus,
    StatusChange,
)
from ontmoetingen.coalitions.tests.factories import CoalitionFactory, MembershipFactory
from ontmoetingen.core.errors import ServiceError
from ontmoetingen.core.models import AuditLog
from ontmoetingen.directory.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def test_create_records_first_status_and_log(regions):
    actor = UserFactory(project_team=True)
    coalition = services.coalition_create(
        name="Kansrijke Start Utrecht",
        municipalities=["GM0344"],
        actor=actor,
        status=CoalitionStatus.IN_OPBOUW,
        status_since=date(2021, 3, 1),
    )
    change = StatusChange.objects.get(coalition=coalition)
    assert (change.status, change.changed_on, change.changed_by) == (
        "in_opbouw",
        date(2021, 3, 1),
        actor,
    )
    assert list(coalition.municipalities.values_list("code", flat=True)) == ["GM0344"]
    log = AuditLog.objects.for_object(coalition).get()
    assert log.actor == actor and log.action == "coalitie aangemaakt"


def test_municipality_in_at_most_one_active_coalition(regions):
    CoalitionFactory(municipalities=["GM0344"])
    with pytest.raises(ServiceError) as error:
        services.coalition_create(name="Tweede", municipalities=["GM0344", "GM0363"], actor=None)
    assert error.value.code == "municipality_taken"
    assert "Utrecht" in error.value.message
    # the database refuses it too, whatever the code path
    other = CoalitionFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        CoalitionMunicipality.objects.create(coalition=other, municipality_id="GM0344")


def _settings(coalition, **changed):
    """Save a coalition's settings, unchanged except for ``changed``."""
    values = {
        "name": coalition.name,
        "municipalities": list(
            coalition.coalition_municipalities.filter(active=True).values_list(
                "municipality_id", flat=True
            )
        ),
        "coordinators": list(coalition.coordinators.all()),
        "active": coalition.active,
        **changed,
    }
    return services.coalition_settings_update(coalition=coalition, actor=None, **values)


def test_inactive_link_frees_the_municipality(regions):
    first = CoalitionFactory(municipalities=["GM0344", "GM0363"])
    _settings(first, municipalities=["GM0363"])
    second = services.coalition_create(name="Nieuw", municipalities=["GM0344"], actor=None)
    assert second.municipalities.get().code == "GM0344"
    # the old link is kept for history
    assert (
        CoalitionMunicipality.objects.get(coalition=first, municipality_id="GM0344").active is False
    )


def test_change_status_records_history_and_updates_coalition(regions):
    actor = UserFactory(coordinator=True)
    coalition = CoalitionFactory(municipalities=["GM0344"])
    services.coalition_change_status(
        coalition=coalition,
        status=CoalitionStatus.WERKEND,
        actor=actor,
        note="Plan van aanpak vastgesteld",
        changed_on=date(2022, 5, 1),
    )
    coalition.refresh_from_db()
    assert coalition.status == "werkend" and coalition.status_since == date(2022, 5, 1)
    history = list(
        StatusChange.objects.filter(coalition=coalition).values_list("status", "changed_on")
    )
    assert history == [("orienterend", date(2020, 1, 1)), ("werkend", date(2022, 5, 1))]
    assert StatusChange.objects.get(status="werkend").changed_by == actor
    assert AuditLog.objects.filter(action="status gewijzigd", actor=actor).count() == 1


@pytest.mark.parametrize(
    ("status", "changed_on", "code"),
    [
        ("orienterend", None, "same_status"),
        ("werkend", date(2019, 1, 1), "before_last"),
        ("werkend", "tomorrow", "future"),
        ("onbekend", None, "status"),
    ],
)
def test_change_status_refused(regions, status, changed_on, code):
    coalition = CoalitionFactory(municipalities=["GM0344"])
    if changed_on == "tomorrow":
        changed_on = timezone.localdate() + timedelta(days=1)
    with pytest.raises(ServiceError) as error:
        services.coalition_change_status(
            coalition=coalition, status=status, actor=None, changed_on=changed_on
        )
    assert error.value.code == code
    assert StatusChange.objects.filter(coalition=coalition).count() == 1


def test_update_logs_only_what_changed(regions):
    actor = UserFactory(coordinator=True)
    coalition = CoalitionFactory(municipalities=["GM0344"], contact_name="Anna")
    services.coalition_update(
        coalition=coalition,
        actor=actor,
        contact_name="Anna",
        ambitions="Elke zwangere vroeg in beeld",
        action_plan=True,
        action_plan_date=date(2023, 1, 1),
    )
    log = AuditLog.objects.get(action="gegevens gewijzigd")
    assert set(log.changes) == {"ambities", "plan van aanpak", "datum plan van aanpak"}
    coalition.refresh_from_db()
    assert coalition.last_confirmed_on == timezone.localdate()
    # unchecking the action plan clears its date
    services.coalition_update(coalition=coalition, actor=actor, action_plan=False)
    coalition.refresh_from_db()
    assert coalition.action_plan_date is None


def test_membership_add_remove_and_duplicate(regions):
    coalition = CoalitionFactory(municipalities=["GM0344"])
    organisation = OrganisationFactory()
    services.membership_add(coalition=coalition, organisation=organisation, actor=None)
    with pytest.raises(ServiceError) as error:
        services.membership_add(coalition=coalition, organisation=organisation, actor=None)
    assert error.value.code == "already_partner"
    services.membership_add(
        coalition=coalition, organisation=organisation, actor=None, role="kernpartner"
    )
    assert CoalitionMembership.objects.get().role == "kernpartner"
    services.membership_remove(coalition=coalition, organisation=organisation, actor=None)
    assert not CoalitionMembership.objects.exists()
    with pytest.raises(ServiceError):
        services.membership_remove(coalition=coalition, organisation=organisation, actor=None)


def test_invitation_mails_signed_link_and_accepting_adds_partner(
    regions, client, outbox, django_capture_on_commit_callbacks
):
    actor = UserFactory(coordinator=True, full_name="Carla Coördinator")
    coalition = CoalitionFactory(municipalities=["GM0344"], contact_email="coalitie@voorbeeld.nl")
    organisation = OrganisationFactory(
        name="Verloskundigen De Wieg", contact_email="info@dewieg.nl", service_area=["GM0344"]
    )
    with django_capture_on_commit_callbacks(execute=True):
        invitation = services.invitation_create(
            coalition=coalition, organisation=organisation, actor=actor
        )
    assert invitation.status == InvitationStatus.SENT and invitation.invited_by == actor
    assert len(outbox) == 1
    message = outbox[0]
    assert message.to == ["info@dewieg.nl"]
    assert message.reply_to == [actor.email]  # answers reach the coordinator who invited
    assert coalition.name in message.subject
    match = re.search(r"http://testserver/coalities/uitnodiging/([^/\s]+)/", message.body)
    token = match.group(1)
    assert services.invitation_from_token(token) == invitation
    assert not CoalitionMembership.objects.exists()

    response = client.get(f"/coalities/uitnodiging/{token}/")
    assert "Ja, wij worden partner" in response.content.decode()
    response = client.post(f"/coalities/uitnodiging/{token}/")
    assert response.status_code == 200
    membership = CoalitionMembership.objects.get()
    assert (membership.coalition, membership.organisation) == (coalition, organisation)
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.ACCEPTED and invitation.accepted_at
    # a second click changes nothing
    client.post(f"/coalities/uitnodiging/{token}/")
    assert CoalitionMembership.objects.count() == 1


def test_second_invitation_the_same_day_is_refused(
    regions, outbox, django_capture_on_commit_callbacks
):
    coalition = CoalitionFactory(municipalities=["GM0344"])
    organisation = OrganisationFactory(contact_email="info@praktijk.nl")
    with django_capture_on_commit_callbacks(execute=True):
        services.invitation_create(coalition=coalition, organisation=organisation, actor=None)
    with pytest.raises(ServiceError) as error:
        services.invitation_create(coalition=coalition, organisation=organisation, actor=None)
    assert error.value.code == "recently_invited"
    assert len(outbox) == 1 and Invitation.objects.count() == 1


def test_invitation_refused_without_email_or_when_partner(regions, outbox):
    coalition = CoalitionFactory(municipalities=["GM0344"])
    without_email = OrganisationFactory(contact_email="")
    with pytest.raises(ServiceError) as error:
        services.invitation_create(coalition=coalition, organisation=without_email, actor=None)
    assert error.value.code == "no_email"
    partner = MembershipFactory(coalition=coalition).organisation
    with pytest.raises(ServiceError) as error:
        services.invitation_create(coalition=coalition, organisation=partner, actor=None)
    assert error.value.code == "already_partner"
    assert not Invitation.objects.exists()


def test_forged_invitation_link_is_refused(regions, client):
    response = client.get("/coalities/uitnodiging/niet-echt/")
    assert response.status_code == 400
    assert "klopt niet" in response.content.decode()
    assert client.post("/coalities/uitnodiging/niet-echt/").status_code == 400
    assert not CoalitionMembership.objects.exists()


def test_stopping_a_coalition_frees_its_municipalities(regions):
    stopped = CoalitionFactory(municipalities=["GM0344"])
    _settings(stopped, active=False)
    assert not CoalitionMunicipality.objects.filter(active=True).exists()
    successor = services.coalition_create(name="Nieuw", municipalities=["GM0344"], actor=None)
    # restarting the old one would take Utrecht twice: refused, nothing changed
    with pytest.raises(ServiceError) as error:
        _settings(stopped, active=True, municipalities=["GM0344"])
    assert error.value.code == "municipality_taken"
    stopped.refresh_from_db()
    assert stopped.active is False
    assert CoalitionMunicipality.objects.get(active=True).coalition == successor


def test_refused_settings_change_nothing(regions):
    """Restarting a stopped coalition with a municipality that another coalition has is
    refused; the new municipality, the coordinator and the name are not saved either."""
    team = UserFactory(project_team=True)
    stopped = CoalitionFactory(name="Oud", municipalities=["GM0344"])
    _settings(stopped, active=False)
    CoalitionFactory(name="Amsterdam", municipalities=["GM0363"])
    log_before = AuditLog.objects.count()
    with pytest.raises(ServiceError) as error:
        services.coalition_settings_update(
            coalition=stopped,
            actor=team,
            name="Nieuwe naam",
            municipalities=["GM0344", "GM0363", "GM0307"],
            coordinators=[UserFactory(coordinator=True)],
            active=True,
        )
    assert error.value.code == "municipality_taken"
    stopped.refresh_from_db()
    assert (stopped.name, stopped.active) == ("Oud", False)
    assert not stopped.coordinators.exists()
    assert set(stopped.coalition_municipalities.values_list("municipality_id", "active")) == {
        ("GM0344", False)
    }
    assert AuditLog.objects.count() == log_before


def test_restart_takes_back_only_the_chosen_municipalities(regions):
    coalition = CoalitionFactory(municipalities=["GM0344", "GM0307"])
    _settings(coalition, municipalities=["GM0344"])
    _settings(coalition, active=False)
    _settings(coalition, active=True, municipalities=["GM0344"])
    assert set(
        coalition.coalition_municipalities.filter(active=True).values_list(
            "municipality_id", flat=True
        )
    ) == {"GM0344"}
    entry = AuditLog.objects.for_object(coalition).first()
    assert entry.action == "instellingen gewijzigd"
    assert entry.changes == {"gemeenten": [[], ["GM0344"]], "actief": [False, True]}


def test_restart_racing_another_coalition_is_refused_not_a_crash(regions, monkeypatch):
    """If another coalition takes a municipality between the check and the write (simulated by
    skipping the check), the database constraint refuses it and the user gets the message."""
    stopped = CoalitionFactory(municipalities=["GM0344"])
    _settings(stopped, active=False)
    CoalitionFactory(municipalities=["GM0344"])
    monkeypatch.setattr(services, "_check_free", lambda codes, coalition=None: None)
    with pytest.raises(ServiceError) as error:
        _settings(stopped, active=True, municipalities=["GM0344"])
    assert error.value.code == "municipality_taken"
    stopped.refresh_from_db()
    assert stopped.active is False
