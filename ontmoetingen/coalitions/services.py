"""Writes for coalitions: status and its history, record, municipalities, partners, invitations.

Every write runs in one transaction, locks the coalition row and records an audit entry.
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
from ontmoetingen.core.audit import display_value, record
from ontmoetingen.core.errors import ServiceError
from ontmoetingen.core.mail import send_templated_mail
from ontmoetingen.directory.models import Organisation
from ontmoetingen.regions.models import Municipality

# Fields a coordinator keeps current; the rest (name, municipalities, coordinators, active)
# are the project team's settings (coalition_settings_update).
RECORD_FIELDS = (
    "action_plan",
    "action_plan_date",
    "ambitions",
    "description",
    "contact_name",
    "contact_email",
    "started_on",
)
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
    record(
        coalition,
        "coalitie aangemaakt",
        actor=actor,
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
    record(
        coalition,
        "status gewijzigd",
        actor=actor,
        changes={
            "Status": [CoalitionStatus(old).label, CoalitionStatus(status).label],
            "Sinds": changed_on.isoformat(),
            "Toelichting": note,
        },
    )
    return change


@transaction.atomic
def coalition_status_confirm(*, coalition: Coalition, actor) -> Coalition:
    """Confirm that the coalition's status is still right without changing it: the record
    counts as updated today and the confirmation is logged."""
    coalition = _lock(coalition)
    coalition.last_confirmed_on = timezone.localdate()
    coalition.save(update_fields=["last_confirmed_on", "updated_at"])
    record(
        coalition,
        "status bevestigd",
        actor=actor,
        changes={"Status": coalition.get_status_display()},
    )
    return coalition


@transaction.atomic
def coalition_update(
    *, coalition: Coalition, actor, themes: Iterable | None = None, **values
) -> Coalition:
    """Update the coalition's record (action plan, ambitions, description, contact, themes) and
    mark it confirmed today; saving without changes confirms the record as still current."""
    unknown = set(values) - set(RECORD_FIELDS)
    if unknown:
        raise TypeError(f"Unknown fields: {sorted(unknown)}")
    if values.get("action_plan") is False:
        values["action_plan_date"] = None
    coalition = _lock(coalition)
    changes: dict = {}
    for name, value in values.items():
        old = getattr(coalition, name)
        if old != value:
            changes[_label(name)] = [display_value(old), display_value(value)]
            setattr(coalition, name, value)
    if themes is not None:
        new = {t.pk for t in themes}
        old_themes = set(coalition.themes.values_list("pk", flat=True))
        if new != old_themes:
            coalition.themes.set(new)
            changes[_label("themes")] = [sorted(old_themes), sorted(new)]
    coalition.last_confirmed_on = timezone.localdate()
    coalition.save()
    record(
        coalition,
        "gegevens gewijzigd" if changes else "gegevens bevestigd",
        actor=actor,
        changes=changes,
    )
    return coalition


def _label(field_name: str) -> str:
    return str(Coalition._meta.get_field(field_name).verbose_name)


@transaction.atomic
def coalition_settings_update(
    *,
    coalition: Coalition,
    actor,
    name: str,
    municipalities: Iterable[Municipality | str],
    coordinators: Iterable,
    active: bool,
) -> Coalition:
    """Save the project team's settings of a coalition (name, municipalities, coordinators,
    active) together, or nothing at all when one of them is refused."""
    name = (name or "").strip()
    if not name:
        raise ServiceError("Vul de naam van de coalitie in.", code="name", field="name")
    codes = _codes(municipalities)
    if not codes:
        raise ServiceError(
            "Kies ten minste één gemeente.", code="municipalities", field="municipalities"
        )
    coalition = _lock(coalition)
    changes = _set_links(coalition, codes, active=active)
    changes.update(_set_coordinators(coalition, coordinators))
    for field_name, value in (("name", name), ("active", active)):
        old = getattr(coalition, field_name)
        if old != value:
            changes[_label(field_name)] = [display_value(old), display_value(value)]
            setattr(coalition, field_name, value)
    if changes:
        coalition.save(update_fields=["name", "active", "updated_at"])
        record(coalition, "instellingen gewijzigd", actor=actor, changes=changes)
    return coalition


def _set_links(coalition: Coalition, codes: list[str], *, active: bool) -> dict:
    """Link the coalition to exactly ``codes``; municipalities that leave stay linked, inactive,
    as history. An active coalition takes only municipalities that no other active coalition
    has; a stopped one frees all of its municipalities and keeps the list as history."""
    if active:
        _check_free(codes, coalition=coalition)
    links = dict(coalition.coalition_municipalities.values_list("municipality_id", "active"))
    before = sorted(code for code, linked in links.items() if linked)
    CoalitionMunicipality.objects.filter(coalition=coalition).exclude(
        municipality_id__in=codes
    ).update(active=False)
    try:
        with transaction.atomic():
            CoalitionMunicipality.objects.filter(
                coalition=coalition, municipality_id__in=codes
            ).update(active=active)
            CoalitionMunicipality.objects.bulk_create(
                [
                    CoalitionMunicipality(coalition=coalition, municipality_id=code, active=active)
                    for code in codes
                    if code not in links
                ]
            )
    except IntegrityError as exc:  # a concurrent write took one of them first
        raise ServiceError(
            "Een van deze gemeenten is zojuist aan een andere coalitie toegevoegd.",
            code="municipality_taken",
            field="municipalities",
        ) from exc
    after = codes if active else []
    return {_label("municipalities"): [before, after]} if before != after else {}


def _set_coordinators(coalition: Coalition, coordinators: Iterable) -> dict:
    before = sorted(u.email for u in coalition.coordinators.all())
    coordinators = list(coordinators)
    coalition.coordinators.set(coordinators)
    after = sorted(u.email for u in coordinators)
    return {_label("coordinators"): [before, after]} if before != after else {}


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
    record(
        coalition,
        "partner toegevoegd" if created else "rol van partner gewijzigd",
        actor=actor,
        changes={"Organisatie": organisation.name, "Rol": MembershipRole(role).label},
    )
    return membership


@transaction.atomic
def membership_remove(*, coalition: Coalition, organisation: Organisation, actor) -> None:
    """Remove a partner from the coalition; the log keeps who it was, in which role and since
    when."""
    coalition = _lock(coalition)
    membership = CoalitionMembership.objects.filter(
        coalition=coalition, organisation=organisation
    ).first()
    if membership is None:
        raise ServiceError(
            f"{organisation.name} is geen partner van deze coalitie.", code="not_partner"
        )
    membership.delete()
    record(
        coalition,
        "partner verwijderd",
        actor=actor,
        changes={
            "Partner": [organisation.name, None],
            "Rol": [membership.get_role_display(), None],
            "Partner sinds": [membership.since.isoformat(), None],
        },
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
        raise ServiceError(
            "Deze uitnodiging is ingetrokken en werkt niet meer. Vraag de coördinator om een "
            "nieuwe als u partner wilt worden.",
            code="withdrawn",
        ) from exc


def _reply_to(coalition: Coalition, actor) -> list[str] | None:
    """Answers go to the person who invites (a coordinator), else the coalition's contact."""
    user = _user(actor)
    if user is not None and user.email:
        return [user.email]
    return [coalition.contact_email] if coalition.contact_email else None


@transaction.atomic
def invitation_create(
    *, coalition: Coalition, organisation: Organisation, actor, message: str = ""
) -> Invitation:
    """Invite an organisation to join as partner: records the invitation and mails the
    organisation's public contact address a signed link (with the inviter's personal message
    and the inviter as Reply-To); accepting adds the partner."""
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
            "message": message.strip(),
        },
        reply_to=_reply_to(coalition, actor),
    )
    record(
        coalition,
        "organisatie uitgenodigd",
        actor=actor,
        changes={"Organisatie": organisation.name, "Verstuurd aan": organisation.contact_email},
    )
    return invitation
