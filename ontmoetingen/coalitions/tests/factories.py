from datetime import date

import factory

from ontmoetingen.coalitions.models import (
    Coalition,
    CoalitionMembership,
    CoalitionMunicipality,
    CoalitionStatus,
    StatusChange,
)
from ontmoetingen.directory.tests.factories import OrganisationFactory


class CoalitionFactory(factory.django.DjangoModelFactory):
    """A coalition with its first status change; ``municipalities=[codes]`` links them."""

    class Meta:
        model = Coalition
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Kansrijke Start {n}")
    status = CoalitionStatus.ORIENTEREND
    status_since = date(2020, 1, 1)
    started_on = date(2020, 1, 1)

    class Params:
        working = factory.Trait(status=CoalitionStatus.WERKEND)

    @factory.post_generation
    def municipalities(self, create, extracted, **kwargs):
        if create and extracted:
            CoalitionMunicipality.objects.bulk_create(
                [
                    CoalitionMunicipality(coalition=self, municipality_id=getattr(m, "code", m))
                    for m in extracted
                ]
            )

    @factory.post_generation
    def history(self, create, extracted, **kwargs):
        if create:
            StatusChange.objects.create(
                coalition=self, status=self.status, changed_on=self.status_since
            )

    @factory.post_generation
    def coordinators(self, create, extracted, **kwargs):
        if create and extracted:
            self.coordinators.set(extracted)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CoalitionMembership

    coalition = factory.SubFactory(CoalitionFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = "partner"
    since = date(2020, 6, 1)
