"""Asking a question, the FAQ and theme proposals in a real browser, scanned with axe-core."""

import pytest

from ontmoetingen.accounts.tests.factories import PASSWORD, UserFactory
from ontmoetingen.core.models import Theme
from ontmoetingen.questions.models import Question, Vote
from ontmoetingen.questions.tests.factories import ProposalFactory, QuestionFactory, VoteFactory
from ontmoetingen.regions.models import GgdRegion, Municipality, Province
from tests.browser.conftest import wait_for_js

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def theme(transactional_db):
    # a transactional test flushes the themes the migration seeded: make sure this one exists
    return Theme.objects.get_or_create(
        slug="samenwerking-en-coalitievorming",
        defaults={"name": "Samenwerking en coalitievorming"},
    )[0]


@pytest.fixture
def place(transactional_db):
    province = Province.objects.create(code="PV26", name="Utrecht")
    ggd = GgdRegion.objects.create(code="GG3117", name="GGD regio Utrecht", province=province)
    return Municipality.objects.create(
        code="GM0344", name="Utrecht", province=province, ggd_region=ggd
    )


def test_question_form_empty_with_errors_and_sent(page, live_server, axe, place, theme):
    page.goto(live_server.url + "/vragen/nieuw/")
    assert page.locator("h1").inner_text() == "Stel een vraag of meld een behoefte"
    box = page.locator("#id_website").bounding_box()
    assert box is None or box["x"] + box["width"] <= 0  # the honeypot stays out of sight
    axe(page)

    page.click("button:has-text('Vraag versturen')")
    assert page.locator(".error-summary").is_visible()
    assert page.title().startswith("Fout:")
    axe(page)

    page.fill("#id_text", "Cliënte met BSN 111222333 zoekt hulp.")
    page.select_option("#id_domain", "geboortezorg")
    page.fill("#id_name", "Sanne de Wit")
    page.fill("#id_email", "sanne@praktijk.example")
    page.click("button:has-text('Vraag versturen')")
    assert "burgerservicenummer" in page.locator(".error-summary").inner_text()
    assert Question.objects.count() == 0
    axe(page)

    page.fill("#id_text", "Hoe krijgen we de verloskundigen aan tafel in onze coalitie?")
    page.select_option("#id_municipality", place.code)
    page.select_option("#id_theme", "samenwerking-en-coalitievorming")
    page.click("button:has-text('Vraag versturen')")
    page.wait_for_url("**/vragen/verzonden/")
    assert "uw vraag is verstuurd" in page.locator("h1").inner_text()
    axe(page)
    question = Question.objects.get()
    assert (
        question.municipality == place and question.theme.slug == "samenwerking-en-coalitievorming"
    )

    page.goto(live_server.url + question.get_status_url())
    assert "nieuw" in page.locator(".facts").inner_text()
    axe(page)


def test_faq_list_search_and_detail(page, live_server, axe):
    QuestionFactory(published=True, faq_question="Hoe werkt de meldcode in de kraamzorg?")
    QuestionFactory(published=True, faq_question="Wat kost een kraampakket?")
    page.goto(live_server.url + "/vragen/")
    assert page.locator(".faq-item").count() == 2
    axe(page)
    page.locator("#id_q").press_sequentially("meldcode", delay=20)
    # results narrow while typing (htmx), and the narrowed list has its own address
    wait_for_js(page, "document.querySelectorAll('.faq-item').length === 1")
    assert "q=meldcode" in page.url
    page.click("text=Hoe werkt de meldcode in de kraamzorg?")
    assert page.locator("h1").inner_text() == "Hoe werkt de meldcode in de kraamzorg?"
    assert page.locator("article strong").inner_text() == "vaste werkafspraak"
    axe(page)
    page.goto(live_server.url + "/vragen/?q=bestaat-niet")
    assert page.locator(".empty-state").is_visible()
    axe(page)


def test_faq_search_without_javascript(nojs_page, live_server):
    QuestionFactory(published=True, faq_question="Hoe werkt de meldcode in de kraamzorg?")
    QuestionFactory(published=True, faq_question="Wat kost een kraampakket?")
    nojs_page.goto(live_server.url + "/vragen/")
    nojs_page.fill("#id_q", "kraampakket")
    nojs_page.click("button:has-text('Zoeken')")
    assert nojs_page.locator(".faq-item").count() == 1
    assert "kraampakket" in nojs_page.locator(".faq-item").inner_text()


def test_theme_proposals_vote_and_withdraw(page, live_server, axe, login):
    voter = UserFactory(professional=True)
    popular = ProposalFactory(title="Roken en zwangerschap")
    VoteFactory.create_batch(2, proposal=popular)
    ProposalFactory(title="Geldzorgen bespreken", taken_up=True)
    page.goto(live_server.url + "/themas/")
    assert page.locator(".proposal").count() == 2
    axe(page)

    login(page, voter.email, PASSWORD)
    page.goto(live_server.url + "/themas/")
    block = page.locator(f"#stem-{popular.pk}")
    block.locator("button:has-text('Stem')").click()
    wait_for_js(
        page,
        f"document.querySelector('#stem-{popular.pk} .vote__number').textContent.trim() === '3'",
    )
    assert Vote.objects.filter(proposal=popular, user=voter).exists()
    axe(page)
    page.locator(f"#stem-{popular.pk} button:has-text('Stem intrekken')").click()
    wait_for_js(
        page,
        f"document.querySelector('#stem-{popular.pk} .vote__number').textContent.trim() === '2'",
    )
    assert not Vote.objects.filter(proposal=popular, user=voter).exists()
    assert "Opgepakt" in page.locator(".proposal__taken-up").inner_text()


def test_vote_without_javascript(nojs_page, live_server):
    voter = UserFactory(professional=True)
    proposal = ProposalFactory(title="Vaders betrekken")
    nojs_page.goto(live_server.url + "/inloggen/")
    nojs_page.fill("#id_username", voter.email)
    nojs_page.fill("#id_password", PASSWORD)
    nojs_page.click("button[type=submit]:has-text('Inloggen')")
    nojs_page.goto(live_server.url + "/themas/")
    nojs_page.locator(f"#stem-{proposal.pk} button").click()
    assert "Uw stem is geteld." in nojs_page.locator(".messages").inner_text()
    assert nojs_page.locator(f"#stem-{proposal.pk} .vote__number").inner_text() == "1"


def test_team_pages_are_accessible(page, live_server, axe, login, place):
    team = UserFactory(project_team=True)
    question = QuestionFactory(answered=True, municipality=place)
    QuestionFactory()
    login(page, team.email, PASSWORD)
    for path in ("/beheer/vragen/", question.get_absolute_url(), "/monitor/signalen/"):
        page.goto(live_server.url + path)
        assert page.locator("h1").is_visible()
        axe(page)
    proposal = ProposalFactory()
    page.goto(live_server.url + f"/themas/{proposal.pk}/opgepakt/")
    axe(page)
