import pytest
from django.urls import reverse

from ontmoetingen.accounts.tests.factories import UserFactory
from ontmoetingen.core.models import Theme
from ontmoetingen.toolkit.models import Resource, Status
from ontmoetingen.toolkit.services import resource_set_mirror
from ontmoetingen.toolkit.tests.factories import ResourceFactory
from ontmoetingen.toolkit.tests.files import ooxml_bytes, pdf_bytes, upload

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _private_root(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path


def login(client, **traits):
    user = UserFactory(**traits)
    client.force_login(user)
    return user


def proposal_data(**extra):
    data = {
        "title": "Voorleesochtend op het consultatiebureau",
        "kind": "good-practice",
        "summary": "Ouders lezen samen voor terwijl ze wachten.",
        "body": "We begonnen in 2024 met de bibliotheek.",
        "domains": ["jgz", "sociaal"],
        "phases": ["0-2-jaar"],
        "url": "https://voorbeeld.nl/voorlezen",
    }
    data.update(extra)
    return data


class TestList:
    def test_results_filters_and_mirror_mark(self, client):
        a = ResourceFactory(title="Gesprekskaart geldzorgen voor verloskundigen", summary="Kaart.")
        b = ResourceFactory(
            title="Gesprekskaart zwangerschap voor het wijkteam", audience=",sociaal,"
        )
        resource_set_mirror(resource=a, mirror=b)
        html = client.get(reverse("toolkit:list")).content.decode()
        assert "2 resultaten" in html
        assert f'href="{reverse("toolkit:side_by_side", args=[a.slug])}"' in html
        assert 'name="domein" value="sociaal"' in html
        assert 'aria-current="page">Toolkit<' in html

    def test_search_without_javascript_and_empty_state(self, client):
        ResourceFactory(title="Gesprekskaart geldzorgen")
        html = client.get(reverse("toolkit:list"), {"q": "geldzorg"}).content.decode()
        assert "Gesprekskaart geldzorgen" in html and "1 resultaat " in html
        html = client.get(reverse("toolkit:list"), {"q": "onvindbaarwoord"}).content.decode()
        assert "Niets gevonden" in html

    def test_htmx_returns_the_results_part(self, client):
        ResourceFactory(title="Gesprekskaart")
        html = client.get(
            reverse("toolkit:list"), {"q": "gespreks"}, HTTP_HX_REQUEST="true"
        ).content.decode()
        assert html.startswith('<div id="toolkit-resultaten"')
        assert "<html" not in html

    def test_paging(self, client, settings):
        settings.PAGE_SIZE = 2
        for i in range(5):
            ResourceFactory(title=f"Item {i}")
        html = client.get(reverse("toolkit:list"), {"page": 3}).content.decode()
        assert "Pagina 3 van 3" in html and "Item 0" in html

    def test_a_card_names_its_themes_in_their_order_and_follows_a_rename(self, client):
        first, second = Theme.objects.order_by("order", "name")[:2]
        ResourceFactory(title="Themakaart", themes=[second, first])
        html = client.get(reverse("toolkit:list"), {"q": "themakaart"}).content.decode()
        assert f"{first.name}, {second.name}" in html
        first.name = "Hernoemd thema"
        first.save()
        html = client.get(reverse("toolkit:list"), {"q": "themakaart"}).content.decode()
        assert f"Hernoemd thema, {second.name}" in html

    def test_query_count_does_not_grow_with_results(self, client, django_assert_max_num_queries):
        theme = Theme.objects.first()
        ResourceFactory(themes=[theme])
        client.get(reverse("toolkit:list"), {"q": "hulpmiddel"})
        with django_assert_max_num_queries(40) as few:
            client.get(reverse("toolkit:list"), {"q": "hulpmiddel"})
        for _ in range(15):
            mirror = ResourceFactory(themes=[theme])
            resource_set_mirror(resource=ResourceFactory(themes=[theme]), mirror=mirror)
        with django_assert_max_num_queries(len(few.captured_queries)):
            client.get(reverse("toolkit:list"), {"q": "hulpmiddel", "domein": "geboortezorg"})


class TestDetail:
    def test_published_resource_shows_body_with_glossary_marking(self, client):
        from ontmoetingen.glossary.tests.factories import TermFactory

        TermFactory(term="Kraamzorg", slug="kraamzorg")
        resource = ResourceFactory(body="De kraamzorg komt langs.", is_demo=True)
        html = client.get(resource.get_absolute_url()).content.decode()
        assert '<a href="/begrippen/kraamzorg/" class="term">' in html
        assert "(voorbeeld)" in html

    def test_proposal_is_hidden_from_others(self, client):
        owner = UserFactory(professional=True)
        resource = ResourceFactory(proposed=True, proposed_by=owner)
        assert client.get(resource.get_absolute_url()).status_code == 404
        login(client, professional=True)
        assert client.get(resource.get_absolute_url()).status_code == 404
        client.force_login(owner)
        assert client.get(resource.get_absolute_url()).status_code == 200

    def test_side_by_side(self, client):
        a = ResourceFactory(title="Voor de geboortezorg", body="Tekst A")
        b = ResourceFactory(title="Voor het sociaal domein", body="Tekst B", audience=",sociaal,")
        resource_set_mirror(resource=a, mirror=b)
        html = client.get(reverse("toolkit:side_by_side", args=[b.slug])).content.decode()
        assert "Voor de geboortezorg" in html and "Tekst A" in html and "Tekst B" in html

    def test_side_by_side_without_mirror_is_404(self, client):
        a = ResourceFactory()
        assert client.get(reverse("toolkit:side_by_side", args=[a.slug])).status_code == 404

    def test_side_by_side_with_unpublished_mirror_is_404(self, client):
        a = ResourceFactory()
        resource_set_mirror(resource=a, mirror=ResourceFactory(proposed=True))
        assert client.get(reverse("toolkit:side_by_side", args=[a.slug])).status_code == 404


class TestMirror:
    def test_pairs_are_symmetric_and_relinking_releases_the_old_partner(self):
        a, b, c = ResourceFactory(), ResourceFactory(), ResourceFactory()
        resource_set_mirror(resource=a, mirror=b)
        a.refresh_from_db(), b.refresh_from_db()
        assert a.mirror == b and b.mirror == a
        resource_set_mirror(resource=c, mirror=a)
        a.refresh_from_db(), b.refresh_from_db(), c.refresh_from_db()
        assert c.mirror == a and a.mirror == c and b.mirror is None
        resource_set_mirror(resource=a, mirror=None)
        c.refresh_from_db()
        assert c.mirror is None

    def test_not_itself(self):
        from ontmoetingen.core.errors import ServiceError

        a = ResourceFactory()
        with pytest.raises(ServiceError):
            resource_set_mirror(resource=a, mirror=a)


class TestDownload:
    def test_download_is_an_attachment_with_nosniff(
        self, client, django_capture_on_commit_callbacks
    ):
        user = login(client, professional=True)
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                reverse("toolkit:propose"),
                proposal_data(url="", file=upload("Plan van aanpak.pdf", pdf_bytes())),
            )
        assert response.status_code == 302
        resource = Resource.objects.get(proposed_by=user)
        assert resource.file_name == "Plan_van_aanpak.pdf"
        assert resource.file_path.startswith("toolkit/") and "Plan" not in resource.file_path
        response = client.get(resource.get_download_url())
        assert response.status_code == 200
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"].startswith("attachment;")
        assert "Plan_van_aanpak.pdf" in response["Content-Disposition"]
        assert b"".join(response.streaming_content) == pdf_bytes()

    def test_download_of_a_proposal_is_refused_to_others(self, client):
        resource = ResourceFactory(proposed=True, file_path="toolkit/x.pdf", file_type="pdf")
        assert client.get(resource.get_download_url()).status_code == 404

    def test_no_file_is_404(self, client):
        assert client.get(ResourceFactory().get_download_url()).status_code == 404


class TestProposal:
    def test_anonymous_is_sent_to_login(self, client):
        response = client.get(reverse("toolkit:propose"))
        assert response.status_code == 302 and "/inloggen/" in response["Location"]
        response = client.post(reverse("toolkit:propose"), proposal_data())
        assert response.status_code == 302 and not Resource.objects.exists()

    def test_user_without_a_role_is_refused(self, client):
        login(client)
        assert client.get(reverse("toolkit:propose")).status_code == 403
        assert client.post(reverse("toolkit:propose"), proposal_data()).status_code == 403
        assert not Resource.objects.exists()

    def test_professional_proposes_and_gets_a_mail(
        self, client, outbox, django_capture_on_commit_callbacks
    ):
        user = login(client, professional=True)
        theme = Theme.objects.get(slug="ouders-betrekken")
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(reverse("toolkit:propose"), proposal_data(themes=[theme.pk]))
        resource = Resource.objects.get()
        assert response.status_code == 302 and response["Location"] == resource.get_absolute_url()
        assert resource.status == Status.PROPOSED and resource.proposed_by == user
        assert resource.domains == ["jgz", "sociaal"] and list(resource.themes.all()) == [theme]
        assert len(outbox) == 1 and outbox[0].to == [user.email]
        assert "ontvangen" in outbox[0].subject
        # not public yet
        assert resource.title not in client.get(reverse("toolkit:list")).content.decode()

    def test_errors_keep_input_and_show_next_to_fields(self, client):
        login(client, professional=True)
        response = client.post(
            reverse("toolkit:propose"),
            proposal_data(url="", domains=[], file=upload("cijfers.xlsx", pdf_bytes())),
        )
        html = response.content.decode()
        assert response.status_code == 400
        assert "Kies ten minste één domein." in html
        assert "De naam van het bestand past niet bij de inhoud" in html
        assert 'value="Voorleesochtend op het consultatiebureau"' in html
        assert not Resource.objects.exists()

    def test_link_or_file_required(self, client):
        login(client, professional=True)
        response = client.post(reverse("toolkit:propose"), proposal_data(url=""))
        assert "Geef een link op of voeg een bestand toe." in response.content.decode()

    def test_office_file_is_accepted(self, client):
        login(client, coordinator=True)
        response = client.post(
            reverse("toolkit:propose"),
            proposal_data(url="", file=upload("cijfers.xlsx", ooxml_bytes("xlsx"))),
        )
        assert response.status_code == 302
        assert Resource.objects.get().file_type == "xlsx"

    def test_reserved_slug_is_avoided(self, client):
        login(client, professional=True)
        client.post(reverse("toolkit:propose"), proposal_data(title="Voorstellen"))
        assert Resource.objects.get().slug == "voorstellen-tool"


class TestModeration:
    @pytest.fixture
    def proposal(self):
        return ResourceFactory(proposed=True, proposed_by=UserFactory(professional=True))

    @pytest.mark.parametrize(
        "traits", [{}, {"professional": True}, {"coordinator": True}, {"partner": True}]
    )
    def test_only_the_project_team(self, client, proposal, traits):
        login(client, **traits)
        assert client.get(reverse("toolkit:moderation")).status_code == 403
        assert client.get(reverse("toolkit:moderate", args=[proposal.pk])).status_code == 403
        response = client.post(
            reverse("toolkit:moderate", args=[proposal.pk]), {"action": "approve"}
        )
        assert response.status_code == 403
        proposal.refresh_from_db()
        assert proposal.status == Status.PROPOSED

    def test_anonymous_goes_to_login(self, client, proposal):
        for url in (reverse("toolkit:moderation"), reverse("toolkit:moderate", args=[proposal.pk])):
            response = client.get(url)
            assert response.status_code == 302 and "/inloggen/" in response["Location"]

    def test_approve_publishes_and_mails(
        self, client, proposal, outbox, django_capture_on_commit_callbacks
    ):
        team = login(client, project_team=True)
        assert proposal.title in client.get(reverse("toolkit:moderation")).content.decode()
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                reverse("toolkit:moderate", args=[proposal.pk]), {"action": "approve"}
            )
        assert response.status_code == 302
        proposal.refresh_from_db()
        assert proposal.status == Status.PUBLISHED and proposal.published_at
        assert proposal.moderated_by == team
        assert len(outbox) == 1 and outbox[0].to == [proposal.proposed_by.email]
        assert proposal.get_absolute_url() in outbox[0].body
        assert proposal.title in client.get(reverse("toolkit:list")).content.decode()
        # already moderated: gone from the queue
        assert client.get(reverse("toolkit:moderate", args=[proposal.pk])).status_code == 404

    def test_reject_needs_a_reason_which_is_mailed(
        self, client, proposal, outbox, django_capture_on_commit_callbacks
    ):
        login(client, project_team=True)
        url = reverse("toolkit:moderate", args=[proposal.pk])
        response = client.post(url, {"action": "reject", "reason": ""})
        assert response.status_code == 400
        assert "Schrijf op waarom" in response.content.decode()
        # first a confirmation step that shows the reason; nothing is rejected yet
        response = client.post(url, {"action": "reject", "reason": "Dit staat er al in."})
        assert response.status_code == 200
        html = response.content.decode()
        assert "afwijzen?" in html and 'value="reject_confirmed"' in html
        assert 'name="reason" value="Dit staat er al in."' in html
        proposal.refresh_from_db()
        assert proposal.status == Status.PROPOSED and not outbox
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                url, {"action": "reject_confirmed", "reason": "Dit staat er al in."}
            )
        assert response.status_code == 302
        proposal.refresh_from_db()
        assert (
            proposal.status == Status.REJECTED
            and proposal.rejection_reason == "Dit staat er al in."
        )
        assert len(outbox) == 1 and "Dit staat er al in." in outbox[0].body
        assert "Dit staat er al in." in outbox[0].alternatives[0][0]

    def test_proposer_sees_status_on_mine_and_in_export(self, client, proposal):
        client.force_login(proposal.proposed_by)
        html = client.get(reverse("accounts:mine")).content.decode()
        assert proposal.title in html and "voorgesteld" in html
        from ontmoetingen.toolkit.hooks import personal_data

        assert personal_data(proposal.proposed_by)["voorstellen"][0]["titel"] == proposal.title


class TestFeedAndHooks:
    def test_atom_feed_lists_published(self, client):
        ResourceFactory(title="Nieuw item")
        ResourceFactory(title="Nog niet", proposed=True)
        response = client.get(reverse("toolkit:feed"))
        body = response.content.decode()
        assert response["Content-Type"].startswith("application/atom+xml")
        assert "Nieuw item" in body and "Nog niet" not in body

    def test_home_shows_newest(self, client):
        ResourceFactory(title="Heel nieuw")
        assert "Heel nieuw" in client.get("/").content.decode()

    def test_backoffice_link(self, client):
        login(client, project_team=True)
        assert (
            reverse("toolkit:moderation") in client.get(reverse("core:backoffice")).content.decode()
        )


class TestAdmin:
    def test_add_form_renders_and_saves_with_mirror_and_file(self, client):
        from ontmoetingen.accounts.tests.factories import UserFactory as Users

        admin_user = Users(is_staff=True, is_superuser=True)
        client.force_login(admin_user)
        assert client.get("/beheer/django/toolkit/resource/add/").status_code == 200
        other = ResourceFactory(title="Tegenhanger")
        response = client.post(
            "/beheer/django/toolkit/resource/add/",
            {
                "title": "Nieuw via beheer",
                "slug": "nieuw-via-beheer",
                "kind": "tool",
                "summary": "Samenvatting",
                "status": "gepubliceerd",
                "domain_choices": ["sociaal"],
                "mirror_choice": other.pk,
                "upload": upload("plan.pdf", pdf_bytes()),
            },
        )
        assert response.status_code == 302, response.content.decode()[:2000]
        made = Resource.objects.get(slug="nieuw-via-beheer")
        other.refresh_from_db()
        assert made.domains == ["sociaal"] and made.published_at is not None
        assert made.mirror == other and other.mirror == made
        assert made.file_type == "pdf"

    def test_admin_refuses_a_fake_pdf(self, client):
        from ontmoetingen.accounts.tests.factories import UserFactory as Users

        client.force_login(Users(is_staff=True, is_superuser=True))
        response = client.post(
            "/beheer/django/toolkit/resource/add/",
            {
                "title": "Nep",
                "slug": "nep",
                "kind": "tool",
                "summary": "x",
                "status": "concept",
                "domain_choices": ["sociaal"],
                "upload": upload("nep.pdf", b"MZ not a pdf"),
            },
        )
        assert response.status_code == 200
        assert "Dit soort bestand kan niet" in response.content.decode()
        assert not Resource.objects.filter(slug="nep").exists()
