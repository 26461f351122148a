import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ontmoetingen.accounts.tests.factories import UserFactory
from ontmoetingen.core.errors import ServiceError
from ontmoetingen.events.tests.factories import EventFactory
from ontmoetingen.questions import services
from ontmoetingen.questions.models import ThemeProposal, Vote
from ontmoetingen.questions.tests.factories import ProposalFactory, VoteFactory
from ontmoetingen.toolkit.tests.factories import ResourceFactory

pytestmark = pytest.mark.django_db


def proposal_data(**overrides):
    data = {
        "title": "Samenwerken met huisartsen",
        "description": "Hoe krijgen we huisartsen aan tafel?",
        "purpose": "webinar",
        "theme": "samenwerking-en-coalitievorming",
        "domain": "geboortezorg",
        "municipality": "",
    }
    data.update(overrides)
    return data


def test_professional_proposes_a_theme(client, professional):
    client.force_login(professional)
    assert client.get("/themas/nieuw/").status_code == 200
    response = client.post("/themas/nieuw/", proposal_data())
    assert response.status_code == 302
    proposal = ThemeProposal.objects.get()
    assert proposal.proposer == professional and proposal.purpose == "webinar"
    assert proposal.theme.slug == "samenwerking-en-coalitievorming"
    html = client.get("/themas/").content.decode()
    assert "Samenwerken met huisartsen" in html


def test_proposal_with_client_data_is_refused(client, professional):
    client.force_login(professional)
    response = client.post(
        "/themas/nieuw/", proposal_data(description="Zoals bij mevrouw Jansen (12-03-1990).")
    )
    assert response.status_code == 200
    assert "geboortedatum" in response.content.decode()
    assert not ThemeProposal.objects.exists()


def test_proposal_form_errors_keep_input(client, professional):
    client.force_login(professional)
    response = client.post("/themas/nieuw/", proposal_data(purpose=""))
    html = response.content.decode()
    assert "Samenwerken met huisartsen" in html and "Kies waarvoor het thema bedoeld is." in html


def test_one_vote_per_person_and_withdraw(client, professional):
    proposal = ProposalFactory()
    client.force_login(professional)
    url = f"/themas/{proposal.pk}/stem/"
    client.post(url, {"action": "add"})
    client.post(url, {"action": "add"})  # double submit changes nothing
    assert Vote.objects.filter(proposal=proposal).count() == 1
    html = client.get("/themas/").content.decode()
    assert "Stem intrekken" in html
    client.post(url, {"action": "remove"})
    assert not Vote.objects.exists()
    client.post(url, {"action": "add"})
    assert Vote.objects.count() == 1


def test_vote_service_is_idempotent(professional):
    proposal = ProposalFactory()
    assert services.vote_add(proposal=proposal, user=professional) is True
    assert services.vote_add(proposal=proposal, user=professional) is False
    assert services.vote_remove(proposal=proposal, user=professional) is True
    assert services.vote_remove(proposal=proposal, user=professional) is False


def test_no_voting_on_a_taken_up_proposal(client, professional):
    proposal = ProposalFactory(taken_up=True)
    VoteFactory(proposal=proposal, user=professional)
    with pytest.raises(ServiceError):
        services.vote_add(proposal=proposal, user=UserFactory(professional=True))
    with pytest.raises(ServiceError):
        services.vote_remove(proposal=proposal, user=professional)
    client.force_login(professional)
    response = client.post(f"/themas/{proposal.pk}/stem/", {"action": "remove"}, follow=True)
    assert "al opgepakt" in response.content.decode()
    assert Vote.objects.count() == 1


def test_htmx_vote_returns_only_the_vote_block(client, professional):
    proposal = ProposalFactory()
    client.force_login(professional)
    response = client.post(
        f"/themas/{proposal.pk}/stem/", {"action": "add"}, HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert "<html" not in html
    assert f'id="stem-{proposal.pk}"' in html and "Uw stem is geteld." in html
    assert "Stem intrekken" in html and ">1</span> stem" in html


def test_sort_by_votes_or_newest_and_filter_by_purpose(client):
    old_popular = ProposalFactory(title="Oud maar populair", purpose="toolkit")
    VoteFactory.create_batch(3, proposal=old_popular)
    ProposalFactory(title="Nieuw zonder stemmen", purpose="webinar")
    html = client.get("/themas/").content.decode()
    assert html.index("Oud maar populair") < html.index("Nieuw zonder stemmen")
    html = client.get("/themas/?sorteer=nieuw").content.decode()
    assert html.index("Nieuw zonder stemmen") < html.index("Oud maar populair")
    html = client.get("/themas/?doel=webinar").content.decode()
    assert "Nieuw zonder stemmen" in html and "Oud maar populair" not in html
    assert "toolkit (1)" in html
    html = client.get("/themas/?doel=webinar&status=taken_up").content.decode()
    assert "Geen voorstellen gevonden" in html


def test_take_up_mails_proposer_and_voters_and_shows_the_link(
    client, team, outbox, django_capture_on_commit_callbacks
):
    proposal = ProposalFactory(title="Roken en zwangerschap")
    voters = UserFactory.create_batch(2, professional=True)
    for voter in voters:
        VoteFactory(proposal=proposal, user=voter)
    VoteFactory(proposal=proposal, user=proposal.proposer)  # the proposer voted too: one mail
    client.force_login(team)
    assert client.get(f"/themas/{proposal.pk}/opgepakt/").status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/themas/{proposal.pk}/opgepakt/",
            {"url": "/agenda/webinar-roken/", "title": "Webinar Rookvrij opgroeien"},
        )
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == "taken_up" and proposal.taken_up_by == team
    recipients = sorted(m.to[0] for m in outbox)
    assert recipients == sorted([proposal.proposer.email, *[v.email for v in voters]])
    assert all("http://testserver/agenda/webinar-roken/" in m.body for m in outbox)
    assert all(len(m.to) == 1 for m in outbox)  # nobody sees the other recipients
    client.logout()
    html = client.get("/themas/").content.decode()
    assert "Opgepakt" in html and 'href="/agenda/webinar-roken/"' in html
    assert "Webinar Rookvrij opgroeien" in html


def test_take_up_refuses_unsafe_links(client, team):
    proposal = ProposalFactory()
    client.force_login(team)
    response = client.post(
        f"/themas/{proposal.pk}/opgepakt/", {"url": "javascript:alert(1)", "title": "x"}
    )
    assert response.status_code == 200
    assert "https://" in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.is_open


def test_take_up_twice_is_refused(team):
    proposal = ProposalFactory(taken_up=True)
    with pytest.raises(ServiceError):
        services.proposal_take_up(proposal=proposal, url="/x/", title="x", actor=team)


# --- permissions -------------------------------------------------------------------------------


def test_anonymous_can_read_but_not_propose_or_vote(client):
    proposal = ProposalFactory()
    html = client.get("/themas/").content.decode()
    assert proposal.title in html and "Log in" in html
    assert "/stem/" not in html  # no vote forms
    for response in (
        client.get("/themas/nieuw/"),
        client.post(f"/themas/{proposal.pk}/stem/", {"action": "add"}),
        client.get(f"/themas/{proposal.pk}/opgepakt/"),
    ):
        assert response.status_code == 302 and response["Location"].startswith("/inloggen/")
    assert not Vote.objects.exists()


def test_user_without_role_may_not_propose_or_vote(client):
    proposal = ProposalFactory()
    client.force_login(UserFactory())
    assert client.get("/themas/nieuw/").status_code == 403
    assert client.post("/themas/nieuw/", proposal_data()).status_code == 403
    assert client.post(f"/themas/{proposal.pk}/stem/", {"action": "add"}).status_code == 403
    assert not Vote.objects.exists()
    assert ThemeProposal.objects.count() == 1


@pytest.mark.parametrize("role", ["professional", "coordinator", "partner"])
def test_only_the_project_team_takes_up(client, role):
    proposal = ProposalFactory()
    client.force_login(UserFactory(**{role: True}))
    assert client.get(f"/themas/{proposal.pk}/opgepakt/").status_code == 403
    response = client.post(f"/themas/{proposal.pk}/opgepakt/", {"url": "/x/", "title": "x"})
    assert response.status_code == 403
    proposal.refresh_from_db()
    assert proposal.is_open


def test_vote_needs_post(client, professional):
    proposal = ProposalFactory()
    client.force_login(professional)
    assert client.get(f"/themas/{proposal.pk}/stem/").status_code == 405


def test_proposal_list_queries_are_constant(client, professional):
    client.force_login(professional)
    for proposal in ProposalFactory.create_batch(2):
        VoteFactory(proposal=proposal)
    client.get("/themas/")
    with CaptureQueriesContext(connection) as few:
        client.get("/themas/")
    for proposal in ProposalFactory.create_batch(15):
        VoteFactory.create_batch(2, proposal=proposal)
    with CaptureQueriesContext(connection) as many:
        client.get("/themas/")
    assert len(few) == len(many)


def test_take_up_offers_published_events_and_toolkit_resources(client, team, theme):
    published = ResourceFactory(title="Gesprekskaart geldzorgen")
    ResourceFactory(title="Nog een concept", proposed=True)
    EventFactory(title="Kennisbijeenkomst in Zwolle")
    EventFactory(title="Bijeenkomst in concept", draft=True)
    proposal = ProposalFactory()
    client.force_login(team)
    html = client.get(f"/themas/{proposal.pk}/opgepakt/").content.decode()
    assert "Gesprekskaart geldzorgen" in html and "Nog een concept" not in html
    assert "Kennisbijeenkomst in Zwolle" in html and "Bijeenkomst in concept" not in html
    response = client.post(
        f"/themas/{proposal.pk}/opgepakt/", {"choice": published.get_absolute_url()}
    )
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.taken_up_url == published.get_absolute_url()
    assert proposal.taken_up_title == "Gesprekskaart geldzorgen"
