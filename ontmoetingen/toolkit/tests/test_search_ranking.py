"""Ranking, paging and caching of the toolkit search (toolkit/ranking.py, toolkit/catalogue.py).
Run with and without DATABASE_URL: every expectation is the same on SQLite and PostgreSQL."""

from datetime import timedelta

import pytest
from django.core.paginator import Paginator
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from ontmoetingen.accounts.tests.factories import UserFactory
from ontmoetingen.toolkit import catalogue
from ontmoetingen.toolkit.models import Resource, Status
from ontmoetingen.toolkit.selectors import Filters, resources_search
from ontmoetingen.toolkit.services import resource_save
from ontmoetingen.toolkit.tests.factories import ResourceFactory


def titles(text="", **filters):
    return [r.title for r in resources_search(text=text, filters=Filters(**filters)).resources]


def _ranking_statements(queries) -> list[str]:
    return [q["sql"] for q in queries if "toolkit_resource_terms" in q["sql"]]


class TestBitsets:
    def test_bitset_and_members_agree(self):
        ids = [0, 3, 8, 9, 64, 1000]
        bits = catalogue.bitset(ids)
        assert bits.bit_count() == len(ids)
        members = catalogue.Members(bits)
        assert [i for i in range(1100) if i in members] == ids
        assert 5000 not in members
        assert catalogue.bitset([]) == 0


@pytest.mark.django_db
class TestRanking:
    def test_title_before_summary_before_body(self):
        now = timezone.now()
        # the newest has the word only in its body, the oldest in its title
        ResourceFactory(
            title="Plan", summary="Over wonen.", body="Een voorleesplan.", published_at=now
        )
        ResourceFactory(title="Gids", summary="Een voorleesplan.", published_at=now - timedelta(1))
        ResourceFactory(
            title="Voorleesplan", summary="Over lezen.", published_at=now - timedelta(2)
        )
        assert titles("voorleesplan") == ["Voorleesplan", "Gids", "Plan"]

    def test_equal_scores_newest_first(self):
        now = timezone.now()
        for days, title in [(3, "Oud"), (1, "Nieuw"), (2, "Midden")]:
            ResourceFactory(
                title="Kraamzorgkaart",
                slug=f"kaart-{title.lower()}",
                summary=title,  # one word each, the same length
                source_organisation="",
                published_at=now - timedelta(days=days),
            )
        found = resources_search(text="kraamzorgkaart").resources
        assert [r.summary for r in found] == ["Nieuw", "Midden", "Oud"]

    def test_pages_with_a_filter_follow_the_ranking(self):
        now = timezone.now()
        for n in range(30):
            ResourceFactory(
                title=f"Wijkkaart {n}",
                kind="tool" if n % 3 else "handreiking",
                published_at=now - timedelta(hours=n),
            )
        ResourceFactory(title="Wijkkaart concept", status=Status.PROPOSED, published_at=None)
        result = resources_search(text="wijkkaart", filters=Filters(kinds=["tool"]))
        assert result.resources.count() == 20
        paginator = Paginator(result.resources, 8)
        pages = [[r.title for r in paginator.page(n).object_list] for n in (1, 2, 3)]
        expected = [f"Wijkkaart {n}" for n in range(30) if n % 3]  # equal scores: newest first
        assert pages == [expected[:8], expected[8:16], expected[16:]]
        kinds = {o.value: o.count for o in result.facets["soort"]}
        assert kinds["tool"] == 20 and kinds["handreiking"] == 10

    def test_without_text_newest_first_with_filters(self):
        now = timezone.now()
        for n in range(5):
            ResourceFactory(
                title=f"Item {n}",
                kind="tool" if n % 2 else "artikel",
                published_at=now - timedelta(days=n),
            )
        assert titles(kinds=["tool"]) == ["Item 1", "Item 3"]
        assert titles()[:2] == ["Item 0", "Item 1"]


@pytest.mark.django_db(transaction=True)
class TestCache:
    """Committed data: the ranking is cached under the toolkit's data version."""

    def test_a_repeated_search_is_not_ranked_again(self):
        ResourceFactory(title="Voorleeskist", summary="Boeken voor ouders.")
        assert titles("voorleeskist") == ["Voorleeskist"]
        with CaptureQueriesContext(connection) as queries:
            assert titles("voorleeskist") == ["Voorleeskist"]
            assert titles("voorleeskist", kinds=["tool"]) == ["Voorleeskist"]
        assert _ranking_statements(queries.captured_queries) == []

    def test_a_new_or_changed_item_is_found_at_once(self):
        team = UserFactory(is_staff=True)
        ResourceFactory(title="Voorleeskist", summary="Boeken voor ouders.")
        assert titles("voorleeskist") == ["Voorleeskist"]
        assert titles("ontbijt") == []
        made = resource_save(
            resource=Resource(
                title="Voorleeskist met ontbijt",
                summary="Samen eten en lezen.",
                kind="tool",
                audience=",jgz,",
                status=Status.PUBLISHED,
            ),
            themes=[],
            mirror=None,
            actor=team,
        )
        assert sorted(titles("voorleeskist")) == ["Voorleeskist", "Voorleeskist met ontbijt"]
        assert titles("ontbijt") == ["Voorleeskist met ontbijt"]
        facets = resources_search(text="voorleeskist").facets
        assert {o.value: o.count for o in facets["domein"]}["jgz"] == 1
        made.title = "Leesontbijt"
        resource_save(resource=made, themes=[], mirror=None, actor=team)
        assert titles("voorleeskist") == ["Voorleeskist"]
        assert titles("leesontbijt") == ["Leesontbijt"]
