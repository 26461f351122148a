import factory
from django.utils import timezone

from ontmoetingen.accounts.tests.factories import UserFactory
from ontmoetingen.core.domain import Domain
from ontmoetingen.encounters.models import Introduction, Profession, Professional


class ProfessionalFactory(factory.django.DjangoModelFactory):
    """A published profile; pass ``working_area=[codes]`` and ``themes=[...]``."""

    class Meta:
        model = Professional
        skip_postgeneration_save = True

    user = factory.SubFactory(UserFactory, professional=True)
    domain = Domain.BIRTH_CARE
    profession = Profession.MIDWIFE
    published = True
    phone = factory.Sequence(lambda n: f"06-{10000000 + n}")

    class Params:
        social = factory.Trait(domain=Domain.SOCIAL, profession=Profession.NEIGHBOURHOOD_TEAM)
        youth_health = factory.Trait(domain=Domain.YOUTH_HEALTH, profession=Profession.YOUTH_NURSE)
        unpublished = factory.Trait(published=False)

    @factory.post_generation
    def working_area(self, create, extracted, **kwargs):
        if create and extracted:
            self.working_area.set(extracted)

    @factory.post_generation
    def themes(self, create, extracted, **kwargs):
        if create and extracted:
            self.themes.set(extracted)


class IntroductionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Introduction

    requester = factory.SubFactory(UserFactory)
    recipient = factory.SubFactory(UserFactory)
    message = "Graag kennismaken over de overdracht na de kraamperiode."
    expires_at = factory.LazyFunction(lambda: Introduction.expiry_from(timezone.now()))
