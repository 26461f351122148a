"""Case 3: a stored text built to be slow costs no more than a normal text of the same length.

CPU time (``time.process_time``) of rendering each pathological input is compared with rendering
a normal Markdown text of the same length, as a ratio with a generous budget: a quadratic parser
needs hundreds of times longer on these inputs (Python-Markdown took 24.9 s for 9,000 ``[``),
a linear one stays within a small multiple.
"""

import time

import pytest

from ontmoetingen.core import markdown
from ontmoetingen.core.markdown import render_markdown, to_safe_html

N = 9000
# Times the CPU of a normal text of the same length. A linear parser stays around 10x on these
# inputs (emphasis runs cost more per character than prose); the quadratic parser this replaces
# took thousands of times as long at this length, so 100x still tells them apart on a busy machine.
BUDGET = 100

PARAGRAPH = (
    "Een **kansrijke start** begint bij [samenwerking](https://voorbeeld.nl) tussen "
    "*geboortezorg* en het sociaal domein.\n\n- een punt\n- nog een punt\n\n## Kop\n\n"
    "| Domein | Aantal |\n|---|---|\n| JGZ | 3 |\n\n"
)
NORMAL = (PARAGRAPH * (N // len(PARAGRAPH) + 1))[:N]

PATHOLOGICAL = {
    "open brackets": "[" * N,
    "unclosed links": "[a](" * (N // 4),
    "unclosed images": "![" * (N // 2),
    "nested stars": "*a" * (N // 2),
    "double stars": "**" * (N // 2),
    "nested underscores": "_a" * (N // 2),
    "mixed emphasis": "*_" * (N // 2),
    "backticks": "`" * N,
    "backtick runs": "".join("`" * i + "a" for i in range(1, 130)),
    "angle brackets": "<" * N,
    "nested quotes": "> " * (N // 2),
    "nested list markers": "- " * (N // 2),
    "wide table": "|" * (N // 2) + "\n" + "|-" * (N // 4) + "\n",
    "reference definitions": "[a]: " * (N // 5),
    "entities": "&#" * (N // 2),
    "shortcut references": "[a]" * (N // 3),
    "open autolinks": "<a" * (N // 2),
}


def cpu_seconds(text: str, repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        to_safe_html(text)
        best = min(best, time.process_time() - start)
    return best


@pytest.fixture(scope="module")
def normal_cost() -> float:
    return max(cpu_seconds(NORMAL, repeat=5), 1e-4)


@pytest.mark.parametrize("name", PATHOLOGICAL)
def test_pathological_input_renders_within_budget(name, normal_cost):
    text = PATHOLOGICAL[name]
    assert abs(len(text) - N) < N * 0.1
    ratio = cpu_seconds(text, repeat=3) / normal_cost
    assert ratio < BUDGET, f"{name}: {ratio:.0f} times the CPU of a normal text"


def test_rendering_keeps_the_features_texts_use():
    html = to_safe_html(
        "# Kop\n\n**vet** *schuin* [link](https://voorbeeld.nl)\n\n- een\n- twee\n\n1. x\n\n"
        "| a | b |\n|---|---|\n| 1 | 2 |\n\n> citaat\n\n<b>rauw</b> [x](javascript:alert(1))"
    )
    assert "<h2>Kop</h2>" in html
    assert "<strong>vet</strong>" in html and "<em>schuin</em>" in html
    assert '<a href="https://voorbeeld.nl" rel="noopener noreferrer nofollow">link</a>' in html
    assert "<ul>" in html and "<ol>" in html and "<table>" in html and "<blockquote>" in html
    assert "<b>" not in html and "javascript:" not in html.replace("[x](javascript:", "")
    assert 'href="javascript' not in html


def test_rendered_html_is_cached_under_the_text_hash(monkeypatch):
    calls = []
    real = markdown.to_safe_html
    monkeypatch.setattr(markdown, "to_safe_html", lambda text: calls.append(text) or real(text))
    text = "Een tekst die " + "lang genoeg is. " * 200
    first = render_markdown(text, mark_terms=False)
    second = render_markdown(text, mark_terms=False)
    render_markdown(text + " En meer.", mark_terms=False)
    assert first == second
    assert len(calls) == 2


@pytest.mark.django_db
def test_toolkit_proposal_body_has_a_length_limit(client, settings, tmp_path):
    from django.urls import reverse

    from ontmoetingen.accounts.tests.factories import UserFactory
    from ontmoetingen.toolkit.models import Resource

    settings.PRIVATE_MEDIA_ROOT = tmp_path
    client.force_login(UserFactory(professional=True))
    response = client.post(
        reverse("toolkit:propose"),
        {
            "title": "Lang",
            "kind": "good-practice",
            "summary": "Kort.",
            "body": "[" * (markdown.MARKDOWN_MAX_LENGTH + 1),
            "domains": ["jgz"],
            "url": "https://voorbeeld.nl/",
        },
    )
    assert response.status_code == 400
    assert "10000" in response.content.decode().replace(".", "")
    assert not Resource.objects.exists()


@pytest.mark.django_db
def test_event_description_has_a_length_limit():
    from ontmoetingen.events.forms import EventForm

    form = EventForm(data={"description": "x" * (markdown.MARKDOWN_MAX_LENGTH + 1)})
    assert not form.is_valid()
    assert "description" in form.errors
