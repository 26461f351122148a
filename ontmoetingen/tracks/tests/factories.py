from datetime import timedelta

import factory
from django.utils import timezone

from ontmoetingen.tracks.models import FollowUpAction, Visit


class VisitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Visit
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Regiotour Utrecht {n}")
    date = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=30))
    region_kind = "provincie"
    province_id = "PV26"
    contacts = "Mw. Jansen, 06-12345678 (intern)"

    class Params:
        visited = factory.Trait(
            status="bezocht",
            date=factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=10)),
        )
        cancelled = factory.Trait(status="vervallen")


class ActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FollowUpAction

    visit = factory.SubFactory(VisitFactory, visited=True)
    description = factory.Sequence(lambda n: f"Kennismaking plannen met de VSV ({n})")
    due_date = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=20))

    class Params:
        overdue = factory.Trait(
            due_date=factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=2))
        )
