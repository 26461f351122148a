"""The same cases run on SQLite and PostgreSQL (one terms table on both): run the suite with and
without DATABASE_URL. Every expectation below is the same for both databases."""

from datetime import timedelta

import pytest
from django.db import connection
from django.http import QueryDict
from django.utils import timezone

from ontmoetingen.core.models import Theme
from ontmoetingen.regions.models import Municipality
from ontmoetingen.toolkit import search
from ontmoetingen.toolkit.models import Status
from ontmoetingen.toolkit.selectors import Filters, resources_search
from ontmoetingen.toolkit.tests.factories import ResourceFactory

pytestmark = pytest.mark.django_db


def titles(text="", **filters):
    result = resources_search(text=text, filters=Filters(**filters))
    return [r.title for r in result.resources]


@pytest.fixture
def corpus(regions):
    now = timezone.now()
    utrecht = Municipality.objects.get(code="GM0344")
    groningen = Municipality.objects.get(code="GM0014")
    poor = Theme.objects.get(slug="armoede-en-geldzorgen")
    vulnerable = Theme.objects.get(slug="kwetsbare-zwangeren")
    coalition = Theme.objects.get(slug="samenwerking-en-coalitievorming")
    made = {}
    made["coalitie"] = ResourceFactory(
        title="Startgids voor de lokale coalitie",
        summary="Hoe je een coalitie opzet met gemeente en geboortezorg.",
        kind="handreiking",
        audience=",gemeente,sociaal,",
        phases=",zwangerschap,",
        origin=utrecht,
        themes=[coalition],
        published_at=now - timedelta(days=5),
    )
    made["zwangere"] = ResourceFactory(
        title="Signaleringskaart",
        summary="Voor de verloskundige die een zwangere met geldzorgen spreekt.",
        body="Vraag naar schulden en wonen.",
        kind="tool",
        audience=",geboortezorg,",
        phases=",zwangerschap,",
        origin=groningen,
        themes=[poor, vulnerable],
        published_at=now - timedelta(days=3),
    )
    made["reunie"] = ResourceFactory(
        title="Réünie van het Café Zorg",
        summary="Een ontmoeting in Café de Kroon voor JGZ en wijkteam.",
        kind="good-practice",
        audience=",jgz,sociaal,",
        phases=",0-2-jaar,",
        origin=utrecht,
        themes=[coalition],
        published_at=now - timedelta(days=1),
    )
    made["body"] = ResourceFactory(
        title="Webinar terugkijken",
        summary="Opname van de landelijke bijeenkomst.",
        body="In dit webinar vertellen zwangeren over hun ervaringen met de kraamzorg.",
        kind="webinar-opname",
        audience=",geboortezorg,jgz,",
        phases=",geboorte,",
        published_at=now - timedelta(days=10),
    )
    made["concept"] = ResourceFactory(
        title="Coalitie in concept", status=Status.PROPOSED, published_at=None
    )
    return made


class TestStemmingAndFolding:
    def test_plural_finds_singular(self, corpus):
        # the second matches through its theme "Samenwerking en coalitievorming" (issue 12 #18),
        # below the item that has the word in its title
        assert titles("coalities") == [
            "Startgids voor de lokale coalitie",
            "Réünie van het Café Zorg",
        ]

    def test_zwangeren_finds_zwangere_and_ranks_title_summary_above_body(self, corpus):
        assert titles("zwangeren") == ["Signaleringskaart", "Webinar terugkijken"]

    def test_case_and_accents_do_not_matter(self, corpus):
        assert titles("REUNIE") == ["Réünie van het Café Zorg"]
        assert titles("café") == ["Réünie van het Café Zorg"]
        assert titles("cafe KROON") == ["Réünie van het Café Zorg"]

    def test_all_words_must_match(self, corpus):
        assert titles("zwangere schulden") == ["Signaleringskaart"]
        assert titles("zwangere coalitie") == []

    def test_last_word_is_a_prefix_while_typing(self, corpus):
        assert titles("signaleringsk") == ["Signaleringskaart"]
        assert titles("sig") == ["Signaleringskaart"]

    def test_stop_words_alone_show_everything_newest_first(self, corpus):
        assert titles("de het een") == titles("")
        assert titles("")[0] == "Réünie van het Café Zorg"

    def test_place_of_origin_is_searchable(self, corpus):
        assert titles("groningen") == ["Signaleringskaart"]

    def test_only_published(self, corpus):
        assert "Coalitie in concept" not in titles("coalitie")

    def test_punctuation_and_operators_are_harmless(self, corpus):
        for text in ['"coalitie', "coalitie*", "NOT coalitie", "a:b", "(", "'", "-", "zorg & ! |"]:
            resources_search(text=text).resources.count()  # no database error

    def test_python_stemmer_agrees_with_postgresql(self):
        words = ["coalities", "zwangeren", "verloskundigen", "gemeenten", "kraamzorg", "ouders"]
        expected = ["coalitie", "zwanger", "verloskund", "gemeent", "kraamzorg", "ouder"]
        assert [search.stem(search.fold(w)) for w in words] == expected
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                for word, stem in zip(words, expected, strict=True):
                    cursor.execute("SELECT to_tsvector('dutch', %s)::text", [search.fold(word)])
                    assert cursor.fetchone()[0] == f"'{stem}':1"

    def test_index_follows_edits_and_deletes(self, corpus):
        resource = corpus["reunie"]
        resource.title = "Kennismakingsontbijt"
        resource.save()
        assert titles("kennismakingsontbijt") == ["Kennismakingsontbijt"]
        assert titles("reunie") == []
        resource.delete()
        assert titles("kennismakingsontbijt") == []


class TestFiltersAndCounts:
    def test_filters_combine(self, corpus):
        assert titles(kinds=["tool"]) == ["Signaleringskaart"]
        assert titles(domains=["sociaal"]) == [
            "Réünie van het Café Zorg",
            "Startgids voor de lokale coalitie",
        ]
        assert titles(domains=["sociaal"], provinces=["PV26"]) == titles(domains=["sociaal"])
        assert titles(themes=["armoede-en-geldzorgen"]) == ["Signaleringskaart"]
        assert titles(phases=["zwangerschap"], domains=["geboortezorg"]) == ["Signaleringskaart"]
        assert titles(provinces=["PV20"]) == ["Signaleringskaart"]
        assert titles("zwangeren", kinds=["webinar-opname"]) == ["Webinar terugkijken"]

    def test_values_within_a_facet_are_alternatives(self, corpus):
        assert set(titles(kinds=["tool", "handreiking"])) == {
            "Signaleringskaart",
            "Startgids voor de lokale coalitie",
        }

    def test_counts_follow_the_text_and_the_other_facets(self, corpus):
        result = resources_search(text="", filters=Filters(kinds=["tool"]))
        facets = {
            name: {o.value: o.count for o in options} for name, options in result.facets.items()
        }
        # the kind facet ignores its own selection, so other kinds stay reachable
        assert facets["soort"]["tool"] == 1
        assert facets["soort"]["handreiking"] == 1
        assert facets["soort"]["good-practice"] == 1
        # the other facets count only tools
        assert facets["domein"] == {
            "geboortezorg": 1,
            "jgz": 0,
            "sociaal": 0,
            "gemeente": 0,
            "overig": 0,
        }
        assert facets["thema"]["armoede-en-geldzorgen"] == 1
        assert facets["thema"]["samenwerking-en-coalitievorming"] == 0
        assert facets["provincie"]["PV20"] == 1
        assert facets["provincie"]["PV26"] == 0
        assert facets["fase"]["zwangerschap"] == 1

        result = resources_search(text="zwangeren")
        facets = {
            name: {o.value: o.count for o in options} for name, options in result.facets.items()
        }
        assert facets["domein"]["geboortezorg"] == 2
        assert facets["domein"]["jgz"] == 1
        assert facets["soort"] == {
            "tool": 1,
            "good-practice": 0,
            "handreiking": 0,
            "factsheet": 0,
            "webinar-opname": 1,
            "artikel": 0,
        }

    def test_selected_options_are_marked(self, corpus):
        result = resources_search(filters=Filters(themes=["kwetsbare-zwangeren"]))
        selected = [o.value for o in result.facets["thema"] if o.selected]
        assert selected == ["kwetsbare-zwangeren"]

    def test_unknown_filter_values_are_ignored(self):
        filters = Filters.from_querydict(
            QueryDict("soort=tool&soort=raket&domein=x&fase=zwangerschap")
        )
        assert (
            filters.kinds == ["tool"]
            and filters.domains == []
            and filters.phases == ["zwangerschap"]
        )


class TestThemeAndKindNames:
    """Issue 12 #18: a theme's or kind's name finds the items that carry it."""

    def test_theme_name_finds_items_with_that_theme(self):
        poor = Theme.objects.get(slug="armoede-en-geldzorgen")
        ResourceFactory(title="Signaleringskaart", summary="Een kaart.", themes=[poor])
        ResourceFactory(title="Voorleeskist", summary="Boeken.")
        assert titles("armoede") == ["Signaleringskaart"]
        assert titles("geldzorgen") == ["Signaleringskaart"]

    def test_adding_removing_and_renaming_a_theme_follows(self):
        poor = Theme.objects.get(slug="armoede-en-geldzorgen")
        item = ResourceFactory(title="Signaleringskaart", summary="Een kaart.")
        assert titles("armoede") == []
        item.themes.add(poor)
        assert titles("armoede") == ["Signaleringskaart"]
        poor.name = "Bestaanszekerheid"
        poor.save()
        assert titles("armoede") == [] and titles("bestaanszekerheid") == ["Signaleringskaart"]
        item.themes.remove(poor)
        assert titles("bestaanszekerheid") == []

    def test_kind_name_finds_items_of_that_kind(self):
        ResourceFactory(title="Startgids", summary="Stap voor stap.", kind="handreiking")
        ResourceFactory(title="Opname", summary="Terugkijken.", kind="webinar-opname")
        assert titles("handreiking") == ["Startgids"]
        assert titles("webinar") == ["Opname"]
