"""Django admin writes through the services: audit log, moderation left to moderation."""

import pytest

from ontmoetingen.accounts.tests.factories import UserFactory
from ontmoetingen.core.audit import audit_entries
from ontmoetingen.toolkit import services, uploads
from ontmoetingen.toolkit.models import Resource, Status
from ontmoetingen.toolkit.tests.factories import ResourceFactory
from ontmoetingen.toolkit.tests.files import pdf_bytes, upload

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _private_root(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path


@pytest.fixture
def admin_user(client):
    user = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(user)
    return user


def change_data(resource: Resource, **extra) -> dict:
    data = {
        "title": resource.title,
        "slug": resource.slug,
        "kind": resource.kind,
        "summary": resource.summary,
        "status": resource.status,
        "domain_choices": resource.domains or ["sociaal"],
    }
    data.update(extra)
    return data


def change_url(resource: Resource) -> str:
    return f"/beheer/django/toolkit/resource/{resource.pk}/change/"


def test_admin_cannot_publish_a_proposal_around_moderation(
    client, admin_user, outbox, django_capture_on_commit_callbacks
):
    proposal = ResourceFactory(proposed=True, proposed_by=UserFactory(professional=True))
    page = client.get(change_url(proposal)).content.decode()
    assert 'name="status"' not in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(change_url(proposal), change_data(proposal, status="gepubliceerd"))
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == Status.PROPOSED and proposal.published_at is None
    assert outbox == []


def test_admin_offers_only_draft_and_published(client, admin_user):
    resource = ResourceFactory()
    response = client.post(change_url(resource), change_data(resource, status="afgewezen"))
    assert response.status_code == 200
    resource.refresh_from_db()
    assert resource.status == Status.PUBLISHED


def test_admin_edit_is_recorded_with_before_and_after(client, admin_user):
    resource = ResourceFactory(title="Oude titel")
    response = client.post(change_url(resource), change_data(resource, title="Nieuwe titel"))
    assert response.status_code == 302
    entry = audit_entries(obj=resource).get()
    assert (entry.action, entry.actor) == ("gewijzigd", admin_user)
    assert entry.changes == {"Titel": ["Oude titel", "Nieuwe titel"]}


def test_admin_delete_is_recorded_and_removes_the_file(
    client, admin_user, django_capture_on_commit_callbacks
):
    resource = ResourceFactory(title="Weg ermee")
    services.resource_save(
        resource=resource, themes=[], mirror=None, upload=upload("a.pdf", pdf_bytes()), actor=None
    )
    path = Resource.objects.get(pk=resource.pk).file_path
    assert uploads.private_storage().exists(path)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/beheer/django/toolkit/resource/{resource.pk}/delete/", {"post": "yes"}
        )
    assert response.status_code == 302
    assert not Resource.objects.filter(pk=resource.pk).exists()
    assert not uploads.private_storage().exists(path)
    assert audit_entries(model=Resource).filter(action="verwijderd", actor=admin_user).exists()


def test_moderation_is_recorded():
    team = UserFactory(project_team=True)
    approved = ResourceFactory(proposed=True)
    rejected = ResourceFactory(proposed=True)
    services.resource_approve(resource=approved, actor=team)
    services.resource_reject(resource=rejected, actor=team, reason="Staat er al in.")
    assert audit_entries(obj=approved).get().changes == {"Status": ["voorgesteld", "gepubliceerd"]}
    entry = audit_entries(obj=rejected).get()
    assert (entry.action, entry.actor) == ("afgewezen", team)
    assert entry.changes["Reden"] == [None, "Staat er al in."]
    # what was turned down stays readable in the log
    assert entry.changes["Voorstel"] == [rejected.title, None]
    assert entry.changes["Samenvatting"] == [rejected.summary, None]
