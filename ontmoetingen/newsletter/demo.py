"""Demo newsletter: a few hundred fictional subscribers (most confirmed, some waiting, some
unsubscribed) with topics, and last month's digest marked as sent. Writes rows directly, so
seeding sends no mail; deterministic and idempotent."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from ontmoetingen.core.models import Theme
from ontmoetingen.newsletter.models import Delivery, Digest, Subscriber
from ontmoetingen.regions.models import Province

COUNTS = {"small": 120, "national": 320}


def seed(*, scale: str, rng, stdout) -> None:
    if Subscriber.objects.filter(is_demo=True).exists():
        stdout.write("  newsletter: voorbeeldabonnees bestaan al")
        return
    now = timezone.now()
    themes = list(Theme.objects.order_by("pk"))
    provinces = [None, *Province.objects.filter(active=True).order_by("code")]
    subscribers = []
    for n in range(COUNTS.get(scale, COUNTS["national"])):
        roll = rng.random()
        subscribers.append(
            Subscriber(
                email=f"abonnee{n + 1}@voorbeeld.nl",
                name=f"Abonnee {n + 1} (voorbeeld)",
                province=rng.choice(provinces),
                confirmed_at=None if roll < 0.08 else now - timedelta(days=rng.randint(5, 300)),
                unsubscribed_at=now - timedelta(days=2) if 0.08 <= roll < 0.13 else None,
                is_demo=True,
            )
        )
    Subscriber.objects.bulk_create(subscribers)
    created = list(Subscriber.objects.filter(is_demo=True).order_by("pk"))
    through = Subscriber.themes.through
    through.objects.bulk_create(
        through(subscriber_id=s.pk, theme_id=t.pk)
        for s in created
        for t in rng.sample(themes, k=min(rng.randint(0, 3), len(themes)))
    )
    today = timezone.localdate()
    first = today.replace(day=1)
    last_month_end = first - timedelta(days=1)
    active = [s for s in created if s.is_active]
    digest = Digest.objects.create(
        subject=f"Kansrijke Ontmoetingen: nieuws van {last_month_end:%m-%Y} (voorbeeld)",
        intro="Nieuwe bijeenkomsten, tools en antwoorden van de afgelopen maand.",
        period_start=last_month_end.replace(day=1),
        period_end=last_month_end,
        status="verzonden",
        total=len(active),
        started_at=now - timedelta(days=rng.randint(1, 5)),
        finished_at=now - timedelta(days=1),
        is_demo=True,
    )
    Delivery.objects.bulk_create(Delivery(digest=digest, subscriber=s) for s in active)
    stdout.write(
        f"  newsletter: {len(created)} abonnees ({len(active)} actief), 1 verzonden digest"
    )
