"""Suggestions whom to meet: the order on a hand-made case, the why, exclusions, queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ontmoetingen.accounts.tests.factories import UserFactory
from ontmoetingen.core.domain import Domain
from ontmoetingen.core.models import Theme
from ontmoetingen.encounters import services, suggestions
from ontmoetingen.encounters.models import IntroductionStatus
from ontmoetingen.encounters.suggestions import WEIGHTS, domain_points, suggestions_for
from ontmoetingen.encounters.tests.factories import IntroductionFactory, ProfessionalFactory

pytestmark = pytest.mark.django_db


def _person(name, area_codes, **kwargs):
    return ProfessionalFactory(user=UserFactory(full_name=name), working_area=area_codes, **kwargs)


@pytest.fixture
def case(area):
    theme = Theme.objects.create(name="Testthema geldzorgen", slug="test-geldzorgen")
    zeist, heuvelrug = area["Zeist"], area["Utrechtse Heuvelrug"]
    me = _person(
        "Vera Verloskundige",
        [zeist, heuvelrug],
        themes=[theme],
        offer_tags="voorlichting kraamperiode",
        ask_tags="schuldhulp",
    )
    people = {
        # social, both municipalities, shared theme, asks what I offer: 40 + 20 + 8 + 15 = 83
        "A": _person(
            "Anna Wijkteam",
            [zeist, heuvelrug],
            social=True,
            themes=[theme],
            ask="Ik zoek voorlichting kraamperiode voor jonge ouders.",
        ),
        # social, one municipality: 40 + 10 = 50
        "B": _person("Bas Wijkteam", [zeist], social=True),
        # JGZ, both municipalities, shared theme: 25 + 20 + 8 = 53
        "C": _person("Cor JGZ", [zeist, heuvelrug], youth_health=True, themes=[theme]),
        # my own domain, both municipalities, theme, offers what I ask: 0 + 20 + 8 + 15 = 43
        "D": _person(
            "Dirk Verloskundige", [zeist, heuvelrug], themes=[theme], offer_tags="schuldhulp"
        ),
        # never: far away, unpublished, blocked, already asked, declined
        "far": _person("Erik Groningen", [area["Groningen"]], social=True),
        "hidden": _person("Fien Verborgen", [zeist], social=True, unpublished=True),
        "blocked": _person("Gert Geblokkeerd", [zeist], social=True),
        "asked": _person("Hans Gevraagd", [zeist], social=True),
        "declined": _person("Ina Afgewezen", [zeist], social=True),
    }
    services.block_create(blocker=people["blocked"].user, blocked=me.user)
    IntroductionFactory(requester=me.user, recipient=people["asked"].user)
    IntroductionFactory(
        requester=people["declined"].user, recipient=me.user, status=IntroductionStatus.DECLINED
    )
    return me, people, theme


def test_order_on_a_hand_made_case(case):
    me, _people, _ = case
    found = suggestions_for(me.user)
    assert [s.profile.user.full_name for s in found] == [
        "Anna Wijkteam",
        "Cor JGZ",
        "Bas Wijkteam",
        "Dirk Verloskundige",
    ]
    assert [s.score for s in found] == [83, 53, 50, 43]


def test_why_in_plain_dutch(case):
    me, _, _ = case
    first = suggestions_for(me.user)[0]
    assert first.why == (
        "werkt ook in Utrechtse Heuvelrug en Zeist · sociaal domein · deelt het thema "
        "Testthema geldzorgen · zoekt wat u aanbiedt: voorlichting kraamperiode"
    )
    last = suggestions_for(me.user)[-1]
    assert "biedt wat u zoekt: schuldhulp" in last.why


def test_blocked_deleted_and_unpublished_never_appear_on_the_page(client, case):
    me, people, _ = case
    services.profile_delete(profile=people["B"])
    services.profile_unpublish(profile=people["C"])
    client.force_login(me.user)
    body = client.get(reverse("encounters:suggestions")).content.decode()
    assert "Anna Wijkteam" in body
    for name in ("Bas Wijkteam", "Cor JGZ", "Erik", "Fien", "Gert", "Hans", "Ina"):
        assert name not in body
    mine = client.get(reverse("accounts:mine")).content.decode()
    assert "Anna Wijkteam" in mine and "Gert" not in mine


def test_blocking_works_both_ways(case):
    me, people, _ = case
    assert me.user.full_name not in [
        s.profile.user.full_name for s in suggestions_for(people["blocked"].user)
    ]


def test_domain_weights_are_symmetric_and_favour_the_bridge():
    assert domain_points(Domain.BIRTH_CARE, Domain.SOCIAL) == WEIGHTS["domain_bridge"]
    assert domain_points(Domain.SOCIAL, Domain.BIRTH_CARE) == WEIGHTS["domain_bridge"]
    assert domain_points(Domain.YOUTH_HEALTH, Domain.SOCIAL) == WEIGHTS["domain_jgz"]
    assert domain_points(Domain.BIRTH_CARE, Domain.BIRTH_CARE) == 0
    assert WEIGHTS["domain_bridge"] > WEIGHTS["domain_jgz"] > WEIGHTS["domain_social_municipality"]


def test_without_profile_the_page_invites_to_make_one(client):
    client.force_login(UserFactory())
    body = client.get(reverse("encounters:suggestions")).content.decode()
    assert "Eerst een profiel" in body


def test_suggestions_query_count_is_constant(client, area):
    me = _person("Ik", [area["Zeist"]])
    client.force_login(me.user)
    url = reverse("encounters:suggestions")
    _person("Een", [area["Zeist"]], social=True)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    for n in range(12):
        _person(f"Persoon {n}", [area["Zeist"], area["Utrecht"]], social=True)
    with CaptureQueriesContext(connection) as many:
        assert client.get(url).status_code == 200
    assert len(many) == len(few)


def _names(user) -> list[str]:
    return [s.profile.user.full_name for s in suggestions_for(user)]


def test_deleting_or_unpublishing_leaves_everyones_suggestions_at_once(area):
    zeist = area["Zeist"]
    viewers = [_person(f"Kijker {n}", [zeist]) for n in range(3)]
    leaving = _person("Lotte Verwijdert", [zeist], social=True)
    hiding = _person("Mark Verbergt", [zeist], social=True)
    for viewer in viewers:
        assert {"Lotte Verwijdert", "Mark Verbergt"} <= set(_names(viewer.user))
    services.profile_delete(profile=leaving)
    services.profile_unpublish(profile=hiding)
    for viewer in viewers:
        assert not {"Lotte Verwijdert", "Mark Verbergt"} & set(_names(viewer.user))


def test_a_deactivated_account_is_never_suggested(case):
    me, people, _ = case
    people["A"].user.is_active = False
    people["A"].user.save(update_fields=["is_active"])
    assert "Anna Wijkteam" not in _names(me.user)


def test_the_database_cut_keeps_the_best(case, monkeypatch):
    """Only the best ``CANDIDATES`` by domain, area and theme points reach the offer/ask
    match: with room for three, Dirk (same domain, 28 points before his match) drops out and
    the order of the others stays."""
    me, _, _ = case
    monkeypatch.setattr(suggestions, "CANDIDATES", 3)
    assert _names(me.user) == ["Anna Wijkteam", "Cor JGZ", "Bas Wijkteam"]


def test_someone_without_a_working_area_gets_no_suggestions(area):
    _person("Iemand Anders", [area["Zeist"]], social=True)
    assert suggestions_for(_person("Zonder Gebied", []).user) == []
