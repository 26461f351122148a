"""What a digest holds: new events near a subscriber, new toolkit items and answered
questions, filtered by the subscriber's topics. The candidates are read once per digest (a few
queries) and matched per subscriber in Python, so a batch costs the same for any size."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from django.db.models import Count, Prefetch
from django.utils import timezone

from ontmoetingen.events.models import Event
from ontmoetingen.newsletter.models import Delivery, Digest, Subscriber
from ontmoetingen.questions.models import Question
from ontmoetingen.regions.models import GgdRegion, Municipality, Province
from ontmoetingen.toolkit.models import Resource

MAX_ITEMS = 8


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def _end_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.max))


@dataclass
class Candidates:
    events: list[Event]
    resources: list[Resource]
    questions: list[Question]


def digest_candidates(digest: Digest) -> Candidates:
    """Upcoming published events announced since the period began, toolkit items published and
    questions answered (as FAQ) within the period."""
    events = list(
        Event.objects.published()
        .upcoming()
        .filter(created_at__gte=_start_of(digest.period_start))
        .select_related("municipality")
        .defer("municipality__shape")
        .prefetch_related(
            Prefetch("provinces", queryset=Province.objects.only("code")),
            Prefetch("ggd_regions", queryset=GgdRegion.objects.only("code", "province_id")),
            Prefetch("municipalities", queryset=Municipality.objects.only("code", "province_id")),
            "themes",
        )
        .order_by("starts_at")
    )
    for event in events:
        event.province_codes = event_province_codes(event)
        event.theme_ids = {t.pk for t in event.themes.all()}
    resources = list(
        Resource.objects.published()
        .filter(
            published_at__gte=_start_of(digest.period_start),
            published_at__lte=_end_of(digest.period_end),
        )
        .only("title", "slug", "summary", "kind")
        .prefetch_related("themes")
        .order_by("-published_at")
    )
    for resource in resources:
        resource.theme_ids = {t.pk for t in resource.themes.all()}
    questions = list(
        Question.objects.filter(
            is_published=True,
            published_at__gte=_start_of(digest.period_start),
            published_at__lte=_end_of(digest.period_end),
        )
        .only("id", "faq_question", "theme_id", "published_at")
        .order_by("-published_at")
    )
    return Candidates(events=events, resources=resources, questions=questions)


def event_province_codes(event: Event) -> set[str]:
    codes = {p.code for p in event.provinces.all()}
    codes |= {g.province_id for g in event.ggd_regions.all()}
    codes |= {m.province_id for m in event.municipalities.all()}
    if event.municipality_id and event.municipality:
        codes.add(event.municipality.province_id)
    return codes


@dataclass
class DigestContent:
    events: list[Event]
    resources: list[Resource]
    questions: list[Question]

    @property
    def empty(self) -> bool:
        return not (self.events or self.resources or self.questions)


def _matches(theme_ids: set[int], chosen: set[int]) -> bool:
    return not chosen or bool(theme_ids & chosen)


def content_for(candidates: Candidates, *, theme_ids: set[int], province: str | None):
    """The digest as one subscriber sees it: events national or in their province, and
    everything matching their themes (no themes chosen: everything)."""
    events = [
        e
        for e in candidates.events
        if (e.is_national or not province or province in e.province_codes)
        and _matches(e.theme_ids, theme_ids)
    ]
    resources = [r for r in candidates.resources if _matches(r.theme_ids, theme_ids)]
    questions = [q for q in candidates.questions if not theme_ids or q.theme_id in theme_ids]
    return DigestContent(events[:MAX_ITEMS], resources[:MAX_ITEMS], questions[:MAX_ITEMS])


def subscribers_pending(digest: Digest, *, limit: int) -> list[Subscriber]:
    """Active subscribers who have not had this digest yet, with their topics."""
    return list(
        Subscriber.objects.active()
        .exclude(deliveries__digest=digest)
        .prefetch_related("themes")
        .order_by("pk")[:limit]
    )


def subscribers_pending_count(digest: Digest) -> int:
    return Subscriber.objects.active().exclude(deliveries__digest=digest).count()


def digest_progress(digest: Digest) -> dict:
    sent = Delivery.objects.filter(digest=digest).count()
    total = digest.total or 0
    return {"sent": sent, "total": total, "percent": int(100 * sent / total) if total else 0}


def subscriber_counts() -> dict:
    row = Subscriber.objects.aggregate(
        all=Count("pk"),
    )
    active = Subscriber.objects.active().count()
    pending = Subscriber.objects.filter(
        confirmed_at__isnull=True, unsubscribed_at__isnull=True
    ).count()
    return {"all": row["all"], "active": active, "pending": pending}
