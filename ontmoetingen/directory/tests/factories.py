import factory

from ontmoetingen.directory.models import Organisation, OrganisationType


class OrganisationFactory(factory.django.DjangoModelFactory):
    """An organisation; pass ``service_area=[codes or municipalities]`` for its working area."""

    class Meta:
        model = Organisation
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Organisatie {n}")
    type = OrganisationType.MIDWIFERY
    contact_email = factory.Sequence(lambda n: f"org{n}@voorbeeld.nl")

    class Params:
        birth_care = factory.Trait(type=OrganisationType.MIDWIFERY)
        youth_health = factory.Trait(type=OrganisationType.GGD)
        social = factory.Trait(type=OrganisationType.NEIGHBOURHOOD_TEAM)
        municipality = factory.Trait(type=OrganisationType.MUNICIPALITY)

    @factory.post_generation
    def service_area(self, create, extracted, **kwargs):
        if create and extracted:
            self.service_area.set(extracted)
