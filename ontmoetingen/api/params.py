"""Query parameters of the read endpoints: paging and the filters the pages also offer."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from ninja import Schema
from pydantic import Field, StringConstraints

from ontmoetingen.api.schemas import Text
from ontmoetingen.coalitions.models import CoalitionStatus
from ontmoetingen.core.domain import Domain
from ontmoetingen.events.models import EventKind
from ontmoetingen.toolkit.models import Kind, Phase

DEFAULT_LIMIT = 50
MAX_LIMIT = 100
MAX_OFFSET = 100_000
FIRST_DATE = date(2000, 1, 1)
LAST_DATE = date(2100, 12, 31)

Search = Annotated[Text, StringConstraints(max_length=100)]
RegionCode = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9]{1,8}$")]
SlugParam = Annotated[str, StringConstraints(pattern=r"^[-a-zA-Z0-9_]{1,220}$")]
AsOf = Annotated[
    date | None,
    Field(
        None,
        ge=FIRST_DATE,
        le=LAST_DATE,
        description="Peildatum (JJJJ-MM-DD); zonder: vandaag.",
    ),
]


class Paging(Schema):
    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description="Hoeveel resultaten.")
    offset: int = Field(0, ge=0, le=MAX_OFFSET, description="Vanaf welk resultaat (0 = eerste).")


class MunicipalityQuery(Schema):
    q: Search = Field("", description="Deel van de naam, of de CBS-code.")
    province: RegionCode | None = Field(None, description="CBS-code van de provincie (PV26).")
    ggd_region: RegionCode | None = Field(None, description="CBS-code van de GGD-regio.")


class CoalitionQuery(Schema):
    as_of: AsOf = None
    q: Search = Field("", description="Deel van de naam.")
    province: RegionCode | None = None
    ggd_region: RegionCode | None = None
    status: CoalitionStatus | None = None
    birth_care: bool | None = Field(None, description="Geboortezorg aan tafel (true/false).")


class AsOfQuery(Schema):
    as_of: AsOf = None


class MonitorQuery(Schema):
    as_of: AsOf = None
    province: RegionCode | None = None
    ggd_region: RegionCode | None = None


class EventQuery(Schema):
    kind: EventKind | None = None
    province: RegionCode | None = Field(
        None, description="Ook landelijke bijeenkomsten en die voor regio's in de provincie."
    )
    online: bool | None = Field(None, description="true: alleen online; false: op locatie.")
    from_date: Annotated[
        date | None,
        Field(
            None,
            alias="from",
            ge=FIRST_DATE,
            le=LAST_DATE,
            description="Bijeenkomsten die op of na deze datum eindigen; zonder: vanaf nu.",
        ),
    ] = None
    theme: SlugParam | None = None
    domain: Domain | None = None


class ResourceQuery(Schema):
    q: Search = Field("", description="Zoektekst (Nederlands, met woordstammen).")
    kind: list[Kind] = Field([], max_length=10)
    domain: list[Domain] = Field([], max_length=10)
    theme: list[SlugParam] = Field([], max_length=20)
    phase: list[Phase] = Field([], max_length=10)
    province: list[RegionCode] = Field([], max_length=20)


class TermQuery(Schema):
    q: Search = Field(
        "", description="Deel van het begrip, de afkorting, een synoniem of de uitleg."
    )
    domain: Domain | None = None
