import secrets

import factory
from django.utils import timezone

from ontmoetingen.accounts.tests.factories import UserFactory
from ontmoetingen.core.domain import Domain
from ontmoetingen.questions.models import Question, QuestionNote, ThemeProposal, Vote


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Question

    kind = Question.Kind.QUESTION
    domain = Domain.BIRTH_CARE
    text = factory.Sequence(lambda n: f"Hoe werken we samen met het wijkteam? (vraag {n})")
    name = "Sanne Vraagsteller"
    email = factory.Sequence(lambda n: f"vrager{n}@voorbeeld.nl")
    token = factory.LazyFunction(lambda: secrets.token_urlsafe(24))

    class Params:
        answered = factory.Trait(
            status=Question.Status.ANSWERED,
            answer="Maak een vaste werkafspraak in de coalitie.",
            answered_at=factory.LazyFunction(timezone.now),
        )
        published = factory.Trait(
            status=Question.Status.ANSWERED,
            answer="Maak een vaste werkafspraak in de coalitie.",
            answered_at=factory.LazyFunction(timezone.now),
            is_published=True,
            faq_question=factory.SelfAttribute("text"),
            faq_answer="Maak een **vaste werkafspraak** in de coalitie.",
            published_at=factory.LazyFunction(timezone.now),
        )


class NoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = QuestionNote

    question = factory.SubFactory(QuestionFactory)
    text = "Intern: navragen bij de regiocoördinator."


class ProposalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ThemeProposal

    title = factory.Sequence(lambda n: f"Themavoorstel {n}")
    description = "Graag een bijeenkomst hierover."
    purpose = ThemeProposal.Purpose.MEETING
    domain = Domain.SOCIAL
    proposer = factory.SubFactory(UserFactory, professional=True)

    class Params:
        taken_up = factory.Trait(
            status=ThemeProposal.Status.TAKEN_UP,
            taken_up_url="/agenda/webinar/",
            taken_up_title="Webinar over dit thema",
            taken_up_at=factory.LazyFunction(timezone.now),
        )


class VoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Vote

    proposal = factory.SubFactory(ProposalFactory)
    user = factory.SubFactory(UserFactory, professional=True)
