"""The shapes the API reads and writes (pydantic, through django-ninja).

Output schemas list their fields explicitly: nothing personal (no e-mail addresses, no contact
names, no coordinators, no link to an online meeting) can leak by a field added to a model.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Generic, TypeVar

from ninja import Schema
from pydantic import AfterValidator, Field, StringConstraints

from ontmoetingen.core.domain import Domain
from ontmoetingen.events.models import EventKind

T = TypeVar("T")

MAX_TEXT = 100


def _no_nul(value: str) -> str:
    if "\x00" in value:
        raise ValueError("Tekst mag geen nul-tekens bevatten.")
    return value


# Text from outside: no NUL characters (PostgreSQL refuses them), surrounding spaces dropped.
Text = Annotated[str, AfterValidator(_no_nul), StringConstraints(strip_whitespace=True)]
Code = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9]{1,8}$")]
Slug = Annotated[str, StringConstraints(pattern=r"^[-a-zA-Z0-9_]{1,220}$")]


class Error(Schema):
    detail: str = Field(description="Wat er mis is, in het Nederlands.")
    code: str = ""


class FieldError(Schema):
    field: str
    message: str


class ValidationErrorOut(Schema):
    detail: str
    errors: list[FieldError]


class Page(Schema, Generic[T]):
    count: int = Field(description="Het totale aantal resultaten met deze filters.")
    limit: int
    offset: int
    items: list[T]


# --- regions -------------------------------------------------------------------------------


class Region(Schema):
    code: str
    name: str


class GgdRegionOut(Region):
    province: str | None = Field(None, description="CBS-code van de provincie.")


class MunicipalityOut(Schema):
    code: str = Field(description="CBS-code, bijvoorbeeld GM0363.")
    name: str
    active: bool
    province: Region
    ggd_region: Region
    successor: str | None = Field(None, description="Opgegaan in (CBS-code), na een fusie.")
    url: str


# --- coalitions ----------------------------------------------------------------------------


class DomainPresence(Schema):
    domain: str
    label: str
    present: bool


class CoalitionOut(Schema):
    id: int
    name: str
    status: str
    status_label: str
    status_since: date | None
    action_plan: bool
    birth_care_at_table: bool
    domains_at_table: list[DomainPresence]
    municipalities: list[Region]
    url: str


class CoalitionPage(Page[CoalitionOut]):
    as_of: date


class PartnerOut(Schema):
    organisation: str
    domain: str
    role: str
    since: date


class CoalitionDetailOut(CoalitionOut):
    as_of: date
    ambitions: str
    themes: list[str]
    partners: list[PartnerOut]


# --- monitor -------------------------------------------------------------------------------


class StatusCountOut(Schema):
    status: str
    label: str
    count: int
    share: float | None = Field(description="Aandeel van de gemeenten, in procenten.")


class CoalitionFiguresOut(Schema):
    count: int = Field(description="Coalities voorbij 'geen coalitie'.")
    birth_care: int
    birth_care_share: float | None
    action_plan: int
    action_plan_share: float | None
    youth_health: int
    social: int


class MonitorOut(Schema):
    as_of: date
    municipalities: int
    statuses: list[StatusCountOut]
    coalitions: CoalitionFiguresOut


# --- events --------------------------------------------------------------------------------


class SessionOut(Schema):
    title: str
    description: str
    starts_at: datetime
    ends_at: datetime
    capacity: int | None


class EventOut(Schema):
    slug: str
    title: str
    kind: str
    kind_label: str
    status: str
    summary: str
    starts_at: datetime
    ends_at: datetime
    is_online: bool
    venue: str
    address: str
    municipality: Region | None
    is_national: bool
    provinces: list[Region]
    ggd_regions: list[Region]
    municipalities: list[Region]
    audience: list[str]
    themes: list[str]
    co_organisers: str
    capacity: int | None
    places_left: int | None
    registration_open: bool
    url: str


class EventDetailOut(EventOut):
    description: str
    sessions: list[SessionOut]


class EventIn(Schema):
    title: Annotated[Text, StringConstraints(min_length=1, max_length=200)]
    kind: EventKind
    summary: Annotated[Text, StringConstraints(max_length=300)] = ""
    description: Annotated[Text, StringConstraints(max_length=20000)] = ""
    starts_at: datetime
    ends_at: datetime
    capacity: Annotated[int, Field(ge=1, le=100000)] | None = None
    registration_opens_at: datetime | None = None
    registration_closes_at: datetime | None = None
    is_online: bool = False
    online_url: Annotated[Text, StringConstraints(max_length=200)] = ""
    venue: Annotated[Text, StringConstraints(max_length=200)] = ""
    address: Annotated[Text, StringConstraints(max_length=300)] = ""
    municipality: Code | None = None
    is_national: bool = False
    provinces: Annotated[list[Code], Field(max_length=20)] = []
    ggd_regions: Annotated[list[Code], Field(max_length=30)] = []
    municipalities: Annotated[list[Code], Field(max_length=400)] = []
    co_organisers: Annotated[Text, StringConstraints(max_length=300)] = ""
    audience: Annotated[list[Domain], Field(max_length=5)] = []
    themes: Annotated[list[Slug], Field(max_length=30)] = []
    balance_max_share: Annotated[int, Field(ge=1, le=100)] | None = None


# --- toolkit and glossary ------------------------------------------------------------------


class ResourceOut(Schema):
    slug: str
    title: str
    kind: str
    kind_label: str
    summary: str
    domains: list[str]
    phases: list[str]
    themes: list[str]
    origin: Region | None
    origin_province: Region | None
    mirror: str | None = Field(None, description="Slug van de gespiegelde tool.")
    published_at: datetime | None
    url: str


class ResourceDetailOut(ResourceOut):
    body: str
    source_organisation: str
    link: str = Field(description="Externe link, of de download-URL van het bestand.")


class TermOut(Schema):
    slug: str
    term: str
    abbreviation: str
    domain: str
    definition: str
    url: str


class TermDetailOut(TermOut):
    explanation: str
    synonyms: list[str]
    related: list[str]
    source: str
