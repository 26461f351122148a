from datetime import timedelta

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from ontmoetingen.accounts.tests.factories import UserFactory
from ontmoetingen.core.errors import ServiceError
from ontmoetingen.questions import services
from ontmoetingen.questions.hooks import mine_section
from ontmoetingen.questions.models import Question, QuestionNote
from ontmoetingen.questions.tests.factories import NoteFactory, QuestionFactory

pytestmark = pytest.mark.django_db

NEW_URL = "/vragen/nieuw/"
NOTE_TEXT = "GEHEIM-INTERN: vraagsteller is lastig, eerst overleggen met Karin."


def form_data(**overrides):
    data = {
        "kind": "question",
        "text": "Hoe krijgen we de verloskundigen aan tafel in onze coalitie?",
        "domain": "geboortezorg",
        "municipality": "",
        "theme": "",
        "name": "Sanne de Wit",
        "email": "sanne@praktijk.example",
        "website": "",
    }
    data.update(overrides)
    return data


def all_mail_text(outbox) -> str:
    parts = []
    for message in outbox:
        parts.extend([message.subject, message.body])
        parts.extend(str(content) for content, _ in message.alternatives)
    return "\n".join(parts)


# --- asking ------------------------------------------------------------------------------------


def test_form_page_warns_about_client_data(client):
    response = client.get(NEW_URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Zet geen gegevens van cliënten" in html
    assert 'name="website"' in html and 'class="honeypot"' in html
    assert reverse("questions:new") == NEW_URL
    assert reverse("questions:faq") == "/vragen/"


def test_anonymous_question_is_stored_and_confirmed_with_a_status_link(
    client, outbox, django_capture_on_commit_callbacks, place, theme
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            NEW_URL, form_data(municipality=place.code, theme=theme.slug, kind="need")
        )
    assert response.status_code == 302
    assert response["Location"] == "/vragen/verzonden/"
    question = Question.objects.get()
    assert question.status == Question.Status.NEW
    assert question.kind == "need" and question.municipality == place and question.theme == theme
    assert question.email == "sanne@praktijk.example" and question.user is None
    assert len(question.ip_hash) == 64 and "127.0.0.1" not in question.ip_hash
    assert len(outbox) == 1
    mail = outbox[0]
    assert mail.to == ["sanne@praktijk.example"]
    status_url = f"http://testserver/vragen/status/{question.token}/"
    assert status_url in mail.body
    assert status_url in mail.alternatives[0][0]
    page = client.get(f"/vragen/status/{question.token}/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "nieuw" in html and "Hoe krijgen we de verloskundigen" in html
    assert page["X-Robots-Tag"] == "noindex"
    sent = client.get("/vragen/verzonden/").content.decode()
    assert "uw vraag is verstuurd" in sent


def test_unknown_status_token_is_404(client):
    assert client.get("/vragen/status/bestaat-niet/").status_code == 404


def test_logged_in_form_is_prefilled_and_question_linked(
    client, professional, django_capture_on_commit_callbacks
):
    client.force_login(professional)
    html = client.get(NEW_URL).content.decode()
    assert f'value="{professional.email}"' in html
    assert f'value="{professional.full_name}"' in html
    with django_capture_on_commit_callbacks(execute=True):
        client.post(NEW_URL, form_data(name=professional.full_name, email=professional.email))
    question = Question.objects.get()
    assert question.user == professional
    # the section this app adds to /mijn/ (rendered on its own: other areas add theirs)
    request = RequestFactory().get("/mijn/")
    request.user = professional
    context = mine_section(request)
    mine = render_to_string("questions/partials/_mine_section.html", {"section": context})
    assert "Mijn vragen" in mine and question.get_status_url() in mine


def test_missing_fields_keep_input_with_dutch_errors(client):
    response = client.post(NEW_URL, form_data(domain="", email="geen-adres"))
    html = response.content.decode()
    assert response.status_code == 200
    assert Question.objects.count() == 0
    assert "Hoe krijgen we de verloskundigen" in html  # input kept
    assert "Kies het domein waarin u werkt." in html
    assert "Vul een geldig e-mailadres in" in html


# --- privacy filter ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Cliënte met BSN 111222333 heeft hulp nodig.", "burgerservicenummer"),
        ("Mevrouw Jansen (12-03-1990) heeft geldzorgen.", "geboortedatum"),
        ("Het gaat om Anna de Vries, geboren 3 maart 1995.", "geboortedatum"),
    ],
)
def test_client_data_is_refused_and_nothing_stored(
    client, outbox, django_capture_on_commit_callbacks, text, expected
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(NEW_URL, form_data(text=text))
    html = response.content.decode()
    assert response.status_code == 200
    assert expected in html and "Er is niets opgeslagen" in html
    assert 'aria-invalid="true"' in html
    assert Question.objects.count() == 0
    assert outbox == []


def test_nine_digits_failing_the_eleven_test_are_accepted(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(NEW_URL, form_data(text="Ons projectnummer is 123456789."))
    assert response.status_code == 302
    assert Question.objects.count() == 1


# --- abuse -------------------------------------------------------------------------------------


def test_honeypot_pretends_success_but_stores_and_sends_nothing(
    client, outbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(NEW_URL, form_data(website="http://spam.example"))
    assert response.status_code == 302 and response["Location"] == "/vragen/verzonden/"
    assert Question.objects.count() == 0
    assert outbox == []


def test_sixth_question_per_email_within_an_hour_is_refused(
    client, outbox, django_capture_on_commit_callbacks
):
    for n in range(5):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                NEW_URL, form_data(text=f"Vraag {n} over samenwerking"), REMOTE_ADDR=f"10.0.0.{n}"
            )
        assert response.status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(NEW_URL, form_data(text="Zesde vraag"), REMOTE_ADDR="10.0.0.99")
    html = response.content.decode()
    assert response.status_code == 200
    assert "niet meer dan 5 per uur" in html
    assert "Zesde vraag" in html  # input kept
    assert Question.objects.count() == 5  # nothing accepted was lost
    assert len(outbox) == 5


def test_sixth_question_per_ip_within_an_hour_is_refused(client):
    for n in range(5):
        client.post(NEW_URL, form_data(email=f"persoon{n}@voorbeeld.example"))
    response = client.post(NEW_URL, form_data(email="nog-iemand@voorbeeld.example"))
    assert "niet meer dan 5 per uur" in response.content.decode()
    assert Question.objects.count() == 5
    # another address is not limited by this one
    other = client.post(
        NEW_URL, form_data(email="ander@voorbeeld.example"), REMOTE_ADDR="192.0.2.7"
    )
    assert other.status_code == 302


def test_limit_counts_only_the_last_hour(client):
    for _ in range(5):
        client.post(NEW_URL, form_data())
    Question.objects.update(created_at=timezone.now() - timedelta(minutes=61))
    response = client.post(NEW_URL, form_data())
    assert response.status_code == 302
    assert Question.objects.count() == 6


def test_rate_limit_in_the_service_is_case_insensitive():
    for _ in range(5):
        services.question_create(
            kind="question", domain="jgz", text="Een vraag", name="A", email="A@Voorbeeld.example"
        )
    with pytest.raises(ServiceError) as error:
        services.question_create(
            kind="question", domain="jgz", text="Een vraag", name="A", email="a@voorbeeld.example"
        )
    assert error.value.code == "rate_limited"


# --- triage workflow ---------------------------------------------------------------------------


def test_whole_workflow_with_mails(
    client, outbox, team, place, theme, django_capture_on_commit_callbacks
):
    colleague = UserFactory(project_team=True, full_name="Karin Collega")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            NEW_URL,
            form_data(
                municipality=place.code,
                text="Ik ben Sanne de Wit uit Utrecht. Hoe krijgen we de verloskundigen aan tafel?",
            ),
        )
    question = Question.objects.get()
    outbox.clear()
    client.force_login(team)
    listing = client.get("/beheer/vragen/").content.decode()
    assert "Hoe krijgen we de verloskundigen" in listing
    assert "nieuw (1)" in listing

    url = question.get_absolute_url()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"action": "assign", "assign-assigned_to": colleague.pk})
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.assigned_to == colleague
    assert question.status == Question.Status.IN_PROGRESS
    assert [m.to for m in outbox] == [[colleague.email]]
    outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"action": "note", "note-text": NOTE_TEXT})
    assert QuestionNote.objects.get().text == NOTE_TEXT
    assert NOTE_TEXT in client.get(url).content.decode()
    assert outbox == []

    answer = "Begin klein: nodig **één praktijk** uit voor een kennismaking."
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"action": "answer", "answer-answer": answer})
    question.refresh_from_db()
    assert question.status == Question.Status.ANSWERED
    assert question.answered_at is not None and question.answered_by == team
    assert len(outbox) == 1
    assert outbox[0].to == ["sanne@praktijk.example"]
    assert "één praktijk" in outbox[0].body
    assert question.get_status_url() in outbox[0].body
    status_page = client.get(question.get_status_url()).content.decode()
    assert "beantwoord" in status_page and "<strong>één praktijk</strong>" in status_page

    response = client.post(
        url,
        {
            "action": "publish",
            "publish-faq_question": question.text,
            "publish-faq_answer": question.answer,
            "publish-theme": theme.slug,
        },
    )
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.is_published and question.theme == theme
    assert "Sanne" not in question.faq_question and "[naam]" in question.faq_question

    faq = client.get("/vragen/").content.decode()
    detail = client.get(question.get_faq_url()).content.decode()
    for html in (faq, detail):
        assert "Sanne" not in html and "de Wit" not in html
        assert "sanne@praktijk.example" not in html
        assert NOTE_TEXT not in html
    assert "<strong>één praktijk</strong>" in detail

    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"action": "status", "status-status": "closed"})
    question.refresh_from_db()
    assert question.status == Question.Status.CLOSED and question.closed_at is not None
    # no mail on any step leaked the internal note
    assert NOTE_TEXT not in all_mail_text(outbox)


def test_internal_notes_never_reach_asker_public_or_mail(
    client, outbox, team, django_capture_on_commit_callbacks
):
    question = QuestionFactory(published=True, status=Question.Status.IN_PROGRESS)
    question.is_published = False
    question.save()
    NoteFactory(question=question, text=NOTE_TEXT)
    with django_capture_on_commit_callbacks(execute=True):
        services.question_answer(question=question, answer="Ons antwoord.", actor=team)
        services.question_publish(
            question=question, faq_question="Een vraag?", faq_answer="Ons antwoord.", actor=team
        )
    pages = [
        client.get(question.get_status_url()),
        client.get("/vragen/"),
        client.get(question.get_faq_url()),
        client.get("/vragen/?q=antwoord"),
    ]
    for page in pages:
        assert page.status_code == 200
        assert NOTE_TEXT not in page.content.decode()
    assert len(outbox) == 1
    assert NOTE_TEXT not in all_mail_text(outbox)
    # the personal data export holds no notes either
    from ontmoetingen.questions.hooks import personal_data

    assert NOTE_TEXT not in str(personal_data(UserFactory(email=question.email)))


def test_publish_anonymises_and_refuses_client_data(team):
    question = QuestionFactory(answered=True, name="Joost Pieters", email="joost@voorbeeld.example")
    published = services.question_publish(
        question=question,
        faq_question="Joost vraagt: mail joost@voorbeeld.example of bel 06-12345678?",
        faq_answer="Beste Joost Pieters, dat kan.",
        actor=team,
    )
    assert "Joost" not in published.faq_question + published.faq_answer
    assert "Pieters" not in published.faq_answer
    assert "joost@voorbeeld.example" not in published.faq_question
    assert "12345678" not in published.faq_question
    with pytest.raises(ServiceError) as error:
        services.question_publish(
            question=question,
            faq_question="Over mevrouw Bakker (12-03-1990)",
            faq_answer="Antwoord",
            actor=team,
        )
    assert error.value.code == "client_data"


def test_only_answered_questions_can_be_published(team):
    question = QuestionFactory()
    with pytest.raises(ServiceError):
        services.question_publish(question=question, faq_question="v", faq_answer="a", actor=team)
    assert not Question.objects.published().exists()


def test_unpublish_hides_the_faq(client, team):
    question = QuestionFactory(published=True)
    assert client.get(question.get_faq_url()).status_code == 200
    client.force_login(team)
    client.post(question.get_absolute_url(), {"action": "unpublish"})
    client.logout()
    assert client.get(question.get_faq_url()).status_code == 404


def test_status_transitions(team):
    question = QuestionFactory()
    with pytest.raises(ServiceError):
        services.question_set_status(question=question, status="answered", actor=team)
    services.question_set_status(question=question, status="closed", actor=team)
    with pytest.raises(ServiceError):
        services.question_answer(question=question, answer="Te laat", actor=team)
    services.question_set_status(question=question, status="in_progress", actor=team)
    question.refresh_from_db()
    assert question.status == "in_progress" and question.closed_at is None


def test_invalid_status_shows_error_in_form(client, team):
    question = QuestionFactory(status=Question.Status.CLOSED)
    client.force_login(team)
    response = client.post(
        question.get_absolute_url(), {"action": "status", "status-status": "new"}
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "field__error" in html and "Kies een van de mogelijkheden" in html
    question.refresh_from_db()
    assert question.status == "closed"
    # only the allowed next steps are offered
    assert 'value="in_progress"' in html and 'value="new"' not in html


def test_assignment_only_to_project_team(team, professional):
    question = QuestionFactory()
    with pytest.raises(ServiceError):
        services.question_assign(question=question, assignee=professional, actor=team)


def test_triage_filters_and_counts(client, team, place, theme):
    QuestionFactory(status="new", theme=theme, municipality=place, text="Alfa vraag")
    QuestionFactory(status="new", domain="jgz", text="Bravo vraag")
    QuestionFactory(status="closed", assigned_to=team, text="Charlie vraag")
    client.force_login(team)
    html = client.get("/beheer/vragen/?status=new").content.decode()
    assert "Alfa vraag" in html and "Bravo vraag" in html and "Charlie vraag" not in html
    assert "gesloten (1)" in html and "nieuw (2)" in html
    html = client.get(f"/beheer/vragen/?province={place.province.code}").content.decode()
    assert "Alfa vraag" in html and "Bravo vraag" not in html
    html = client.get(f"/beheer/vragen/?assigned={team.pk}").content.decode()
    assert "Charlie vraag" in html and "Alfa vraag" not in html
    html = client.get("/beheer/vragen/?assigned=geen&domain=jgz").content.decode()
    assert "Bravo vraag" in html and "Alfa vraag" not in html
    html = client.get("/beheer/vragen/?theme=armoede-en-geldzorgen").content.decode()
    assert "Geen vragen" in html


# --- FAQ ---------------------------------------------------------------------------------------


def test_faq_search_and_theme_filter(client, theme):
    QuestionFactory(published=True, faq_question="Hoe werkt de meldcode?", theme=theme)
    QuestionFactory(published=True, faq_question="Wat kost een kraampakket?")
    QuestionFactory(answered=True, text="Niet gepubliceerd geheim")
    html = client.get("/vragen/").content.decode()
    assert "Hoe werkt de meldcode?" in html and "Wat kost een kraampakket?" in html
    assert "Niet gepubliceerd" not in html
    assert f"{theme.name} (1)" in html
    html = client.get("/vragen/?q=meldcode").content.decode()
    assert "Hoe werkt de meldcode?" in html and "kraampakket" not in html
    html = client.get(f"/vragen/?thema={theme.slug}").content.decode()
    assert "Hoe werkt de meldcode?" in html and "kraampakket" not in html
    html = client.get("/vragen/?q=onvindbaar").content.decode()
    assert "Geen vragen gevonden" in html


def test_faq_detail_of_unpublished_is_404(client):
    question = QuestionFactory(answered=True)
    assert client.get(question.get_faq_url()).status_code == 404


def test_faq_shows_no_asker_details(client, place):
    question = QuestionFactory(
        published=True, name="Olaf Onzichtbaar", email="olaf@geheim.example", municipality=place
    )
    for url in ("/vragen/", question.get_faq_url()):
        html = client.get(url).content.decode()
        assert "Olaf" not in html and "olaf@geheim.example" not in html
        assert place.name not in html


# --- permissions -------------------------------------------------------------------------------

TEAM_ONLY = [
    "/beheer/vragen/",
    "/beheer/vragen/{pk}/",
    "/monitor/signalen/",
    "/monitor/signalen.csv",
]


@pytest.mark.parametrize("path", TEAM_ONLY)
def test_team_pages_send_anonymous_visitors_to_login(client, path):
    question = QuestionFactory()
    response = client.get(path.format(pk=question.pk))
    assert response.status_code == 302
    assert response["Location"].startswith("/inloggen/")


@pytest.mark.parametrize("path", TEAM_ONLY)
@pytest.mark.parametrize("role", ["professional", "coordinator", "partner"])
def test_team_pages_refuse_other_roles(client, path, role):
    question = QuestionFactory()
    client.force_login(UserFactory(**{role: True}))
    assert client.get(path.format(pk=question.pk)).status_code == 403


def test_triage_actions_refused_for_non_team(client, professional):
    question = QuestionFactory()
    client.force_login(professional)
    for action, data in [
        ("note", {"note-text": "x"}),
        ("answer", {"answer-answer": "x"}),
        ("status", {"status-status": "closed"}),
        ("unpublish", {}),
    ]:
        response = client.post(question.get_absolute_url(), {"action": action, **data})
        assert response.status_code == 403
    question.refresh_from_db()
    assert question.status == "new" and not question.notes.exists() and not question.answer


# --- query counts ------------------------------------------------------------------------------


def _queries(client, url, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("url", ["/vragen/", "/beheer/vragen/"])
def test_lists_use_a_constant_number_of_queries(
    client, team, place, theme, url, django_assert_max_num_queries
):
    client.force_login(team)
    QuestionFactory.create_batch(
        2, published=True, theme=theme, municipality=place, assigned_to=team
    )
    client.get(url)  # warm caches (e.g. the glossary's) first
    few = _queries(client, url, django_assert_max_num_queries)
    QuestionFactory.create_batch(
        20, published=True, theme=theme, municipality=place, assigned_to=team
    )
    for question in Question.objects.all():
        NoteFactory(question=question)
    many = _queries(client, url, django_assert_max_num_queries)
    assert few == many


def test_triage_detail_query_count_is_constant(client, team):
    question = QuestionFactory(answered=True, assigned_to=team)
    client.force_login(team)
    NoteFactory(question=question, author=team)
    client.get(question.get_absolute_url())  # warm caches (e.g. the glossary's) first
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(question.get_absolute_url())
    NoteFactory.create_batch(10, question=question, author=team)
    with CaptureQueriesContext(connection) as many:
        client.get(question.get_absolute_url())
    assert len(few) == len(many)


def test_home_section_shows_faq_and_open_proposals(rf):
    from ontmoetingen.questions.hooks import home_section
    from ontmoetingen.questions.tests.factories import ProposalFactory

    request = rf.get("/")
    assert home_section(request) is None
    QuestionFactory(published=True, faq_question="Hoe werkt de meldcode?")
    ProposalFactory(title="Open voorstel")
    ProposalFactory(title="Al opgepakt", taken_up=True)
    html = render_to_string(
        "questions/partials/_home_section.html", {"section": home_section(request)}
    )
    assert "Hoe werkt de meldcode?" in html and "Open voorstel" in html
    assert "Al opgepakt" not in html


def test_hashed_sender_addresses_are_forgotten_after_two_hours():
    from ontmoetingen.questions.tasks import forget_sender_addresses

    old = QuestionFactory(ip_hash="a" * 64, created_at=timezone.now() - timedelta(hours=3))
    recent = QuestionFactory(ip_hash="b" * 64)
    forget_sender_addresses.enqueue()
    old.refresh_from_db()
    recent.refresh_from_db()
    assert old.ip_hash == "" and recent.ip_hash == "b" * 64
