"""The triage and take-up services leave a trace in the audit log; Django admin only shows."""

import pytest

from ontmoetingen.accounts.tests.factories import UserFactory
from ontmoetingen.core.audit import audit_entries
from ontmoetingen.core.errors import ServiceError
from ontmoetingen.questions import services
from ontmoetingen.questions.models import Question, ThemeProposal
from ontmoetingen.questions.tests.factories import ProposalFactory, QuestionFactory

pytestmark = pytest.mark.django_db


def test_triage_steps_are_recorded_with_who_and_what(team):
    colleague = UserFactory(project_team=True, full_name="Cor Collega")
    question = QuestionFactory()
    services.question_assign(question=question, assignee=colleague, actor=team)
    services.question_add_note(question=question, text="Even navragen.", actor=team)
    services.question_answer(question=question, answer="Zo werkt het.", actor=team)
    services.question_publish(
        question=question, faq_question="Hoe werkt het?", faq_answer="Zo.", actor=team
    )
    services.question_unpublish(question=question, actor=team)
    services.question_set_status(question=question, status=Question.Status.CLOSED, actor=team)
    entries = list(audit_entries(obj=question).order_by("at", "id"))
    assert [e.action for e in entries] == [
        "toegewezen",
        "interne notitie toegevoegd",
        "beantwoord",
        "gepubliceerd als veelgestelde vraag",
        "niet meer gepubliceerd",
        "status gewijzigd",
    ]
    assert {e.actor for e in entries} == {team}
    assert entries[0].changes == {"Toegewezen aan": [None, str(colleague)]}
    assert entries[2].changes == {"Status": ["in behandeling", "beantwoord"]}
    assert entries[-1].changes == {"Status": ["beantwoord", "gesloten"]}
    assert "Even navragen." not in str([e.changes for e in entries])


def test_refused_step_leaves_no_entry(team):
    question = QuestionFactory()
    with pytest.raises(ServiceError):
        services.question_publish(question=question, faq_question="x", faq_answer="y", actor=team)
    assert not audit_entries(obj=question).exists()


def test_proposal_and_take_up_are_recorded(team, professional):
    proposal = services.proposal_create(
        title="Thema", description="Waarom", purpose="webinar", domain="jgz", proposer=professional
    )
    assert audit_entries(obj=proposal).get().actor == professional
    services.proposal_take_up(proposal=proposal, url="/toolkit/x/", title="Kaart", actor=team)
    entry = audit_entries(obj=proposal).first()
    assert (entry.action, entry.actor) == ("opgepakt", team)
    assert entry.changes == {"Link": [None, "Kaart (/toolkit/x/)"]}


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def test_admin_shows_questions_but_cannot_change_them(admin_client):
    question = QuestionFactory(text="Oorspronkelijke vraag")
    url = f"/beheer/django/questions/question/{question.pk}/change/"
    page = admin_client.get(url)
    assert page.status_code == 200 and "Oorspronkelijke vraag" in page.content.decode()
    assert 'name="_save"' not in page.content.decode()
    response = admin_client.post(url, {"text": "Anders", "status": "closed", "kind": "other"})
    assert response.status_code == 403
    question.refresh_from_db()
    assert (question.text, question.status) == ("Oorspronkelijke vraag", Question.Status.NEW)
    assert admin_client.get("/beheer/django/questions/question/add/").status_code == 403


def test_admin_cannot_change_proposals_or_votes(admin_client):
    proposal = ProposalFactory(title="Voorstel")
    url = f"/beheer/django/questions/themeproposal/{proposal.pk}/change/"
    assert admin_client.get(url).status_code == 200
    response = admin_client.post(url, {"title": "Zonder controle", "status": "taken_up"})
    assert response.status_code == 403
    proposal.refresh_from_db()
    assert (proposal.title, proposal.status) == ("Voorstel", ThemeProposal.Status.OPEN)
