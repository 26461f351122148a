"""Reads for profiles, the people directory, introductions and the people overview."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet

from ontmoetingen.accounts.models import User
from ontmoetingen.coalitions.models import Coalition
from ontmoetingen.encounters.models import (
    AbuseReport,
    Block,
    Introduction,
    IntroductionStatus,
    Invitation,
    Professional,
)
from ontmoetingen.regions.models import Municipality


@dataclass
class ProfileFilters:
    text: str = ""
    domain: str = ""
    municipality: str = ""  # CBS code: working area includes it
    province: str = ""  # working area includes a municipality of the province
    ggd_region: str = ""
    theme: str = ""  # theme slug

    @property
    def any(self) -> bool:
        return any(vars(self).values())


# What a person card shows (components of the directory and the suggestions): the page loads
# only these columns of the profile, its account and its organisation.
CARD_FIELDS = (
    "user__full_name",
    "user__is_active",
    "domain",
    "profession",
    "profession_other",
    "organisation__name",
    "offer",
    "offer_tags",
    "ask",
    "ask_tags",
    "published",
    "is_demo",
)


def _in_area(**lookup) -> Q:
    """Working area matches: an ``IN (subquery)`` lets the database start from the
    working-area index instead of testing every published profile."""
    through = Professional.working_area.through
    return Q(pk__in=through.objects.filter(**lookup).values("professional_id"))


def profiles_directory(*, filters: ProfileFilters | None = None) -> QuerySet[Professional]:
    """Published profiles matching the filters, with what a result card shows (user and
    organisation joined, only the card's columns; the card shows no themes, so none are
    loaded). A municipality and a theme filter are plain joins on the link tables' covering
    indexes (one row per person at most, so no duplicates), which lets the database start
    from whichever of the two is more selective."""
    filters = filters or ProfileFilters()
    queryset = Professional.objects.published().select_related("user", "organisation")
    if filters.text:
        text = filters.text.strip()
        queryset = queryset.filter(
            Q(user__full_name__icontains=text)
            | Q(profession__icontains=text)
            | Q(profession_other__icontains=text)
            | Q(offer__icontains=text)
            | Q(offer_tags__icontains=text)
            | Q(ask__icontains=text)
            | Q(ask_tags__icontains=text)
        )
    if filters.domain:
        queryset = queryset.filter(domain=filters.domain)
    if filters.municipality:
        queryset = queryset.filter(working_area=filters.municipality)
    if filters.province:
        queryset = queryset.filter(_in_area(municipality__province_id=filters.province))
    if filters.ggd_region:
        queryset = queryset.filter(_in_area(municipality__ggd_region_id=filters.ggd_region))
    if filters.theme:
        queryset = queryset.filter(themes__slug=filters.theme)
    return queryset.only(*CARD_FIELDS).order_by("user__full_name", "id")


def with_area_names(profiles, *, limit: int = 4) -> list[Professional]:
    """Attach ``area_names`` (first few municipalities) and ``area_size``, one query."""
    profiles = list(profiles)
    through = Professional.working_area.through
    names: dict[int, list[str]] = {p.pk: [] for p in profiles}
    for professional_id, name in (
        through.objects.filter(professional_id__in=names)
        .order_by("municipality__name")
        .values_list("professional_id", "municipality__name")
    ):
        names[professional_id].append(name)
    for profile in profiles:
        profile.area_size = len(names[profile.pk])
        profile.area_names = names[profile.pk][:limit]
    return profiles


def profile_visible(pk: int, user) -> Professional:
    """A profile as another logged-in user may see it: published, or the user's own."""
    queryset = Professional.objects.select_related("user", "organisation").prefetch_related(
        "themes"
    )
    return queryset.filter(Q(published=True, user__is_active=True) | Q(user=user)).get(pk=pk)


def profile_of(user) -> Professional | None:
    return (
        Professional.objects.select_related("organisation")
        .prefetch_related("themes")
        .filter(user=user)
        .first()
    )


def profile_area(profile: Professional) -> list[Municipality]:
    return list(profile.working_area.order_by("name").only("code", "name", "province_id"))


def introductions_for(user) -> dict[str, list[Introduction]]:
    """A person's introductions, grouped for /mijn/kennismakingen/."""
    rows = list(
        Introduction.objects.filter(Q(requester=user) | Q(recipient=user)).select_related(
            "requester__professional", "recipient__professional"
        )
    )
    groups: dict[str, list[Introduction]] = {
        "received_open": [],
        "sent_open": [],
        "accepted": [],
        "closed": [],
    }
    for row in rows:
        row.other = row.recipient if row.requester_id == user.pk else row.requester
        row.status_text = row.status_for(user)
        if row.status == IntroductionStatus.ACCEPTED:
            groups["accepted"].append(row)
        elif row.status == IntroductionStatus.OPEN:
            key = "received_open" if row.recipient_id == user.pk else "sent_open"
            groups[key].append(row)
        else:
            groups["closed"].append(row)
    return groups


def relation_between(user, other) -> dict:
    """What the profile page needs to know about the two people, in few queries."""
    between = Introduction.objects.filter(
        Q(requester=user, recipient=other) | Q(requester=other, recipient=user)
    )
    return {
        "open": between.filter(status=IntroductionStatus.OPEN).first(),
        "accepted": between.filter(status=IntroductionStatus.ACCEPTED).exists(),
        "blocked_by_me": Block.objects.filter(blocker=user, blocked=other).exists(),
        "blocked_me": Block.objects.filter(blocker=other, blocked=user).exists(),
    }


# --- the project team's people overview ----------------------------------------------------


@dataclass
class PeopleFilters:
    text: str = ""
    role: str = ""
    domain: str = ""
    coalition: int | None = None
    inactive: bool = False


def people_list(*, filters: PeopleFilters | None = None) -> QuerySet[User]:
    """Accounts for the team's overview, with roles, profile domain and coalitions joined."""
    filters = filters or PeopleFilters()
    queryset = User.objects.select_related("professional").prefetch_related(
        "groups", Prefetch("coordinated_coalitions", queryset=Coalition.objects.only("id", "name"))
    )
    if filters.text:
        queryset = queryset.filter(
            Q(full_name__icontains=filters.text) | Q(email__icontains=filters.text)
        )
    if filters.role:
        queryset = queryset.filter(groups__name=filters.role)
    if filters.domain:
        queryset = queryset.filter(professional__domain=filters.domain)
    if filters.coalition:
        queryset = queryset.filter(
            Q(coordinated_coalitions=filters.coalition)
            | Q(accepted_invitations__coalition=filters.coalition)
        )
    if filters.inactive:
        queryset = queryset.filter(is_active=False)
    return queryset.distinct().order_by("full_name", "email")


def invitations_open() -> QuerySet[Invitation]:
    return Invitation.objects.filter(accepted_at__isnull=True).select_related(
        "coalition", "invited_by"
    )


def invitations_sent_by(user) -> QuerySet[Invitation]:
    return Invitation.objects.filter(invited_by=user).select_related("coalition")


def abuse_reports() -> QuerySet[AbuseReport]:
    return AbuseReport.objects.select_related("reporter", "reported")
