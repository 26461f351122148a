"""/mijn/: name, password, roles in words, deleting the account with a grace period."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from ontmoetingen.accounts.models import User
from ontmoetingen.accounts.services import accounts_erase_due
from ontmoetingen.accounts.tasks import erase_deleted_accounts
from ontmoetingen.accounts.tests.factories import PASSWORD, UserFactory
from ontmoetingen.core import registry
from ontmoetingen.core.audit import audit_entries, record
from ontmoetingen.core.models import AuditLog

pytestmark = pytest.mark.django_db


def test_roles_are_shown_in_words(client):
    user = UserFactory(roles=["coordinator", "projectteam"])
    client.force_login(user)
    html = client.get(reverse("accounts:mine")).content.decode()
    assert "coördinator van een coalitie, projectteam" in html
    assert ">coordinator<" not in html


def test_change_name_is_saved_and_audited(client):
    user = UserFactory(full_name="Vera Jansen")
    client.force_login(user)
    response = client.post(reverse("accounts:name_change"), {"full_name": "  Vera de Vries "})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.full_name == "Vera de Vries"
    entry = audit_entries(obj=user).get(action="naam gewijzigd")
    assert entry.changes == {"naam": ["Vera Jansen", "Vera de Vries"]}


def test_change_password_with_dutch_errors(client):
    user = UserFactory()
    client.force_login(user)
    url = reverse("accounts:password_change")
    assert "Huidig wachtwoord" in client.get(url).content.decode()
    response = client.post(
        url,
        {"old_password": "fout", "new_password1": "x", "new_password2": "y"},
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "Dit is niet uw huidige wachtwoord." in html
    new = "een-nieuw-lang-wachtwoord-7"
    response = client.post(
        url, {"old_password": PASSWORD, "new_password1": new, "new_password2": new}
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(new)
    # still logged in on this device
    assert client.get(reverse("accounts:mine")).status_code == 200


def test_delete_needs_the_password(client):
    user = UserFactory()
    client.force_login(user)
    response = client.post(reverse("accounts:account_delete"), {"password": "fout"})
    assert response.status_code == 400
    assert "Dit is niet uw wachtwoord." in response.content.decode()
    user.refresh_from_db()
    assert user.deletion_requested_at is None


def test_delete_logs_out_and_can_be_cancelled_after_logging_in(client):
    user = UserFactory()
    client.force_login(user)
    response = client.post(reverse("accounts:account_delete"), {"password": PASSWORD})
    assert "Uw account wordt verwijderd" in response.content.decode()
    assert not response.wsgi_request.user.is_authenticated
    user.refresh_from_db()
    assert user.deletion_requested_at is not None
    client.post(reverse("accounts:login"), {"username": user.email, "password": PASSWORD})
    html = client.get(reverse("accounts:mine")).content.decode()
    assert "Toch niet verwijderen" in html
    client.post(reverse("accounts:account_delete_cancel"))
    user.refresh_from_db()
    assert user.deletion_requested_at is None
    assert accounts_erase_due() == 0


def test_erased_after_grace_period_leaving_audit_with_pseudonym(client, settings):
    actor = UserFactory(full_name="Anna Actor", email="anna@voorbeeld.nl")
    team = UserFactory(project_team=True)
    other = UserFactory()
    record(other, "rollen gewijzigd", actor=actor, changes={"door": ["Anna Actor", "x"]})
    record(actor, "naam gewijzigd", actor=team, changes={"naam": ["Anna Actor", "Anna"]})
    actor.deletion_requested_at = timezone.now() - timedelta(days=13)
    actor.save()
    assert accounts_erase_due() == 0  # still within the grace period
    actor.deletion_requested_at = timezone.now() - timedelta(
        days=settings.ACCOUNT_DELETION_GRACE_DAYS, minutes=1
    )
    actor.save()
    assert erase_deleted_accounts in registry.periodic_tasks()
    erase_deleted_accounts.call()
    actor.refresh_from_db()
    assert actor.erased_at is not None
    assert not actor.is_active and not actor.has_usable_password()
    assert "Anna" not in actor.full_name and "anna@" not in actor.email
    assert not actor.groups.exists()
    # the log still says what was done, under the pseudonym
    done = AuditLog.objects.get(object_id=str(other.pk), action="rollen gewijzigd")
    assert done.actor == actor and str(done.actor).startswith("Verwijderd account")
    about = audit_entries(obj=actor).get(action="naam gewijzigd")
    assert "Anna" not in about.object_repr and "Anna" not in str(about.changes)
    assert not User.objects.filter(email="anna@voorbeeld.nl").exists()
    assert accounts_erase_due() == 0  # once


def test_erasure_removes_rows_owned_by_the_account():
    from django_otp.plugins.otp_totp.models import TOTPDevice

    user = UserFactory(project_team=True)
    TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    user.deletion_requested_at = timezone.now() - timedelta(days=30)
    user.save()
    accounts_erase_due()
    assert not TOTPDevice.objects.filter(user=user).exists()
