"""Invitations to get an account, and the project team's writes on people (roles,
deactivation). An invitation is a signed, single-use link that expires; resending gives it a
new key so older links stop working."""

from __future__ import annotations

import secrets

from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from ontmoetingen.accounts import services as accounts_services
from ontmoetingen.accounts.models import User
from ontmoetingen.accounts.roles import Role
from ontmoetingen.coalitions.models import Coalition
from ontmoetingen.coalitions.services import coalition_settings_update
from ontmoetingen.core.audit import record
from ontmoetingen.core.errors import ServiceError
from ontmoetingen.core.mail import send_templated_mail
from ontmoetingen.encounters.models import Invitation, InvitationState

INVITATION_SALT = "encounters.invitation"

STATE_MESSAGES = {
    InvitationState.ACCEPTED: "Deze uitnodiging is al gebruikt. Heeft u al een account? Log dan in.",
    InvitationState.WITHDRAWN: "Deze uitnodiging is ingetrokken. Neem contact op met degene die u uitnodigde als u toch een account wilt.",
    InvitationState.EXPIRED: "Deze uitnodiging is verlopen. Vraag degene die u uitnodigde om een nieuwe uitnodiging.",
}


def _set_coordinators(*, coalition: Coalition, coordinators, actor) -> None:
    """Change only the coordinators, through the coalition's own settings service (which keeps
    its audit log); name, municipalities and active stay as they are."""
    links = coalition.coalition_municipalities
    codes = list(links.filter(active=True).values_list("municipality_id", flat=True)) or list(
        links.values_list("municipality_id", flat=True)
    )
    coordinators = list(coordinators)
    if not codes:  # a coalition without municipalities cannot pass the settings' rules
        before = sorted(u.email for u in coalition.coordinators.all())
        coalition.coordinators.set(coordinators)
        record(
            coalition,
            "coördinatoren gewijzigd",
            actor=actor,
            changes={"coördinatoren": [before, sorted(u.email for u in coordinators)]},
        )
        return
    coalition_settings_update(
        coalition=coalition,
        actor=actor,
        name=coalition.name,
        municipalities=codes,
        coordinators=coordinators,
        active=coalition.active,
    )


def invitation_token(invitation: Invitation) -> str:
    return signing.dumps({"i": invitation.pk, "k": invitation.key}, salt=INVITATION_SALT)


def invitation_from_token(token: str) -> Invitation:
    """The invitation behind a link; ServiceError when the link is forged or replaced."""
    try:
        data = signing.loads(token, salt=INVITATION_SALT)
    except signing.BadSignature as exc:
        raise ServiceError("Deze uitnodigingslink klopt niet.", code="invalid") from exc
    invitation = (
        Invitation.objects.select_related("coalition", "invited_by")
        .filter(pk=data.get("i"))
        .first()
    )
    if invitation is None or not secrets.compare_digest(invitation.key, str(data.get("k"))):
        raise ServiceError(
            "Deze uitnodigingslink werkt niet meer; er is een nieuwere verstuurd.", code="invalid"
        )
    return invitation


def _send(invitation: Invitation) -> None:
    send_templated_mail(
        to=invitation.email,
        template="encounters/mail/invitation",
        context={
            "invitation": invitation,
            "link": reverse("encounters:invitation", args=[invitation_token(invitation)]),
        },
    )


@transaction.atomic
def invitation_create(
    *,
    email: str,
    full_name: str,
    role: Role,
    coalition: Coalition | None,
    message: str = "",
    actor: User,
) -> Invitation:
    """Invite someone by e-mail with a role; a coordinator is always of a named coalition."""
    if role == Role.COORDINATOR and coalition is None:
        raise ServiceError(
            "Kies de coalitie die deze persoon gaat coördineren.",
            code="coalition",
            field="coalition",
        )
    email = email.strip().lower()
    if Invitation.objects.open().filter(email=email, role=role, coalition=coalition).exists():
        raise ServiceError(
            "Deze persoon heeft al een openstaande uitnodiging voor deze rol. Verstuur die opnieuw "
            "vanuit het overzicht Mensen.",
            code="open",
            field="email",
        )
    now = timezone.now()
    invitation = Invitation.objects.create(
        email=email,
        full_name=full_name.strip(),
        role=role,
        coalition=coalition,
        message=message.strip(),
        key=secrets.token_hex(16),
        invited_by=actor,
        created_at=now,
        sent_at=now,
        expires_at=Invitation.expiry_from(now),
    )
    record(invitation, "uitnodiging verstuurd", actor=actor, changes={"rol": role.label})
    _send(invitation)
    return invitation


@transaction.atomic
def invitation_resend(*, invitation: Invitation, actor: User) -> Invitation:
    """Send again with a new key and a fresh expiry; the older link stops working."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.state == InvitationState.ACCEPTED:
        raise ServiceError("Deze uitnodiging is al geaccepteerd.", code="accepted")
    now = timezone.now()
    invitation.key = secrets.token_hex(16)
    invitation.sent_at = now
    invitation.expires_at = Invitation.expiry_from(now)
    invitation.withdrawn_at = None
    invitation.save(update_fields=["key", "sent_at", "expires_at", "withdrawn_at"])
    record(invitation, "uitnodiging opnieuw verstuurd", actor=actor)
    _send(invitation)
    return invitation


@transaction.atomic
def invitation_withdraw(*, invitation: Invitation, actor: User) -> Invitation:
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.state == InvitationState.ACCEPTED:
        raise ServiceError("Deze uitnodiging is al geaccepteerd.", code="accepted")
    invitation.withdrawn_at = timezone.now()
    invitation.save(update_fields=["withdrawn_at"])
    record(invitation, "uitnodiging ingetrokken", actor=actor)
    return invitation


def invitation_check(invitation: Invitation, user=None) -> None:
    """Raise a ServiceError (code = the state) when this invitation cannot be accepted now, or
    not by the logged-in ``user``."""
    state = invitation.state
    if state != InvitationState.OPEN:
        raise ServiceError(STATE_MESSAGES[state], code=state)
    if invitation.coalition_id and not invitation.coalition.active:
        raise ServiceError(
            f"De coalitie {invitation.coalition.name} is gestopt, dus deze uitnodiging geldt "
            "niet meer.",
            code="coalition_stopped",
        )
    if user is not None and user.is_authenticated and user.email.lower() != invitation.email:
        raise ServiceError(
            f"Deze uitnodiging is voor {invitation.email}, maar u bent ingelogd als {user.email}. "
            "Log uit en open de link opnieuw.",
            code="wrong_user",
        )


@transaction.atomic
def invitation_accept(
    *,
    invitation: Invitation,
    user: User | None = None,
    full_name: str = "",
    password: str = "",
) -> User:
    """Accept once: creates the account (or uses the logged-in one with the same address),
    grants the role and, for a coordinator, the coordinatorship of the coalition."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    invitation_check(invitation, user)
    if user is None or not user.is_authenticated:
        if User.objects.filter(email__iexact=invitation.email).exists():
            raise ServiceError(
                "Er is al een account met dit e-mailadres. Log eerst in en open de link opnieuw.",
                code="login_first",
            )
        user = accounts_services.user_create(
            email=invitation.email,
            full_name=full_name or invitation.full_name,
            password=password,
            verified=True,
        )
    elif user.email_verified_at is None:
        user.email_verified_at = timezone.now()
        user.save(update_fields=["email_verified_at"])
    accounts_services.user_add_role(user=user, role=Role(invitation.role))
    if invitation.role == Role.COORDINATOR and invitation.coalition_id:
        coalition = invitation.coalition
        _set_coordinators(
            coalition=coalition,
            coordinators=[*coalition.coordinators.all(), user],
            actor=user,
        )
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    record(invitation, "uitnodiging geaccepteerd", actor=user)
    return user


@transaction.atomic
def person_set_roles(*, person: User, roles: list[Role], actor: User) -> User:
    """Set a person's roles. Taking away the coordinator role also ends every coordinatorship,
    so a former coordinator can no longer edit a coalition from the next request on."""
    if person.pk == actor.pk and Role.PROJECT_TEAM not in roles and person.is_project_team:
        raise ServiceError("U kunt uw eigen rol projectteam niet weghalen.", code="self")
    accounts_services.user_set_roles(user=person, roles=roles, actor=actor)
    if Role.COORDINATOR not in roles:
        for coalition in Coalition.objects.filter(coordinators=person):
            _set_coordinators(
                coalition=coalition,
                coordinators=coalition.coordinators.exclude(pk=person.pk),
                actor=actor,
            )
    return person


def person_set_active(*, person: User, active: bool, actor: User) -> User:
    """(De)activate an account (one service, one transaction, in accounts)."""
    return accounts_services.user_set_active(user=person, active=active, actor=actor)
