"""Profile editing, publishing with consent, visibility, the directory and its query count."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ontmoetingen.accounts.tests.factories import UserFactory
from ontmoetingen.core.domain import Domain
from ontmoetingen.core.models import Theme
from ontmoetingen.directory.tests.factories import OrganisationFactory
from ontmoetingen.encounters.models import PROFILE_CONSENT_VERSION, Consent, Professional
from ontmoetingen.encounters.tests.factories import ProfessionalFactory

pytestmark = pytest.mark.django_db


def _form(**extra):
    data = {"domain": "geboortezorg", "profession": "verloskundige", "offer": "Voorlichting."}
    data.update(extra)
    return data


def test_profile_takes_the_organisations_working_area_by_default(client, area):
    organisation = OrganisationFactory(service_area=[area["Zeist"], area["Utrecht"]])
    user = UserFactory(professional=True)
    client.force_login(user)
    response = client.post(reverse("encounters:profile_edit"), _form(organisation=organisation.pk))
    assert response.status_code == 302
    profile = Professional.objects.get(user=user)
    assert set(profile.working_area.values_list("code", flat=True)) == {
        area["Zeist"],
        area["Utrecht"],
    }
    assert not profile.published


def test_profile_accepts_province_and_ggd_codes(client, utrecht_province):
    client.force_login(UserFactory())
    response = client.post(
        reverse("encounters:profile_edit"), _form(area_codes=utrecht_province.code)
    )
    assert response.status_code == 302
    profile = Professional.objects.get()
    assert (
        profile.working_area.count() == utrecht_province.municipalities.filter(active=True).count()
    )


def test_profile_errors_are_shown_next_to_fields(client, regions):
    client.force_login(UserFactory())
    response = client.post(
        reverse("encounters:profile_edit"),
        {"domain": "", "profession": "anders", "area_codes": "XX99"},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Controleer het formulier" in body
    assert "Deze codes kennen we niet: XX99" in body
    assert "Vul uw beroep in" in body
    assert not Professional.objects.exists()


def test_publishing_records_consent_with_version_and_unpublish_hides(client, area):
    user = UserFactory()
    profile = ProfessionalFactory(user=user, unpublished=True, working_area=[area["Zeist"]])
    other = UserFactory()
    client.force_login(other)
    assert client.get(profile.get_absolute_url()).status_code == 404
    client.force_login(user)
    assert client.post(reverse("encounters:profile_publish"), {}).status_code == 200  # no consent
    assert client.post(reverse("encounters:profile_publish"), {"consent": "on"}).status_code == 302
    consent = Consent.objects.get(user=user)
    assert consent.version == PROFILE_CONSENT_VERSION and consent.withdrawn_at is None
    client.force_login(other)
    assert client.get(profile.get_absolute_url()).status_code == 200
    client.force_login(user)
    client.post(reverse("encounters:profile_unpublish"))
    client.force_login(other)
    assert client.get(profile.get_absolute_url()).status_code == 404
    assert Consent.objects.get(user=user).withdrawn_at is not None


def test_profile_never_shows_email_or_phone_and_is_noindex(client, area):
    profile = ProfessionalFactory(
        user=UserFactory(email="geheim@voorbeeld.nl"),
        phone="06-99887766",
        working_area=[area["Zeist"]],
    )
    client.force_login(UserFactory())
    response = client.get(profile.get_absolute_url())
    body = response.content.decode()
    assert "geheim@voorbeeld.nl" not in body and "06-99887766" not in body
    assert '<meta name="robots" content="noindex, nofollow">' in body
    assert response["X-Robots-Tag"] == "noindex, nofollow"


def test_anonymous_visitors_never_see_profiles(client, area):
    profile = ProfessionalFactory(working_area=[area["Zeist"]])
    for url in (reverse("encounters:directory"), profile.get_absolute_url()):
        response = client.get(url)
        assert response.status_code == 302 and "/inloggen/" in response.url


def test_glossary_terms_are_marked_in_free_texts(client, area):
    from ontmoetingen.glossary.tests.factories import TermFactory

    TermFactory(term="Kraamzorg", slug="kraamzorg")
    profile = ProfessionalFactory(
        offer="Ik geef voorlichting over kraamzorg.", working_area=[area["Zeist"]]
    )
    client.force_login(UserFactory())
    body = client.get(profile.get_absolute_url()).content.decode()
    assert '<a href="/begrippen/kraamzorg/" class="term">' in body


def test_deleting_removes_the_profile_everywhere(client, area):
    user = UserFactory()
    profile = ProfessionalFactory(user=user, working_area=[area["Zeist"]])
    client.force_login(user)
    assert client.post(reverse("encounters:profile_delete")).status_code == 302
    assert not Professional.objects.filter(pk=profile.pk).exists()
    client.force_login(UserFactory())
    assert user.full_name not in client.get(reverse("encounters:directory")).content.decode()


def test_directory_filters(client, area, utrecht_province):
    theme = Theme.objects.create(name="Testthema armoede", slug="test-armoede")
    zeist = ProfessionalFactory(
        user=UserFactory(full_name="Zara Zeist"),
        social=True,
        working_area=[area["Zeist"]],
        themes=[theme],
    )
    ProfessionalFactory(
        user=UserFactory(full_name="Gijs Groningen"), working_area=[area["Groningen"]]
    )
    ProfessionalFactory(
        user=UserFactory(full_name="Verborgen Vera"), unpublished=True, working_area=[area["Zeist"]]
    )
    client.force_login(UserFactory())
    url = reverse("encounters:directory")

    def names(**params):
        body = client.get(url, params).content.decode()
        return {n for n in ("Zara Zeist", "Gijs Groningen", "Verborgen Vera") if n in body}

    assert names() == {"Zara Zeist", "Gijs Groningen"}
    assert names(municipality=area["Zeist"]) == {"Zara Zeist"}
    assert names(province=utrecht_province.code) == {"Zara Zeist"}
    assert names(domain="sociaal") == {"Zara Zeist"}
    assert names(theme="test-armoede") == {"Zara Zeist"}
    assert names(q="groningen") == {"Gijs Groningen"}
    ggd = zeist.working_area.get().ggd_region_id
    assert names(ggd_region=ggd) == {"Zara Zeist"}
    empty = client.get(url, {"municipality": area["Utrecht"], "domain": "jgz"}).content.decode()
    assert "Kies een groter gebied" in empty


def test_directory_query_count_is_constant(client, area):
    theme = Theme.objects.create(name="Testthema", slug="testthema")
    viewer = UserFactory()
    client.force_login(viewer)
    url = reverse("encounters:directory")
    ProfessionalFactory(working_area=[area["Zeist"]], themes=[theme])
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    for _ in range(12):
        ProfessionalFactory(
            organisation=OrganisationFactory(),
            working_area=[area["Zeist"], area["Utrecht"]],
            themes=[theme],
        )
    with CaptureQueriesContext(connection) as many:
        assert client.get(url).status_code == 200
    assert len(many) == len(few)


def test_filtered_directory_finds_the_right_people_in_a_constant_number_of_queries(client, area):
    """Municipality + domain + theme, the bench's request: only people matching all three, and
    as many queries for one match as for thirteen."""
    theme = Theme.objects.create(name="Testthema", slug="testthema")
    other_theme = Theme.objects.create(name="Ander thema", slug="ander-thema")
    client.force_login(UserFactory())
    url = reverse("encounters:directory")
    query = {"municipality": area["Zeist"], "domain": Domain.SOCIAL, "theme": "testthema"}

    def person(name, **kwargs):
        kwargs.setdefault("working_area", [area["Zeist"], area["Utrecht"]])
        kwargs.setdefault("themes", [theme])
        kwargs.setdefault("social", True)
        return ProfessionalFactory(user=UserFactory(full_name=name), **kwargs)

    person("Anna Gevonden")
    person("Bert Verkeerd Domein", social=False)
    person("Cor Ander Thema", themes=[other_theme])
    person("Dirk Andere Gemeente", working_area=[area["Groningen"]])
    person("Eva Verborgen", unpublished=True)
    with CaptureQueriesContext(connection) as few:
        body = client.get(url, query).content.decode()
    assert "Anna Gevonden" in body and "1 professional gevonden" in body
    for name in ("Bert", "Cor Ander", "Dirk", "Eva"):
        assert name not in body
    for n in range(12):
        person(f"Persoon {n}", organisation=OrganisationFactory())
    with CaptureQueriesContext(connection) as many:
        body = client.get(url, query).content.decode()
    assert "13 professionals gevonden" in body
    assert len(many) == len(few)


def test_data_export_has_profile_and_consents(client, area):
    import json

    user = UserFactory()
    ProfessionalFactory(user=user, unpublished=True, working_area=[area["Zeist"]], phone="06-1")
    client.force_login(user)
    client.post(reverse("encounters:profile_publish"), {"consent": "on"})
    data = json.loads(client.get(reverse("accounts:data_export")).content)["gegevens"]
    assert data["encounters"]["profiel"]["werkgebied"] == ["Zeist"]
    assert data["encounters"]["toestemmingen"][0]["versie"] == PROFILE_CONSENT_VERSION
    assert data["accounts"]["e-mailadres"] == user.email
