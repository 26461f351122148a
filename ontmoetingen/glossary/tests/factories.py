import factory

from ontmoetingen.core.domain import Domain
from ontmoetingen.glossary.models import Term


class TermFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Term

    term = factory.Sequence(lambda n: f"Testbegrip{n}")
    slug = factory.LazyAttribute(lambda o: o.term.lower().replace(" ", "-"))
    domain = Domain.BIRTH_CARE
    definition = factory.LazyAttribute(lambda o: f"Uitleg van {o.term}. Tweede zin.")
    explanation = "Voor het sociaal domein: een uitleg."
    source = "Testbron"
