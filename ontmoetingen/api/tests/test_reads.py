"""Every read endpoint: filters, paging, stable order, published data only, nothing personal."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from ontmoetingen.coalitions.models import CoalitionStatus, StatusChange
from ontmoetingen.coalitions.tests.factories import CoalitionFactory, MembershipFactory
from ontmoetingen.core.models import Theme
from ontmoetingen.directory.tests.factories import OrganisationFactory
from ontmoetingen.events.models import EventKind, EventStatus
from ontmoetingen.events.tests.factories import EventFactory, SessionFactory
from ontmoetingen.glossary.tests.factories import TermFactory
from ontmoetingen.regions.models import Municipality
from ontmoetingen.toolkit.models import Status
from ontmoetingen.toolkit.tests.factories import ResourceFactory

pytestmark = pytest.mark.django_db

UTRECHT, AMSTERDAM, GRONINGEN = "GM0344", "GM0363", "GM0014"


def get(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200, response.content
    assert response["Content-Type"].startswith("application/json")
    return response.json()


# --- municipalities ------------------------------------------------------------------------


def test_municipalities_all_342_paged_in_a_stable_order(client, regions):
    first = get(client, "/api/v1/municipalities", limit=100)
    assert first["count"] == 342 and len(first["items"]) == 100
    codes = []
    for offset in range(0, 342, 100):
        codes += [
            m["code"]
            for m in get(client, "/api/v1/municipalities", limit=100, offset=offset)["items"]
        ]
    assert len(codes) == len(set(codes)) == 342
    again = [m["code"] for m in get(client, "/api/v1/municipalities", limit=100)["items"]]
    assert again == codes[:100]


def test_municipality_filters_and_detail(client, regions):
    utrecht = Municipality.objects.get(code=UTRECHT)
    in_province = get(client, "/api/v1/municipalities", province=utrecht.province_id, limit=100)
    assert (
        in_province["count"]
        == Municipality.objects.active().filter(province=utrecht.province).count()
    )
    assert {m["province"]["code"] for m in in_province["items"]} == {utrecht.province_id}
    in_ggd = get(client, "/api/v1/municipalities", ggd_region=utrecht.ggd_region_id, limit=100)
    assert {m["ggd_region"]["code"] for m in in_ggd["items"]} == {utrecht.ggd_region_id}
    found = get(client, "/api/v1/municipalities", q="súdwest")
    assert [m["name"] for m in found["items"]] == ["Súdwest-Fryslân"]
    detail = get(client, f"/api/v1/municipalities/{AMSTERDAM}")
    assert detail["name"] == "Amsterdam" and detail["province"]["name"] == "Noord-Holland"
    assert detail["ggd_region"]["name"] == "GGD Amsterdam"
    assert client.get("/api/v1/municipalities/GM9999").status_code == 404
    assert len(get(client, "/api/v1/provinces")) == 12
    assert len(get(client, "/api/v1/ggd-regions")) == 25


def test_paging_is_bounded(client, regions):
    response = client.get("/api/v1/municipalities", {"limit": 101})
    assert response.status_code == 422
    assert response.json()["errors"] == [{"field": "limit", "message": "De waarde is te groot."}]
    assert client.get("/api/v1/municipalities", {"offset": -1}).status_code == 422
    assert client.get("/api/v1/municipalities", {"limit": "veel"}).json()["errors"][0][
        "message"
    ] == ("Vul een geheel getal in.")
    beyond = get(client, "/api/v1/municipalities", offset=400)
    assert beyond["count"] == 342 and beyond["items"] == []


# --- coalitions ----------------------------------------------------------------------------


@pytest.fixture
def coalitions(regions):
    coordinator_email = "coordinator.geheim@voorbeeld.nl"
    utrecht = CoalitionFactory(
        name="Kansrijke Start Utrecht",
        status=CoalitionStatus.WERKEND,
        status_since=date(2023, 5, 1),
        started_on=date(2021, 1, 1),
        municipalities=[UTRECHT],
        contact_name="Geheime Contactpersoon",
        contact_email="contact.geheim@voorbeeld.nl",
        ambitions="Samen sterker.",
    )
    utrecht.status_changes.all().delete()
    StatusChange.objects.create(
        coalition=utrecht, status=CoalitionStatus.ORIENTEREND, changed_on=date(2021, 1, 1)
    )
    StatusChange.objects.create(
        coalition=utrecht, status=CoalitionStatus.WERKEND, changed_on=date(2023, 5, 1)
    )
    from ontmoetingen.accounts.tests.factories import UserFactory

    utrecht.coordinators.set([UserFactory(email=coordinator_email, coordinator=True)])
    midwives = OrganisationFactory(name="Verloskundigen Utrecht", birth_care=True)
    MembershipFactory(coalition=utrecht, organisation=midwives, since=date(2022, 3, 1))
    MembershipFactory(
        coalition=utrecht, organisation=OrganisationFactory(social=True), since=date(2021, 2, 1)
    )
    amsterdam = CoalitionFactory(
        name="Kansrijke Start Amsterdam",
        status=CoalitionStatus.IN_OPBOUW,
        status_since=date(2022, 1, 1),
        municipalities=[AMSTERDAM],
    )
    return {"utrecht": utrecht, "amsterdam": amsterdam}


def test_coalitions_today_with_status_and_domains(client, coalitions):
    data = get(client, "/api/v1/coalitions")
    assert data["as_of"] == timezone.localdate().isoformat()
    assert [c["name"] for c in data["items"]] == [
        "Kansrijke Start Amsterdam",
        "Kansrijke Start Utrecht",
    ]
    utrecht = data["items"][1]
    assert utrecht["status"] == "werkend" and utrecht["status_since"] == "2023-05-01"
    assert utrecht["birth_care_at_table"] is True
    present = {d["domain"]: d["present"] for d in utrecht["domains_at_table"]}
    assert present == {"geboortezorg": True, "jgz": False, "sociaal": True, "gemeente": False}
    assert utrecht["municipalities"] == [{"code": UTRECHT, "name": "Utrecht"}]


def test_coalitions_as_of_a_past_date(client, coalitions):
    data = get(client, "/api/v1/coalitions", as_of="2022-01-15")
    utrecht = next(c for c in data["items"] if c["id"] == coalitions["utrecht"].pk)
    assert data["as_of"] == "2022-01-15"
    assert utrecht["status"] == "orienterend"
    # the midwives joined in March 2022: not yet at the table
    assert utrecht["birth_care_at_table"] is False
    before_any = get(client, "/api/v1/coalitions", as_of="2020-06-01")
    assert before_any["count"] == 0


def test_coalition_filters(client, coalitions):
    utrecht = Municipality.objects.get(code=UTRECHT)
    names = lambda **p: [c["name"] for c in get(client, "/api/v1/coalitions", **p)["items"]]  # noqa: E731
    assert names(status="werkend") == ["Kansrijke Start Utrecht"]
    assert names(birth_care="false") == ["Kansrijke Start Amsterdam"]
    assert names(province=utrecht.province_id) == ["Kansrijke Start Utrecht"]
    assert names(ggd_region=utrecht.ggd_region_id) == ["Kansrijke Start Utrecht"]
    assert names(q="amster") == ["Kansrijke Start Amsterdam"]
    assert client.get("/api/v1/coalitions", {"status": "bestaat-niet"}).status_code == 422


def test_coalition_detail_has_partners_but_nothing_personal(client, coalitions):
    pk = coalitions["utrecht"].pk
    response = client.get(f"/api/v1/coalitions/{pk}")
    assert response.status_code == 200
    data = response.json()
    assert data["ambitions"] == "Samen sterker."
    assert {p["organisation"] for p in data["partners"]} >= {"Verloskundigen Utrecht"}
    body = response.content.decode()
    for secret in ("geheim@voorbeeld.nl", "Geheime Contactpersoon", "@voorbeeld.nl"):
        assert secret not in body
    assert "@" not in get(client, "/api/v1/coalitions").__repr__()
    past = get(client, f"/api/v1/coalitions/{pk}", as_of="2021-06-01")
    assert [p["organisation"] for p in past["partners"]] != [] and "Verloskundigen Utrecht" not in {
        p["organisation"] for p in past["partners"]
    }
    assert client.get("/api/v1/coalitions/999999").status_code == 404
    assert client.get(f"/api/v1/coalitions/{pk}", {"as_of": "2020-06-01"}).status_code == 404


def test_monitor_figures_nationally_and_per_province(client, coalitions):
    data = get(client, "/api/v1/monitor")
    counts = {s["status"]: s["count"] for s in data["statuses"]}
    assert data["municipalities"] == 342
    assert counts["werkend"] == 1 and counts["in_opbouw"] == 1 and counts["geen"] == 340
    assert data["coalitions"]["count"] == 2
    assert data["coalitions"]["birth_care"] == 1 and data["coalitions"]["birth_care_share"] == 50.0
    past = get(client, "/api/v1/monitor", as_of="2021-06-01")
    assert {s["status"]: s["count"] for s in past["statuses"]}["orienterend"] == 1
    assert past["coalitions"]["birth_care"] == 0
    province = Municipality.objects.get(code=UTRECHT).province_id
    regional = get(client, "/api/v1/monitor", province=province)
    assert (
        regional["municipalities"]
        == Municipality.objects.active().filter(province_id=province).count()
    )
    assert regional["coalitions"]["count"] == 1


# --- events --------------------------------------------------------------------------------


def test_events_published_only_and_no_meeting_link(client, regions):
    published = EventFactory(title="Webinar open", online=True, kind=EventKind.WEBINAR)
    EventFactory(title="Concept", draft=True)
    EventFactory(title="Afgelast", status=EventStatus.CANCELLED)
    past = EventFactory(
        title="Voorbij",
        starts_at=timezone.now() - timedelta(days=10),
        ends_at=timezone.now() - timedelta(days=10) + timedelta(hours=2),
    )
    data = get(client, "/api/v1/events")
    assert [e["title"] for e in data["items"]] == ["Webinar open"]
    assert "meet.example" not in str(data)
    assert (
        client.get(
            "/api/v1/events/" + EventFactory._meta.model.objects.get(title="Concept").slug
        ).status_code
        == 404
    )
    detail = get(client, f"/api/v1/events/{published.slug}")
    assert detail["places_left"] == 10 and detail["registration_open"] is True
    with_past = get(
        client,
        "/api/v1/events",
        **{"from": (timezone.localdate() - timedelta(days=30)).isoformat()},
    )
    assert [e["title"] for e in with_past["items"]] == ["Voorbij", "Webinar open"]
    assert past.slug in {e["slug"] for e in with_past["items"]}


def test_event_filters_mirror_the_agenda(client, regions):
    utrecht = Municipality.objects.get(code=UTRECHT)
    groningen = Municipality.objects.get(code=GRONINGEN)
    national = EventFactory(title="Landelijk webinar", kind=EventKind.WEBINAR, online=True)
    local = EventFactory(
        title="Utrecht op locatie",
        is_national=False,
        municipality=utrecht,
        kind=EventKind.REGIOTOUR,
    )
    far = EventFactory(title="Groningen op locatie", is_national=False, municipality=groningen)
    theme = Theme.objects.first()
    far.themes.set([theme])
    titles = lambda **p: [e["title"] for e in get(client, "/api/v1/events", **p)["items"]]  # noqa: E731
    assert set(titles(province=utrecht.province_id)) == {national.title, local.title}
    assert titles(kind="regiotour") == [local.title]
    assert titles(online="true") == [national.title]
    assert set(titles(online="false")) == {local.title, far.title}
    assert titles(theme=theme.slug) == [far.title]
    assert client.get("/api/v1/events", {"kind": "feest"}).status_code == 422


def test_event_detail_lists_sessions(client, regions):
    event = EventFactory()
    SessionFactory(event=event, title="Workshop B")
    data = get(client, f"/api/v1/events/{event.slug}")
    assert [s["title"] for s in data["sessions"]] == ["Workshop B"]
    assert client.get("/api/v1/events/bestaat-niet").status_code == 404


# --- toolkit and glossary ------------------------------------------------------------------


def test_toolkit_published_only_search_and_filters(client, regions):
    ResourceFactory(
        title="Armoede in de kraamweek", summary="Geldzorgen herkennen.", kind="handreiking"
    )
    ResourceFactory(title="Voorstel armoede", proposed=True)
    ResourceFactory(title="Rookvrij zwanger", kind="tool", audience=",sociaal,")
    data = get(client, "/api/v1/toolkit")
    assert {r["title"] for r in data["items"]} == {"Armoede in de kraamweek", "Rookvrij zwanger"}
    assert [r["title"] for r in get(client, "/api/v1/toolkit", q="armoede")["items"]] == [
        "Armoede in de kraamweek"
    ]
    assert [r["title"] for r in get(client, "/api/v1/toolkit", kind="tool")["items"]] == [
        "Rookvrij zwanger"
    ]
    assert [r["title"] for r in get(client, "/api/v1/toolkit", domain="sociaal")["items"]] == [
        "Rookvrij zwanger"
    ]
    both = client.get("/api/v1/toolkit?kind=tool&kind=handreiking").json()
    assert both["count"] == 2
    proposal = ResourceFactory._meta.model.objects.get(status=Status.PROPOSED)
    assert client.get(f"/api/v1/toolkit/{proposal.slug}").status_code == 404
    published = ResourceFactory._meta.model.objects.get(title="Rookvrij zwanger")
    assert get(client, f"/api/v1/toolkit/{published.slug}")["kind_label"] == "tool"


def test_toolkit_list_themes_without_a_query_per_item(
    client, regions, django_assert_max_num_queries
):
    first, second = Theme.objects.order_by("order", "name")[:2]
    ResourceFactory(title="Themakaart", themes=[second, first])
    assert get(client, "/api/v1/toolkit")["items"][0]["themes"] == [first.slug, second.slug]
    with django_assert_max_num_queries(50) as few:
        get(client, "/api/v1/toolkit", q="themakaart")
    for n in range(10):
        ResourceFactory(title=f"Themakaart {n}", themes=[first, second])
    with django_assert_max_num_queries(len(few.captured_queries)):
        data = get(client, "/api/v1/toolkit", q="themakaart")
    assert len(data["items"]) == 11
    assert all(item["themes"] == [first.slug, second.slug] for item in data["items"])


def test_glossary_list_search_and_detail(client, db):
    vsv = TermFactory(
        term="Verloskundig samenwerkingsverband", abbreviation="VSV", domain="geboortezorg"
    )
    wijkteam = TermFactory(term="Wijkteam", domain="sociaal", synonyms="Sociaal team")
    vsv.related.set([wijkteam])
    data = get(client, "/api/v1/glossary")
    assert [t["term"] for t in data["items"]] == ["Verloskundig samenwerkingsverband", "Wijkteam"]
    assert [t["term"] for t in get(client, "/api/v1/glossary", q="vsv")["items"]] == [vsv.term]
    assert [t["term"] for t in get(client, "/api/v1/glossary", domain="sociaal")["items"]] == [
        "Wijkteam"
    ]
    detail = get(client, f"/api/v1/glossary/{vsv.slug}")
    assert detail["related"] == [wijkteam.slug]
    assert get(client, f"/api/v1/glossary/{wijkteam.slug}")["synonyms"] == ["Sociaal team"]
    assert client.get("/api/v1/glossary/onbekend").status_code == 404
