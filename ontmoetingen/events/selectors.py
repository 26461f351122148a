"""Reads for the agenda, the back-office and the hooks on other pages."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import (
    Case,
    Count,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
    Window,
    prefetch_related_objects,
)
from django.db.models.functions import RowNumber
from django.utils import timezone

from ontmoetingen.core.domain import Domain
from ontmoetingen.events.models import (
    Event,
    EventStatus,
    Feedback,
    Registration,
    RegistrationStatus,
    Session,
)
from ontmoetingen.regions.models import GgdRegion, Municipality, Province


@dataclass
class AgendaFilters:
    kind: str = ""
    province: str = ""
    theme: str = ""
    domain: str = ""
    mode: str = ""  # "online" / "locatie"
    archive: bool = False


def _list_queryset() -> QuerySet[Event]:
    # region rows carry their map shape (large SVG paths): load only what a page shows
    return (
        Event.objects.visible()
        .with_counts()
        .select_related("municipality")
        .defer("municipality__shape")
        .prefetch_related(
            Prefetch("provinces", queryset=Province.objects.only("code", "name")),
            Prefetch("ggd_regions", queryset=GgdRegion.objects.only("code", "name")),
            Prefetch("municipalities", queryset=Municipality.objects.only("code", "name")),
            "themes",
        )
    )


def in_province(code: str) -> Q:
    """Events for a province: national ones, and those held or meant for a region in it."""
    return (
        Q(is_national=True)
        | Q(provinces__code=code)
        | Q(municipality__province_id=code)
        | Q(ggd_regions__province_id=code)
        | Q(municipalities__province_id=code)
    )


def events_agenda(*, filters: AgendaFilters) -> QuerySet[Event]:
    """Published (and cancelled) events, upcoming first, or the archive newest first."""
    queryset = _list_queryset()
    if filters.archive:
        queryset = queryset.past().order_by("-starts_at", "-pk")
    else:
        queryset = queryset.upcoming().order_by("starts_at", "pk")
    if filters.kind:
        queryset = queryset.filter(kind=filters.kind)
    if filters.province:
        queryset = queryset.filter(in_province(filters.province)).distinct()
    if filters.theme:
        queryset = queryset.filter(themes__slug=filters.theme).distinct()
    if filters.domain:
        queryset = queryset.filter(audience__contains=filters.domain)
    if filters.mode == "online":
        queryset = queryset.filter(is_online=True)
    elif filters.mode == "locatie":
        queryset = queryset.filter(is_online=False)
    return queryset


def events_upcoming(*, limit: int = 3) -> list[Event]:
    return list(_list_queryset().published().upcoming().order_by("starts_at")[:limit])


def near_municipality(municipality) -> Q:
    """Events held or meant for the municipality, its GGD region or its province: the place
    of the event, or any region it is meant for, lies in the same province or GGD region."""
    province, ggd = municipality.province_id, municipality.ggd_region_id
    return (
        Q(municipality=municipality)
        | Q(municipalities=municipality)
        | Q(municipality__province_id=province)
        | Q(municipality__ggd_region_id=ggd)
        | Q(municipalities__province_id=province)
        | Q(municipalities__ggd_region_id=ggd)
        | Q(provinces=province)
        | Q(ggd_regions=ggd)
        | Q(ggd_regions__province_id=province)
    )


def events_near(*, municipality, limit: int = 5) -> tuple[list[Event], list[Event]]:
    """Upcoming events for a municipality page, in two groups: those in or near the region
    (same municipality, GGD region or province), and national ones (often online) held
    elsewhere. The nearby group is not crowded out by national webinars."""
    # ids first (a subquery): joining the region tables into the counted query multiplies rows
    near_ids = Event.objects.filter(near_municipality(municipality)).values("pk")
    is_near = Case(When(pk__in=near_ids, then=Value(True)), default=Value(False))
    events = list(
        _list_queryset()
        .published()
        .upcoming()
        .filter(Q(pk__in=near_ids) | Q(is_national=True))
        .annotate(
            is_near=is_near,
            # one query for both groups: the first ``limit`` of each
            group_rank=Window(RowNumber(), partition_by=[is_near], order_by=["starts_at", "pk"]),
        )
        .filter(group_rank__lte=limit)
        .order_by("starts_at", "pk")
    )
    return [e for e in events if e.is_near], [e for e in events if not e.is_near]


def _sessions_with_counts() -> Prefetch:
    return Prefetch("sessions", queryset=Session.objects.with_counts())


def event_for_registration(slug: str, *, with_counts: bool = True) -> Event:
    """Just what the registration form needs (it is the page hit hardest in a rush). A submit
    loads it ``with_counts=False``: validating needs no seat count (the service counts under
    the lock), and ``places_left`` counts on demand when the form is shown again."""
    queryset = (
        Event.objects.visible()
        .select_related("programme")  # registration_form_for reads it
        .prefetch_related(_sessions_with_counts(), "registration_questions")
    )
    if with_counts:
        queryset = queryset.with_counts()
    return queryset.get(slug=slug)


def with_fresh_session_counts(event: Event) -> Event:
    """``event`` (loaded by ``event_for_registration``) with its workshops' seats counted again,
    in one query; nothing when it has no workshops."""
    prefetched = dict(event._prefetched_objects_cache)
    if prefetched.get("sessions"):
        del prefetched["sessions"]
        event._prefetched_objects_cache = prefetched
        prefetch_related_objects([event], _sessions_with_counts())
    return event


def event_for_public(slug: str) -> Event:
    return (
        _list_queryset()
        .prefetch_related(_sessions_with_counts(), "registration_questions")
        .get(slug=slug)
    )


def events_feed(*, province: str = "", theme: str = "") -> QuerySet[Event]:
    """The agenda feed, optionally for one province (CBS code) and/or theme (slug)."""
    since = timezone.now() - timezone.timedelta(days=90)
    queryset = Event.objects.visible().filter(ends_at__gte=since)
    if province:
        queryset = queryset.filter(pk__in=Event.objects.filter(in_province(province)).values("pk"))
    if theme:
        queryset = queryset.filter(pk__in=Event.objects.filter(themes__slug=theme).values("pk"))
    return queryset.order_by("starts_at")


def places_left(event: Event) -> int | None:
    """Free seats (``confirmed_count`` from ``with_counts``, else counted now); None when
    unlimited."""
    if event.capacity is None:
        return None
    confirmed = getattr(event, "confirmed_count", None)
    if confirmed is None:
        confirmed = event.registrations.filter(status=RegistrationStatus.CONFIRMED).count()
    return max(0, event.capacity - confirmed)


def waitlist_position(registration: Registration) -> int | None:
    """1 for the first person on the waiting list, None when not waiting."""
    if registration.status != RegistrationStatus.WAITLISTED:
        return None
    return Registration.objects.filter(
        event_id=registration.event_id,
        status=RegistrationStatus.WAITLISTED,
        pk__lte=registration.pk,
    ).count()


def registrations_of_user(user) -> QuerySet[Registration]:
    return (
        Registration.objects.filter(Q(user=user) | Q(email__iexact=user.email))
        .select_related("event")
        .order_by("-event__starts_at")
    )


# --- back-office -----------------------------------------------------------------------------


def events_for_management(*, text: str = "", status: str = "", when: str = "") -> QuerySet[Event]:
    queryset = Event.objects.with_counts().order_by("-starts_at", "-pk")
    if text:
        queryset = queryset.filter(title__icontains=text)
    if status in EventStatus.values:
        queryset = queryset.filter(status=status)
    if when == "komend":
        queryset = queryset.upcoming().order_by("starts_at", "pk")
    elif when == "voorbij":
        queryset = queryset.past()
    return queryset


def registrations_for_event(
    event: Event, *, status: str = "", domain: str = "", text: str = ""
) -> QuerySet[Registration]:
    queryset = (
        event.registrations.select_related("work_municipality")
        .prefetch_related("sessions")
        .order_by("pk")
    )
    if status in RegistrationStatus.values:
        queryset = queryset.filter(status=status)
    if domain in Domain.values:
        queryset = queryset.filter(domain=domain)
    if text:
        queryset = queryset.filter(
            Q(name__icontains=text) | Q(email__icontains=text) | Q(organisation__icontains=text)
        )
    return queryset


def checkin_people(event: Event, *, text: str = "") -> QuerySet[Registration]:
    """Confirmed people for the check-in list at the door, by name.

    Made for one or two keystrokes: a short query matches the start of any word of the name
    ("v" finds Vera and Van Dijk, "dv" does not need to match mid-word) or of the organisation;
    a number is the registration number; a longer query matches anywhere in name,
    organisation or e-mail address."""
    people = event.registrations.filter(status=RegistrationStatus.CONFIRMED).order_by("name", "pk")
    text = " ".join(text.split())
    if not text:
        return people
    if text.isdigit():
        return people.filter(Q(pk=int(text)) | Q(email__icontains=text))
    if len(text) <= 2:
        return people.filter(
            Q(name__istartswith=text)
            | Q(name__icontains=f" {text}")
            | Q(name__icontains=f"-{text}")
            | Q(organisation__istartswith=text)
        )
    return people.filter(
        Q(name__icontains=text) | Q(organisation__icontains=text) | Q(email__icontains=text)
    )


def registration_counts(event: Event) -> dict:
    """Counts per status and, for confirmed people, per domain."""
    by_status = dict(
        event.registrations.values_list("status").annotate(n=Count("pk")).values_list("status", "n")
    )
    by_domain = dict(
        event.registrations.filter(status=RegistrationStatus.CONFIRMED)
        .values_list("domain")
        .annotate(n=Count("pk"))
        .values_list("domain", "n")
    )
    present = event.registrations.filter(
        status=RegistrationStatus.CONFIRMED, checked_in_at__isnull=False
    ).count()
    return {
        "status": [(s.label, by_status.get(s.value, 0), s.value) for s in RegistrationStatus],
        "domain": [(d.label, by_domain.get(d.value, 0)) for d in Domain],
        "confirmed": by_status.get(RegistrationStatus.CONFIRMED, 0),
        "waitlisted": by_status.get(RegistrationStatus.WAITLISTED, 0),
        "present": present,
    }


def feedback_results(event: Event) -> dict:
    feedback = list(
        Feedback.objects.filter(registration__event=event)
        .select_related("registration")
        .prefetch_related("next_themes")
        .order_by("created_at")
    )
    ratings = [f.rating for f in feedback]
    distribution = [(n, ratings.count(n)) for n in range(1, 6)]
    themes: dict[str, int] = {}
    for item in feedback:
        for theme in item.next_themes.all():
            themes[theme.name] = themes.get(theme.name, 0) + 1
    return {
        "count": len(feedback),
        "average": round(sum(ratings) / len(ratings), 1) if ratings else None,
        "distribution": distribution,
        "themes": sorted(themes.items(), key=lambda kv: (-kv[1], kv[0])),
        "items": feedback,
    }
