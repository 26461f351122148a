import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ontmoetingen.accounts.tests.factories import UserFactory
from ontmoetingen.coalitions.tests.factories import CoalitionFactory, MembershipFactory
from ontmoetingen.core.errors import ServiceError
from ontmoetingen.core.models import AuditLog
from ontmoetingen.directory import services
from ontmoetingen.directory.models import TYPE_DOMAIN, Organisation, OrganisationType
from ontmoetingen.directory.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def test_every_type_has_a_domain_and_save_sets_it(regions):
    assert set(TYPE_DOMAIN) == set(OrganisationType)
    organisation = OrganisationFactory(type=OrganisationType.GGD)
    assert organisation.domain == "jgz" and organisation.side == "medisch"
    organisation.type = OrganisationType.WELFARE
    organisation.save(update_fields=["type"])
    organisation.refresh_from_db()
    assert organisation.domain == "sociaal" and organisation.side == "sociaal"


def test_create_and_update_are_logged(regions):
    actor = UserFactory(project_team=True)
    organisation = services.organisation_create(
        name=" Praktijk Noord ", type="verloskundigenpraktijk", actor=actor, service_area=["GM0344"]
    )
    assert organisation.name == "Praktijk Noord"
    services.organisation_update(
        organisation=organisation,
        actor=actor,
        name="Praktijk Noord",
        website="https://noord.nl",
        service_area=["GM0344", "GM0307"],
    )
    log = AuditLog.objects.filter(action="organisatie gewijzigd").get()
    assert log.actor == actor
    assert log.changes == {
        "website": ["", "https://noord.nl"],
        "werkgebied": {"erbij": ["GM0307"], "eraf": []},
    }
    with pytest.raises(ServiceError):
        services.organisation_update(organisation=organisation, actor=actor, name="  ")
    with pytest.raises(ServiceError):
        services.organisation_create(name="X", type="tandarts", actor=actor)


def test_service_area_expand(regions):
    codes = services.service_area_expand(
        municipalities=["GM0363"], provinces=["PV24"], ggd_regions=["GG2514"]
    )
    assert "GM0363" in codes and "GM0034" in codes and "GM0344" in codes
    assert len(codes) == 1 + 6 + 26


def test_list_filters(client, regions):
    OrganisationFactory(name="Praktijk Utrecht", service_area=["GM0344"])
    OrganisationFactory(name="Team Amsterdam", social=True, service_area=["GM0363"])
    OrganisationFactory(name="Gesloten Praktijk", service_area=["GM0344"], active=False)
    html = client.get("/organisaties/").content.decode()
    assert (
        "Praktijk Utrecht" in html and "Team Amsterdam" in html and "Gesloten Praktijk" not in html
    )
    html = client.get("/organisaties/?domain=sociaal").content.decode()
    assert "Praktijk Utrecht" not in html and "Team Amsterdam" in html
    html = client.get("/organisaties/?gemeente=GM0344").content.decode()
    assert "Praktijk Utrecht" in html and "Team Amsterdam" not in html
    html = client.get("/organisaties/?province=PV27&type=wijkteam").content.decode()
    assert "Praktijk Utrecht" not in html and "Team Amsterdam" in html
    html = client.get("/organisaties/?soort=ggd").content.decode()
    assert "Geen organisaties gevonden" in html
    # Dutch parameter names in the form (issue 12 §23); the English ones above still work
    assert 'name="provincie"' in html and 'name="soort"' in html and 'name="province"' not in html


def test_detail_shows_area_and_coalitions_with_partner_flag(client, regions):
    organisation = OrganisationFactory(name="Praktijk Regio", service_area=["GM0344", "GM0307"])
    at_table = CoalitionFactory(name="Coalitie Utrecht", municipalities=["GM0344"])
    MembershipFactory(coalition=at_table, organisation=organisation, role="kernpartner")
    CoalitionFactory(name="Coalitie Amersfoort", municipalities=["GM0307"], working=True)
    CoalitionFactory(name="Coalitie Amsterdam", municipalities=["GM0363"])
    html = client.get(f"/organisaties/{organisation.pk}/").content.decode()
    assert "Coalitie Utrecht" in html and "ja, kernpartner" in html
    assert "Coalitie Amersfoort" in html and "werkend" in html
    assert "Coalitie Amsterdam" not in html
    assert html.count('class="map__area"') == 2
    assert "Amersfoort" in html
    assert client.get("/organisaties/999999/").status_code == 404


def test_detail_query_count_constant(client, regions):
    organisation = OrganisationFactory(service_area=["GM0344"])

    def count():
        with CaptureQueriesContext(connection) as ctx:
            client.get(f"/organisaties/{organisation.pk}/")
        return len(ctx)

    before = count()
    codes = ["GM0307", "GM0363", "GM0034", "GM0014", "GM0599"]
    organisation.service_area.add(*codes)
    for code in codes:
        MembershipFactory(
            coalition=CoalitionFactory(municipalities=[code]), organisation=organisation
        )
    assert count() == before


def test_team_creates_with_province_expanded_then_adjusts(client, regions):
    client.force_login(UserFactory(project_team=True))
    data = {
        "name": "Kraamzorg Flevo",
        "type": "kraamzorg",
        "location": "GM0034",
        "active": "on",
        "service_area": ["GM0363"],
        "add_provinces": ["PV24"],
    }
    response = client.post("/beheer/organisaties/nieuw/", {**data, "expand": "1"})
    assert response.status_code == 200
    html = response.content.decode()
    # Amsterdam and six in Flevoland now ticked, in their provinces (issue 12 §12)
    assert html.count('name="service_area" value="GM') == 342
    assert re.search(r'value="GM0363" id="[^"]+" checked', html)
    assert re.search(r'value="GM0034" id="[^"]+" checked', html)
    assert "Gekozen (7): " in html and "<select multiple" not in html
    assert not Organisation.objects.exists()
    response = client.post("/beheer/organisaties/nieuw/", data)
    assert response.status_code == 302
    organisation = Organisation.objects.get()
    assert organisation.service_area.count() == 7
    response = client.post(
        f"/beheer/organisaties/{organisation.pk}/bewerken/",
        {**data, "add_provinces": [], "service_area": ["GM0034"], "name": ""},
    )
    assert (
        "Dit veld is verplicht" in response.content.decode()
        or "verplicht" in response.content.decode()
    )
    organisation.refresh_from_db()
    assert organisation.service_area.count() == 7


@pytest.mark.parametrize(
    "path",
    ["/beheer/organisaties/", "/beheer/organisaties/nieuw/", "/beheer/organisaties/importeren/"],
)
def test_backoffice_refused(client, regions, path):
    assert client.get(path).status_code == 302
    client.force_login(UserFactory(coordinator=True))
    assert client.get(path).status_code == 403


def test_edit_refused_for_non_team(client, regions):
    organisation = OrganisationFactory(name="Vast")
    client.force_login(UserFactory(professional=True))
    url = f"/beheer/organisaties/{organisation.pk}/bewerken/"
    assert client.get(url).status_code == 403
    assert client.post(url, {"name": "Anders", "type": "ggd"}).status_code == 403
    organisation.refresh_from_db()
    assert organisation.name == "Vast"


def test_backoffice_links_listed(client, regions):
    client.force_login(UserFactory(project_team=True))
    html = client.get("/beheer/").content.decode()
    assert "Organisaties importeren" in html and "Coalities beheren" in html


def test_demo_seed_small_is_idempotent(regions):
    import io
    import random

    from ontmoetingen.accounts import demo as accounts_demo
    from ontmoetingen.coalitions import demo as coalitions_demo
    from ontmoetingen.coalitions.models import Coalition, StatusChange
    from ontmoetingen.directory import demo

    out = io.StringIO()
    accounts_demo.seed(scale="small", rng=random.Random(1), stdout=out)
    demo.seed(scale="small", rng=random.Random(1), stdout=out)
    coalitions_demo.seed(scale="small", rng=random.Random(1), stdout=out)
    organisations = Organisation.objects.count()
    coalitions = Coalition.objects.count()
    assert organisations > 100 and coalitions > 20
    assert not Organisation.objects.filter(is_demo=False).exists()
    assert StatusChange.objects.count() >= coalitions
    assert Coalition.objects.filter(coordinators__email=coalitions_demo.DEMO_COORDINATOR).exists()
    demo.seed(scale="small", rng=random.Random(2), stdout=out)
    coalitions_demo.seed(scale="small", rng=random.Random(2), stdout=out)
    assert Organisation.objects.count() == organisations
    assert Coalition.objects.count() == coalitions
