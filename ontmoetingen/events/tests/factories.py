from datetime import timedelta

import factory
from django.utils import timezone

from ontmoetingen.core.domain import Domain
from ontmoetingen.events.models import (
    Event,
    EventKind,
    EventStatus,
    Registration,
    RegistrationStatus,
    Session,
)


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Kennisbijeenkomst {n}")
    slug = factory.Sequence(lambda n: f"kennisbijeenkomst-{n}")
    kind = EventKind.KNOWLEDGE
    status = EventStatus.PUBLISHED
    summary = "Kennismaken tussen geboortezorg en sociaal domein."
    starts_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=14))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timedelta(hours=3))
    capacity = 10
    venue = "Stadhuis"
    address = "Markt 1, Utrecht"
    is_national = True

    class Params:
        draft = factory.Trait(status=EventStatus.DRAFT)
        past = factory.Trait(
            starts_at=factory.LazyFunction(lambda: timezone.now() - timedelta(days=3)),
        )
        online = factory.Trait(is_online=True, online_url="https://meet.example/geheim", venue="")
        unlimited = factory.Trait(capacity=None)


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session

    event = factory.SubFactory(EventFactory)
    title = factory.Sequence(lambda n: f"Workshop {n}")
    starts_at = factory.LazyAttribute(lambda o: o.event.starts_at + timedelta(hours=1))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timedelta(hours=1))
    capacity = 2


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    event = factory.SubFactory(EventFactory)
    name = factory.Sequence(lambda n: f"Deelnemer {n}")
    email = factory.Sequence(lambda n: f"deelnemer{n}@voorbeeld.nl")
    organisation = "Verloskundigenpraktijk De Wieg"
    domain = Domain.BIRTH_CARE
    status = RegistrationStatus.CONFIRMED
    confirmed_at = factory.LazyFunction(timezone.now)

    class Params:
        waitlisted = factory.Trait(
            status=RegistrationStatus.WAITLISTED, wait_reason="capacity", confirmed_at=None
        )
        cancelled = factory.Trait(status=RegistrationStatus.CANCELLED)
