import json

import pytest
from django.core.management import call_command
from django.urls import reverse

from ontmoetingen.core.domain import Domain
from ontmoetingen.glossary.models import Term
from ontmoetingen.glossary.services import DATA_FILE, glossary_load
from ontmoetingen.glossary.tests.factories import TermFactory

pytestmark = pytest.mark.django_db

MEDICAL = {Domain.BIRTH_CARE, Domain.YOUTH_HEALTH}
SOCIAL = {Domain.SOCIAL, Domain.MUNICIPALITY}


class TestShippedData:
    rows = json.loads(DATA_FILE.read_text(encoding="utf-8"))

    def test_at_least_80_terms_balanced_between_the_domains(self):
        assert len(self.rows) >= 80
        medical = sum(1 for r in self.rows if r["domain"] in MEDICAL)
        social = sum(1 for r in self.rows if r["domain"] in SOCIAL)
        assert medical >= 30
        assert social >= 30

    def test_every_term_is_complete(self):
        for row in self.rows:
            assert len(row["definition"].split()) <= 80, row["term"]
            assert row["explanation"].startswith("Voor "), row["term"]
            assert row["source"], row["term"]

    def test_names_and_surfaces_are_unique(self):
        surfaces = []
        for row in self.rows:
            surfaces += [row["term"], row.get("abbreviation", ""), *row.get("synonyms", [])]
        surfaces = [s.casefold() for s in surfaces if s]
        assert len(surfaces) == len(set(surfaces))

    def test_required_examples_are_there(self):
        names = {r["term"] for r in self.rows} | {r.get("abbreviation") for r in self.rows}
        synonyms = {s for r in self.rows for s in r.get("synonyms", [])}
        for wanted in [
            "VSV",
            "IGO",
            "Kraamzorg",
            "Partusassistentie",
            "Perined",
            "Verloskundige",
            "Gynaecoloog",
            "JGZ",
            "Consultatiebureau",
            "Jeugdverpleegkundige",
            "Wijkteam",
            "Wmo",
            "Jeugdwet",
            "Participatiewet",
            "Veilig Thuis",
            "Schuldhulpverlening",
            "Nu Niet Zwanger",
            "Kansrijke Start",
            "Lokale coalitie",
            "Eerste 1000 dagen",
            "Positieve Gezondheid",
            "Meldcode huiselijk geweld en kindermishandeling",
        ]:
            assert wanted in names or wanted in synonyms, wanted
        assert "prenatale huisbezoek" in synonyms


def test_load_is_idempotent_and_links_related_terms():
    first = glossary_load()
    assert first["created"] == first["total"] >= 80
    second = glossary_load()
    assert second["created"] == 0 and second["updated"] == 0
    assert Term.objects.count() == first["total"]
    vsv = Term.objects.get(abbreviation="VSV")
    assert vsv.related.filter(abbreviation="IGO").exists()
    assert Term.objects.get(abbreviation="IGO").related.filter(pk=vsv.pk).exists()


def test_load_command_keeps_own_terms(capsys):
    own = TermFactory(term="Eigen begrip", slug="eigen-begrip")
    call_command("load_glossary")
    assert "nieuw" in capsys.readouterr().out
    assert Term.objects.filter(pk=own.pk).exists()


class TestPages:
    def test_list_groups_by_letter_with_navigation(self, client):
        glossary_load()
        response = client.get(reverse("glossary:list"))
        html = response.content.decode()
        assert response.status_code == 200
        assert 'id="letter-K"' in html
        assert 'href="#letter-K"' in html
        assert 'aria-current="page">Begrippen<' in html
        assert "Kraamzorg" in html

    def test_search_and_domain_filter(self, client):
        TermFactory(term="Kraamzorg", slug="kraamzorg")
        TermFactory(term="Wijkteam", slug="wijkteam", domain="sociaal")
        html = client.get(reverse("glossary:list"), {"q": "kraam"}).content.decode()
        assert "Kraamzorg" in html and "Wijkteam</a>" not in html
        html = client.get(reverse("glossary:list"), {"domein": "sociaal"}).content.decode()
        assert "Wijkteam</a>" in html and "Kraamzorg</a>" not in html

    def test_empty_state(self, client):
        html = client.get(reverse("glossary:list"), {"q": "bestaatniet"}).content.decode()
        assert "Geen begrip gevonden" in html

    def test_htmx_gets_only_the_results(self, client):
        TermFactory(term="Kraamzorg", slug="kraamzorg")
        html = client.get(reverse("glossary:list"), HTTP_HX_REQUEST="true").content.decode()
        assert html.startswith('<div id="begrippen-resultaten">')

    def test_detail_shows_explanation_related_and_not_itself(self, client):
        glossary_load()
        vsv = Term.objects.get(abbreviation="VSV")
        html = client.get(vsv.get_absolute_url()).content.decode()
        assert "Voor het sociaal domein" in html
        assert "Integrale geboortezorgorganisatie</a>" in html
        assert f'href="{vsv.get_absolute_url()}" class="term"' not in html

    def test_unknown_term_is_404(self, client):
        assert client.get("/begrippen/bestaat-niet/").status_code == 404

    def test_list_query_count_does_not_grow(self, client, django_assert_max_num_queries):
        for i in range(3):
            TermFactory(term=f"Begrip {i}", slug=f"begrip-{i}")
        client.get(reverse("glossary:list"))
        with django_assert_max_num_queries(8) as small:
            client.get(reverse("glossary:list"))
        for i in range(3, 40):
            TermFactory(term=f"Begrip {i}", slug=f"begrip-{i}")
        with django_assert_max_num_queries(len(small.captured_queries)):
            client.get(reverse("glossary:list"))


class TestCorrections:
    """Issue 12 #27: terms checked once more against their named sources."""

    rows = {r["term"]: r for r in json.loads(DATA_FILE.read_text(encoding="utf-8"))}

    def test_low_birth_weight_is_under_2500_grams_not_small_for_gestational_age(self):
        low = self.rows["Laag geboortegewicht"]
        assert "2500 gram" in low["definition"]
        assert "dysmaturiteit" not in low.get("synonyms", [])
        assert "te klein of te licht is voor de duur" not in low["definition"]
        small = self.rows["Klein voor de zwangerschapsduur"]
        assert small["abbreviation"] == "SGA"
        assert "tiende percentiel" in small["definition"]
        assert {"dysmaturiteit", "small for gestational age"} <= set(small["synonyms"])
        assert "Klein voor de zwangerschapsduur" in low["related"]

    def test_nu_niet_zwanger_is_public_health_not_social_domain(self):
        nnz = self.rows["Nu Niet Zwanger"]
        assert nnz["domain"] != Domain.SOCIAL
        assert "publieke gezondheid" in nnz["definition"]
        assert "GGD" in nnz["source"]

    def test_loading_corrects_a_glossary_loaded_before(self):
        glossary_load()
        Term.objects.filter(slug="nu-niet-zwanger").update(domain=Domain.SOCIAL)
        glossary_load()
        assert Term.objects.get(slug="nu-niet-zwanger").domain == Domain.OTHER
        term = Term.objects.get(term="Laag geboortegewicht")
        assert term.related.filter(abbreviation="SGA").exists()
        assert Term.objects.get(abbreviation="SGA").synonym_list[0] == "dysmaturiteit"
