"""Write endpoints for partners and the project team (token required), through the services.

They hang on the read router: one path (``/events``) serves GET and POST only from one router."""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils import timezone
from ninja import Path, Status
from ninja.errors import AuthorizationError

from ontmoetingen.api import outputs, selectors, services
from ontmoetingen.api.auth import TokenAuth, token_of
from ontmoetingen.api.params import FIRST_DATE, LAST_DATE, SlugParam
from ontmoetingen.api.permissions import can_publish_event, can_submit_events
from ontmoetingen.api.public import router
from ontmoetingen.api.schemas import Error, EventDetailOut, EventIn, ValidationErrorOut
from ontmoetingen.core.models import Theme
from ontmoetingen.events.models import Event
from ontmoetingen.regions.models import GgdRegion, Municipality, Province

WRITE_ERRORS = {400: Error, 401: Error, 403: Error, 422: ValidationErrorOut, 503: Error}

DATETIME_FIELDS = ("starts_at", "ends_at", "registration_opens_at", "registration_closes_at")


def _aware(name: str, value: datetime | None) -> datetime | None:
    """Times without a zone are Dutch time; times far outside the project's life are refused."""
    if value is None:
        return None
    if not FIRST_DATE.year <= value.year <= LAST_DATE.year:
        raise ValidationError(
            {name: f"Kies een tijdstip tussen {FIRST_DATE.year} en {LAST_DATE.year}."}
        )
    return value if timezone.is_aware(value) else timezone.make_aware(value)


def _resolve(model, field: str, codes: list[str], label: str, lookup: str = "pk") -> list:
    """Rows for the given codes; an unknown code is a field error, not a silent skip."""
    wanted = list(dict.fromkeys(codes))
    found = {
        str(getattr(obj, lookup)): obj for obj in model.objects.filter(**{f"{lookup}__in": wanted})
    }
    missing = [code for code in wanted if code not in found]
    if missing:
        raise ValidationError({field: f"Onbekende {label}: {', '.join(missing)}."})
    return [found[code] for code in wanted]


def _event_from(payload: EventIn) -> tuple[Event, dict]:
    times = {name: _aware(name, getattr(payload, name)) for name in DATETIME_FIELDS}
    municipality = None
    if payload.municipality:
        municipality = _resolve(
            Municipality, "municipality", [payload.municipality.upper()], "gemeente"
        )[0]
    event = Event(
        title=payload.title,
        kind=payload.kind,
        summary=payload.summary,
        description=payload.description,
        capacity=payload.capacity,
        is_online=payload.is_online,
        online_url=payload.online_url,
        venue=payload.venue,
        address=payload.address,
        municipality=municipality,
        is_national=payload.is_national,
        co_organisers=payload.co_organisers,
        audience=",".join(dict.fromkeys(str(d) for d in payload.audience)),
        balance_max_share=payload.balance_max_share,
        **times,
    )
    m2m = {
        "provinces": _resolve(
            Province, "provinces", [c.upper() for c in payload.provinces], "provincie"
        ),
        "ggd_regions": _resolve(
            GgdRegion, "ggd_regions", [c.upper() for c in payload.ggd_regions], "GGD-regio"
        ),
        "municipalities": _resolve(
            Municipality, "municipalities", [c.upper() for c in payload.municipalities], "gemeente"
        ),
        "themes": _resolve(Theme, "themes", payload.themes, "thema", lookup="slug"),
    }
    return event, m2m


def _submitter(request):
    token = token_of(request)
    if token is None or not can_submit_events(token.user):
        raise AuthorizationError()
    return token


@router.post(
    "/events",
    response={201: EventDetailOut, **WRITE_ERRORS},
    tags=["agenda"],
    auth=TokenAuth(),
    summary="Een bijeenkomst aanmelden (als concept; publiceren is een aparte stap)",
)
def event_create(request, payload: EventIn):
    token = _submitter(request)
    event, m2m = _event_from(payload)
    event = services.event_submit(event=event, m2m=m2m, token=token)
    return Status(201, outputs.event_detail(selectors.event_any(event.pk)))


@router.post(
    "/events/{slug}/publish",
    response={200: EventDetailOut, 404: Error, **WRITE_ERRORS},
    tags=["agenda"],
    auth=TokenAuth(),
    summary="Een bijeenkomst publiceren",
)
def event_publish(request, slug: Path[SlugParam]):
    token = _submitter(request)
    try:
        event = selectors.event_any_by_slug(slug)
    except Event.DoesNotExist as exc:
        raise Http404 from exc
    if not can_publish_event(token.user, event):
        raise AuthorizationError()
    services.event_publish(event=event, token=token)
    return Status(200, outputs.event_detail(selectors.event_any(event.pk)))
