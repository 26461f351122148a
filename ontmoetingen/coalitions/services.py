"""Writes for coalitions: status and its history, record, municipalities, partners, invitations.

Every write runs in one transaction, locks the coalition row and records an EditLog entry.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from django.core import signing
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from ontmoetingen.coalitions.models import (
    STATUS_EXPLANATION,
    Coalition,
    CoalitionMembership,
    CoalitionMunicipality,
    CoalitionStatus,
    Invitation,
    InvitationStatus,
    MembershipRole,
    StatusChange,
)
from ontmoetingen.core.errors import ServiceError
from ontmoetingen.core.mail import send_templated_mail
from ontmoetingen.directory.models import Organisation
from ontmoetingen.directory.services import display_value, edit_log_record
from ontmoetingen.regions.models import Municipality

# Fields a coordinator keeps current; the rest (name, municipalities, coordinators, active)
# belong to the project team.
RECORD_FIELDS = (
    "action_plan",
    "action_plan_date",
    "ambitions",
    "description",
    "contact_name",
    "contact_email",
    "started_on",
)
TEAM_FIELDS = ("name", "active")
INVITATION_SALT = "coalitions.invitation"
INVITATION_MAX_AGE = 60 * 60 * 24 * 60  # an invitation link works for 60 days
REINVITE_AFTER = timedelta(days=1)  # a double click must not mail an organisation twice


def _lock(coalition: Coalition) -> Coalition:
    return Coalition.objects.select_for_update().get(pk=coalition.pk)


def _codes(municipalities: Iterable[Municipality | str]) -> list[str]:
    return sorted({m.code if isinstance(m, Municipality) else str(m) for m in municipalities})


def _check_free(codes: list[str], *, coalition: Coalition | None = None) -> None:
    # the same rule as the database constraint: any active link counts
    taken = CoalitionMunicipality.objects.filter(
        municipality_id__in=codes, active=True
    ).select_related("municipality", "coalition")
    if coalition is not None:
        taken = taken.exclude(coalition=coalition)
    clashes = [f"{link.municipality.name} ({link.coalition.name})" for link in taken]
    if clashes:
        raise ServiceError(
            "Een gemeente hoort bij ten hoogste één actieve coalitie. Al in een andere coalitie: "
            + ", ".join(clashes)
            + ".",
            code="municipality_taken",
            field="municipalities",
        )


@transaction.atomic
def coalition_create(
    *,
    name: str,
    municipalities: Iterable[Municipality | str],
    actor,
    status: str = CoalitionStatus.ORIENTEREND,
    status_since: date | None = None,
    coordinators: Iterable = (),
    note: str = "",
    is_demo: bool = False,
) -> Coalition:
    """Create a coalition for one or more municipalities that are not in another active
    coalition; its first status is recorded in the history like every later change."""
    name = (name or "").strip()
    if not name:
        raise ServiceError("Vul de naam van de coalitie in.", code="name", field="name")
    codes = _codes(municipalities)
    if not codes:
        raise ServiceError(
            "Kies ten minste één gemeente.", code="municipalities", field="municipalities"
        )
    _check_free(codes)
    since = status_since or timezone.localdate()
    coalition = Coalition.objects.create(
        name=name, status=status, status_since=since, started_on=since, is_demo=is_demo
    )
    try:
        with transaction.atomic():
            CoalitionMunicipality.objects.bulk_create(
                [CoalitionMunicipality(coalition=coalition, municipality_id=c) for c in codes]
            )
    except IntegrityError as exc:  # a concurrent create took one of them first
        raise ServiceError(
            "Een van deze gemeenten is zojuist aan een andere coalitie toegevoegd.",
            code="municipality_taken",
            field="municipalities",
        ) from exc
    coalition.coordinators.set(list(coordinators))
    StatusChange.objects.create(
        coalition=coalition, status=status, changed_on=since, changed_by=_user(actor), note=note
    )
    edit_log_record(
        actor=actor,
        obj=coalition,
        action="coalitie aangemaakt",
        changes={"gemeenten": codes, "status": status},
    )
    return coalition


def _user(actor):
    return actor if actor is not None and actor.is_authenticated else None


@transaction.atomic
def coalition_change_status(
    *, coalition: Coalition, status: str, actor, note: str = "", changed_on: date | None = None
) -> StatusChange:
    """Move a coalition to another status and record the change in its history.

    The date may lie in the past (a change reported late) but not in the future, and not
    before the last recorded change: the history stays in order.
    """
    if status not in CoalitionStatus.values:
        raise ServiceError("Kies een bestaande status.", code="status", field="status")
    today = timezone.localdate()
    changed_on = changed_on or today
    if changed_on > today:
        raise ServiceError(
            "De datum van een statuswijziging kan niet in de toekomst liggen.",
            code="future",
            field="changed_on",
        )
    coalition = _lock(coalition)
    if status == coalition.status:
        raise ServiceError(
            f"De coalitie heeft de status '{CoalitionStatus(status).label}' al.",
            code="same_status",
            field="status",
        )
    last = coalition.status_changes.order_by("-changed_on", "-id").first()
    if last and changed_on < last.changed_on:
        raise ServiceError(
            f"De datum ligt vóór de laatste statuswijziging ({last.changed_on:%d-%m-%Y}).",
            code="before_last",
            field="changed_on",
        )
    old = coalition.status
    change = StatusChange.objects.create(
        coalition=coalition,
        status=status,
        changed_on=changed_on,
        changed_by=_user(actor),
        note=note.strip(),
    )
    coalition.status = status
    coalition.status_since = changed_on
    coalition.last_confirmed_on = today
    coalition.save(update_fields=["status", "status_since", "last_confirmed_on", "updated_at"])
    edit_log_record(
        actor=actor,
        obj=coalition,
        action="status gewijzigd",
        changes={"status": [old, status], "datum": changed_on.isoformat(), "toelichting": note},
    )
    return change


@transaction.atomic
def coalition_update(
    *, coalition: Coalition, actor, themes: Iterable | None = None, **values
) -> Coalition:
    """Update the coalition's record (action plan, ambitions, description, contact, themes).
    ``name`` and ``active`` are accepted too; views offer those to the project team only."""
    unknown = set(values) - set(RECORD_FIELDS) - set(TEAM_FIELDS)
    if unknown:
        raise TypeError(f"Unknown fields: {sorted(unknown)}")
    if "name" in values and not (values["name"] or "").strip():
        raise ServiceError("Vul de naam van de coalitie in.", code="name", field="name")
    if values.get("action_plan") is False:
        values["action_plan_date"] = None
    coalition = _lock(coalition)
    if "active" in values and values["active"] != coalition.active:
        _set_links_active(coalition, values["active"])
    changes: dict = {}
    for name, value in values.items():
        old = getattr(coalition, name)
        if old != value:
            changes[name] = [display_value(old), display_value(value)]
            setattr(coalition, name, value)
    if themes is not None:
        new = {t.pk for t in themes}
        old_themes = set(coalition.themes.values_list("pk", flat=True))
        if new != old_themes:
            coalition.themes.set(new)
            changes["themes"] = [sorted(old_themes), sorted(new)]
    coalition.last_confirmed_on = timezone.localdate()
    coalition.save()
    edit_log_record(
        actor=actor,
        obj=coalition,
        action="gegevens gewijzigd" if changes else "gegevens bevestigd",
        changes=changes,
    )
    return coalition


def _set_links_active(coalition: Coalition, active: bool) -> None:
    """A coalition that stops frees its municipalities (the links stay, inactive, as history);
    one that restarts takes them back if no other coalition has them meanwhile."""
    links = CoalitionMunicipality.objects.filter(coalition=coalition)
    if not active:
        links.update(active=False)
        return
    codes = sorted(links.values_list("municipality_id", flat=True))
    _check_free(codes, coalition=coalition)
    links.update(active=True)


@transaction.atomic
def coalition_set_municipalities(
    *, coalition: Coalition, municipalities: Iterable[Municipality | str], actor
) -> Coalition:
    """Set the municipalities of a coalition. Leaving ones stay linked as inactive (history);
    a municipality in another active coalition is refused."""
    codes = _codes(municipalities)
    if not codes:
        raise ServiceError(
            "Kies ten minste één gemeente.", code="municipalities", field="municipalities"
        )
    coalition = _lock(coalition)
    if coalition.active:  # a stopped coalition keeps its list as history only
        _check_free(codes, coalition=coalition)
    links = {link.municipality_id: link for link in coalition.coalition_municipalities.all()}
    before = sorted(code for code, link in links.items() if link.active)
    CoalitionMunicipality.objects.filter(coalition=coalition).exclude(
        municipality_id__in=codes
    ).update(active=False)
    CoalitionMunicipality.objects.filter(coalition=coalition, municipality_id__in=codes).update(
        active=coalition.active
    )
    try:
        with transaction.atomic():
            CoalitionMunicipality.objects.bulk_create(
                [
                    CoalitionMunicipality(
                        coalition=coalition, municipality_id=code, active=coalition.active
                    )
                    for code in codes
                    if code not in links
                ]
            )
    except IntegrityError as exc:
        raise ServiceError(
            "Een van deze gemeenten is zojuist aan een andere coalitie toegevoegd.",
            code="municipality_taken",
            field="municipalities",
        ) from exc
    if before != codes:
        edit_log_record(
            actor=actor,
            obj=coalition,
            action="gemeenten gewijzigd",
            changes={"gemeenten": [before, codes]},
        )
    return coalition


@transaction.atomic
def coalition_set_coordinators(*, coalition: Coalition, coordinators: Iterable, actor) -> None:
    """Set who coordinates the coalition (project team)."""
    coalition = _lock(coalition)
    before = sorted(u.email for u in coalition.coordinators.all())
    coordinators = list(coordinators)
    coalition.coordinators.set(coordinators)
    after = sorted(u.email for u in coordinators)
    if before != after:
        edit_log_record(
            actor=actor,
            obj=coalition,
            action="coördinatoren gewijzigd",
            changes={"coordinatoren": [before, after]},
        )


@transaction.atomic
def membership_add(
    *,
    coalition: Coalition,
    organisation: Organisation,
    actor,
    role: str = MembershipRole.PARTNER,
    since: date | None = None,
) -> CoalitionMembership:
    """Add an organisation as partner (or change its role when it already is one)."""
    if role not in MembershipRole.values:
        raise ServiceError("Kies een bestaande rol.", code="role", field="role")
    coalition = _lock(coalition)
    membership, created = CoalitionMembership.objects.get_or_create(
        coalition=coalition,
        organisation=organisation,
        defaults={"role": role, "since": since or timezone.localdate()},
    )
    if not created:
        if membership.role == role:
            raise ServiceError(
                f"{organisation.name} is al {membership.get_role_display()} van deze coalitie.",
                code="already_partner",
                field="organisation",
            )
        membership.role = role
        membership.save(update_fields=["role"])
    edit_log_record(
        actor=actor,
        obj=coalition,
        action="partner toegevoegd" if created else "rol van partner gewijzigd",
        changes={"organisatie": organisation.name, "organisatie_id": organisation.pk, "rol": role},
    )
    return membership


@transaction.atomic
def membership_remove(*, coalition: Coalition, organisation: Organisation, actor) -> None:
    """Remove a partner from the coalition."""
    coalition = _lock(coalition)
    deleted, _ = CoalitionMembership.objects.filter(
        coalition=coalition, organisation=organisation
    ).delete()
    if not deleted:
        raise ServiceError(
            f"{organisation.name} is geen partner van deze coalitie.", code="not_partner"
        )
    edit_log_record(
        actor=actor,
        obj=coalition,
        action="partner verwijderd",
        changes={"organisatie": organisation.name, "organisatie_id": organisation.pk},
    )


def invitation_token(invitation: Invitation) -> str:
    return signing.dumps({"i": invitation.pk}, salt=INVITATION_SALT)


def invitation_from_token(token: str) -> Invitation:
    """The invitation behind a signed link; ServiceError when it is forged or too old."""
    try:
        data = signing.loads(token, salt=INVITATION_SALT, max_age=INVITATION_MAX_AGE)
    except signing.SignatureExpired as exc:
        raise ServiceError(
            "Deze uitnodiging is verlopen. Vraag de coördinator om een nieuwe.", code="expired"
        ) from exc
    except signing.BadSignature as exc:
        raise ServiceError("Deze uitnodigingslink klopt niet.", code="bad_token") from exc
    try:
        return Invitation.objects.select_related("coalition", "organisation").get(pk=data["i"])
    except Invitation.DoesNotExist as exc:
        raise ServiceError("Deze uitnodiging bestaat niet meer.", code="bad_token") from exc


@transaction.atomic
def invitation_create(*, coalition: Coalition, organisation: Organisation, actor) -> Invitation:
    """Invite an organisation to join as partner: records the invitation and mails the
    organisation's public contact address a signed link; accepting adds the partner."""
    if not organisation.contact_email:
        raise ServiceError(
            f"{organisation.name} heeft geen contactadres; uitnodigen per e-mail kan niet.",
            code="no_email",
        )
    coalition = _lock(coalition)
    if CoalitionMembership.objects.filter(coalition=coalition, organisation=organisation).exists():
        raise ServiceError(
            f"{organisation.name} is al partner van deze coalitie.", code="already_partner"
        )
    recent = Invitation.objects.filter(
        coalition=coalition,
        organisation=organisation,
        status=InvitationStatus.SENT,
        invited_at__gte=timezone.now() - REINVITE_AFTER,
    )
    if recent.exists():
        raise ServiceError(
            f"{organisation.name} is vandaag al uitgenodigd. Wacht op antwoord of probeer het "
            "morgen opnieuw.",
            code="recently_invited",
        )
    invitation = Invitation.objects.create(
        coalition=coalition,
        organisation=organisation,
        email=organisation.contact_email,
        invited_by=_user(actor),
    )
    accept_path = reverse("coalitions:invitation", args=[invitation_token(invitation)])
    send_templated_mail(
        to=organisation.contact_email,
        template="coalitions/mail/invitation",
        context={
            "coalition": coalition,
            "organisation": organisation,
            "inviter": _user(actor),
            "accept_path": accept_path,
            "status_label": CoalitionStatus(coalition.status).label,
            "status_explanation": STATUS_EXPLANATION[coalition.status],
        },
        reply_to=[coalition.contact_email] if coalition.contact_email else None,
    )
    edit_log_record(
        actor=actor,
        obj=coalition,
        action="organisatie uitgenodigd",
        changes={"organisatie": organisation.name, "organisatie_id": organisation.pk},
    )
    return invitation


@transaction.atomic
def invitation_accept(*, invitation: Invitation) -> CoalitionMembership:
    """Accept an invitation: the organisation becomes a partner (once; a second click is
    harmless)."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    existing = CoalitionMembership.objects.filter(
        coalition_id=invitation.coalition_id, organisation_id=invitation.organisation_id
    ).first()
    if invitation.status == InvitationStatus.ACCEPTED and existing:
        return existing
    invitation.status = InvitationStatus.ACCEPTED
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["status", "accepted_at"])
    if existing:
        return existing
    membership = CoalitionMembership.objects.create(
        coalition_id=invitation.coalition_id,
        organisation_id=invitation.organisation_id,
        role=MembershipRole.PARTNER,
        since=timezone.localdate(),
    )
    edit_log_record(
        actor=None,
        obj=invitation.coalition,
        action="uitnodiging geaccepteerd",
        changes={"organisatie": invitation.organisation.name, "e-mail": invitation.email},
    )
    return membership
