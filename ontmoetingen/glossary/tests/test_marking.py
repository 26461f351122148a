import pytest
from django.core.cache import cache

from ontmoetingen.core.markdown import render_markdown
from ontmoetingen.glossary import marking
from ontmoetingen.glossary.marking import mark_terms
from ontmoetingen.glossary.tests.factories import TermFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def terms():
    vsv = TermFactory(
        term="Verloskundig samenwerkingsverband",
        slug="verloskundig-samenwerkingsverband",
        abbreviation="VSV",
        definition="Samenwerking van de geboortezorg in een regio. Nog een zin.",
    )
    kraamzorg = TermFactory(term="Kraamzorg", slug="kraamzorg", synonyms="kraamhulp")
    wijkteam = TermFactory(term="Wijkteam", slug="wijkteam", domain="sociaal")
    return {"vsv": vsv, "kraamzorg": kraamzorg, "wijkteam": wijkteam}


def test_first_occurrence_only(terms):
    html = mark_terms("<p>Kraamzorg helpt. Daarna weer kraamzorg.</p><p>kraamzorg</p>")
    assert html.count('class="term"') == 1
    assert html.startswith('<p><a href="/begrippen/kraamzorg/" class="term"><dfn title=')
    assert "Daarna weer kraamzorg.</p>" in html


def test_case_insensitive_and_keeps_original_case(terms):
    html = mark_terms("<p>Het WIJKTEAM belt.</p>")
    assert '<dfn title="Uitleg van Wijkteam.">WIJKTEAM</dfn>' in html


def test_abbreviation_becomes_abbr_with_term_and_short_definition(terms):
    html = mark_terms("<p>Het VSV overlegt.</p>")
    assert (
        '<a href="/begrippen/verloskundig-samenwerkingsverband/" class="term">'
        '<abbr title="Verloskundig samenwerkingsverband: Samenwerking van de geboortezorg in '
        'een regio.">VSV</abbr></a>' in html
    )


def test_term_and_its_abbreviation_count_as_one(terms):
    html = mark_terms("<p>Het VSV, het verloskundig samenwerkingsverband.</p>")
    assert html.count('class="term"') == 1


def test_synonym_links_to_its_term(terms):
    html = mark_terms("<p>De kraamhulp komt.</p>")
    assert '<a href="/begrippen/kraamzorg/" class="term"><dfn' in html
    assert ">kraamhulp</dfn>" in html


def test_whole_words_only(terms):
    html = mark_terms("<p>VSVs, wijkteamleden en superkraamzorg.</p>")
    assert "class=" not in html


def test_hyphenated_compound_marks_the_abbreviation(terms):
    html = mark_terms("<p>De VSV-bijeenkomst.</p>")
    assert ">VSV</abbr></a>-bijeenkomst" in html


@pytest.mark.parametrize(
    "html",
    [
        '<p><a href="https://voorbeeld.nl">kraamzorg</a></p>',
        "<h2>Kraamzorg</h2>",
        "<h3>Over <em>kraamzorg</em></h3>",
        "<p><code>kraamzorg</code></p>",
        "<pre><code>kraamzorg\n</code></pre>",
        '<p><abbr title="x">kraamzorg</abbr></p>',
    ],
)
def test_never_inside_links_headings_code_or_abbr(terms, html):
    assert mark_terms(html) == html


def test_marks_after_a_skipped_element(terms):
    html = mark_terms("<h2>Kraamzorg</h2><p>Over kraamzorg.</p>")
    assert html.startswith("<h2>Kraamzorg</h2><p>Over <a href=")


def test_attributes_are_not_touched(terms):
    html = '<p><a href="/x" title="kraamzorg">link</a> en <strong title="wijkteam">x</strong></p>'
    marked = mark_terms(html)
    assert 'title="kraamzorg">link</a>' in marked
    assert 'title="wijkteam">x</strong>' in marked


def test_markdown_filter_marks_terms(terms):
    html = render_markdown(
        "# Kraamzorg\n\nDe kraamzorg en het [wijkteam](https://x.nl) en het VSV."
    )
    assert "<h2>Kraamzorg</h2>" in html
    assert '<a href="/begrippen/kraamzorg/" class="term">' in html
    assert "wijkteam/" not in html
    assert "<abbr" in html


def test_title_is_escaped(db):
    TermFactory(term="Quote", slug="quote", definition='Een "aanhaling" <b>vet</b>.')
    html = mark_terms("<p>quote</p>")
    assert 'title="Een &quot;aanhaling&quot; &lt;b&gt;vet&lt;/b&gt;."' in html


def test_empty_glossary_leaves_html_alone():
    assert mark_terms("<p>kraamzorg</p>") == "<p>kraamzorg</p>"


def test_exclude_skips_a_term(terms):
    assert mark_terms("<p>kraamzorg</p>", exclude={"kraamzorg"}) == "<p>kraamzorg</p>"


class TestCache:
    def test_matcher_is_built_once_per_version(self, terms, django_assert_num_queries):
        mark_terms("<p>kraamzorg</p>")
        # one cache read for the version, no rescan of the glossary table
        with django_assert_num_queries(1):
            mark_terms("<p>wijkteam</p>")

    def test_saving_a_term_invalidates(self, terms):
        assert "Nieuwterm" not in mark_terms("<p>nieuwterm</p>")
        TermFactory(term="Nieuwterm", slug="nieuwterm")
        assert 'href="/begrippen/nieuwterm/"' in mark_terms("<p>nieuwterm</p>")

    def test_editing_and_deleting_a_term_invalidates(self, terms):
        kraamzorg = terms["kraamzorg"]
        kraamzorg.abbreviation = "KZ"
        kraamzorg.save()
        assert "<abbr" in mark_terms("<p>de KZ</p>")
        kraamzorg.delete()
        assert mark_terms("<p>kraamzorg</p>") == "<p>kraamzorg</p>"

    def test_change_in_another_process_is_seen(self, terms):
        """Another process changed a term: it replaced the shared version in the cache."""
        version_before = marking.current_version()
        mark_terms("<p>kraamzorg</p>")
        # the other process writes the database directly (no signal here) and bumps the version
        from ontmoetingen.glossary.models import Term

        Term.objects.filter(pk=terms["wijkteam"].pk).update(term="Buurtteam")
        assert "buurtteam/" not in mark_terms("<p>Buurtteam</p>")  # still the old matcher
        cache.set(marking.VERSION_KEY, "door-een-ander-proces", None)
        assert marking.current_version() != version_before
        assert '<dfn title="Uitleg van Wijkteam.">Buurtteam</dfn>' in mark_terms("<p>Buurtteam</p>")

    def test_version_is_read_once_per_request(self, terms, client, django_assert_max_num_queries):
        marking.begin_request()
        try:
            mark_terms("<p>kraamzorg</p>")
            from django.db import connection
            from django.test.utils import CaptureQueriesContext

            with CaptureQueriesContext(connection) as ctx:
                for _ in range(5):
                    mark_terms("<p>kraamzorg en wijkteam</p>")
            assert len(ctx.captured_queries) == 0
        finally:
            marking.end_request()
