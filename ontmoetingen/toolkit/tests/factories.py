import factory
from django.utils import timezone

from ontmoetingen.toolkit.models import Kind, Resource, Status


class ResourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Resource
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Hulpmiddel {n}")
    slug = factory.Sequence(lambda n: f"hulpmiddel-{n}")
    kind = Kind.TOOL
    summary = "Een korte samenvatting."
    body = ""
    audience = ",geboortezorg,"
    status = Status.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)

    class Params:
        proposed = factory.Trait(status=Status.PROPOSED, published_at=None)

    @factory.post_generation
    def themes(self, create, extracted, **kwargs):
        if create and extracted:
            self.themes.set(extracted)
