"""Writes for accounts: creating people, their roles, sign-up with e-mail verification, and
(de)activation. Invitations live in ``encounters`` (they name a coalition, and accounts is the
base every other app imports, so it imports none of them)."""

from django.contrib.auth.models import Group
from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from ontmoetingen.accounts.models import User
from ontmoetingen.accounts.roles import Role
from ontmoetingen.core.audit import display_value, record
from ontmoetingen.core.errors import ServiceError
from ontmoetingen.core.mail import send_templated_mail

SIGNUP_SALT = "accounts.signup"
SIGNUP_MAX_AGE = 60 * 60 * 24 * 3  # a verification link works for three days


@transaction.atomic
def user_create(
    *,
    email: str,
    full_name: str,
    password: str | None = None,
    roles: list[Role] = (),
    verified: bool = False,
    active: bool = True,
) -> User:
    """Create an account with the given roles; the e-mail address is the login (case-insensitive)."""
    if User.objects.filter(email__iexact=email.strip()).exists():
        raise ServiceError(
            "Er is al een account met dit e-mailadres.", code="exists", field="email"
        )
    user = User.objects.create_user(
        email=email.strip(),
        password=password,
        full_name=full_name.strip(),
        is_active=active,
        email_verified_at=timezone.now() if verified else None,
    )
    if roles:
        user_set_roles(user=user, roles=roles)
    return user


@transaction.atomic
def user_set_roles(*, user: User, roles: list[Role], actor=None) -> None:
    """Replace the user's roles (groups); a role group missing after a flush is recreated.

    Roles are read fresh on every request (``User.role_names`` lives on the request's user
    object), so a removed role stops working on the next request."""
    before = sorted(user.role_names)
    user.groups.set([Group.objects.get_or_create(name=str(role))[0] for role in roles])
    user.__dict__.pop("role_names", None)
    after = sorted(str(role) for role in roles)
    if actor is not None and before != after:
        record(user, "rollen gewijzigd", actor=actor, changes={"rollen": [before, after]})


@transaction.atomic
def user_add_role(*, user: User, role: Role) -> None:
    """Give the user one more role, keeping the ones they have."""
    user.groups.add(Group.objects.get_or_create(name=str(role))[0])
    user.__dict__.pop("role_names", None)


@transaction.atomic
def user_set_active(*, user: User, active: bool, actor) -> User:
    """(De)activate an account: an inactive account cannot log in and its sessions stop working
    on the next request (Django's auth checks ``is_active`` each time)."""
    if user.pk == getattr(actor, "pk", None) and not active:
        raise ServiceError("U kunt uw eigen account niet deactiveren.", code="self")
    if user.is_active != active:
        user.is_active = active
        user.save(update_fields=["is_active"])
        record(
            user,
            "geactiveerd" if active else "gedeactiveerd",
            actor=actor,
            changes={"actief": [display_value(not active), display_value(active)]},
        )
    return user


def signup_token(user: User) -> str:
    return signing.dumps({"u": user.pk, "e": user.email}, salt=SIGNUP_SALT)


def _send_verification(user: User) -> None:
    link = reverse("accounts:signup_verify", args=[signup_token(user)])
    send_templated_mail(
        to=user.email,
        template="accounts/mail/signup_verify",
        context={"user": user, "link": link, "days": SIGNUP_MAX_AGE // 86400},
    )


@transaction.atomic
def signup_create(*, email: str, full_name: str, password: str) -> User | None:
    """Sign up as a professional: the account stays inactive until the link in the mail is
    followed. Sign-up never grants more than the professional role. For an address that already
    has an account nothing is created; the owner gets a mail instead (the page says the same in
    both cases, so the form does not reveal who has an account)."""
    existing = User.objects.filter(email__iexact=email.strip()).first()
    if existing is not None:
        if existing.email_verified_at is None and not existing.is_active:
            _send_verification(existing)
        else:
            send_templated_mail(
                to=existing.email,
                template="accounts/mail/signup_exists",
                context={"user": existing, "link": reverse("accounts:password_reset")},
            )
        return None
    user = user_create(
        email=email,
        full_name=full_name,
        password=password,
        roles=[Role.PROFESSIONAL],
        active=False,
    )
    _send_verification(user)
    return user


def signup_user_from_token(token: str) -> User:
    """The account behind a verification link; ServiceError when forged, expired or unknown."""
    try:
        data = signing.loads(token, salt=SIGNUP_SALT, max_age=SIGNUP_MAX_AGE)
    except signing.SignatureExpired as exc:
        raise ServiceError("Deze bevestigingslink is verlopen.", code="expired") from exc
    except signing.BadSignature as exc:
        raise ServiceError("Deze bevestigingslink klopt niet.", code="invalid") from exc
    user = User.objects.filter(pk=data.get("u"), email=data.get("e")).first()
    if user is None:
        raise ServiceError("Deze bevestigingslink klopt niet.", code="invalid")
    return user


@transaction.atomic
def signup_verify(*, user: User) -> User:
    """Confirm the e-mail address and activate the account (once: a second click changes
    nothing, and a link never re-activates an account the team deactivated)."""
    user = User.objects.select_for_update().get(pk=user.pk)
    if user.email_verified_at is not None:
        raise ServiceError("Dit e-mailadres is al bevestigd. U kunt inloggen.", code="used")
    user.email_verified_at = timezone.now()
    user.is_active = True
    user.save(update_fields=["email_verified_at", "is_active"])
    return user


@transaction.atomic
def user_update_name(*, user: User, full_name: str, actor) -> User:
    """Change the name a person goes by (shown to coalitions, in the directory, in mails)."""
    full_name = full_name.strip()
    if not full_name:
        raise ServiceError("Vul uw naam in.", code="required", field="full_name")
    if full_name != user.full_name:
        before = user.full_name
        user.full_name = full_name
        user.save(update_fields=["full_name"])
        record(user, "naam gewijzigd", actor=actor, changes={"naam": [before, full_name]})
    return user


@transaction.atomic
def account_deletion_request(*, user: User) -> User:
    """The person asks to delete their account: it is erased after the grace period unless they
    log in and cancel (``account_deletion_cancel``); until then everything keeps working."""
    user = User.objects.select_for_update().get(pk=user.pk)
    if user.deletion_requested_at is None:
        user.deletion_requested_at = timezone.now()
        user.save(update_fields=["deletion_requested_at"])
        record(user, "verwijdering aangevraagd", actor=user)
    return user


@transaction.atomic
def account_deletion_cancel(*, user: User) -> User:
    user = User.objects.select_for_update().get(pk=user.pk)
    if user.deletion_requested_at is not None and user.erased_at is None:
        user.deletion_requested_at = None
        user.save(update_fields=["deletion_requested_at"])
        record(user, "verwijdering geannuleerd", actor=user)
    return user


PERSONAL_LABELS = ("naam", "e-mailadres")


def _scrub(value, names: set[str], pseudonym: str):
    """``value`` (from an audit entry's changes) with every mention of ``names`` replaced."""
    if isinstance(value, str):
        for name in sorted(names, key=len, reverse=True):  # "Anna Actor" before "Anna"
            value = value.replace(name, pseudonym)
        return value
    if isinstance(value, list):
        return [_scrub(item, names, pseudonym) for item in value]
    if isinstance(value, dict):
        return {key: _scrub(item, names, pseudonym) for key, item in value.items()}
    return value


def _erase_related(user: User) -> None:
    """Remove what other areas keep about the person through the account: rows that belong to
    it (profile, consents, introductions, devices, ...) are deleted, many-to-many links (e.g.
    coordinator of a coalition) are cleared. Rows that only name the account as author or actor
    (``SET_NULL``) keep pointing at the pseudonymous row. Read from the model's relations, so
    an area that adds a relation is covered without changes here."""
    from django.db.models import CASCADE

    for relation in User._meta.related_objects:
        if relation.many_to_many:
            getattr(user, relation.get_accessor_name()).clear()
        elif relation.on_delete is CASCADE:
            relation.related_model._base_manager.filter(**{relation.field.name: user}).delete()
    user.groups.clear()
    user.user_permissions.clear()


@transaction.atomic
def account_erase(*, user: User) -> User:
    """Erase an account: its personal data goes, the row stays under a pseudonym so the audit
    log still reads (who did what) without naming the person."""
    import secrets

    from ontmoetingen.core.models import AuditLog

    user = User.objects.select_for_update().get(pk=user.pk)
    if user.erased_at is not None:
        return user
    pseudonym = f"Verwijderd account {secrets.token_hex(3)}"
    entries = list(AuditLog.objects.for_object(user))
    names = {value for value in (user.full_name, user.email) if value}
    for entry in entries:  # earlier names and addresses too
        for label in PERSONAL_LABELS:
            value = entry.changes.get(label) if isinstance(entry.changes, dict) else None
            names.update(v for v in (value if isinstance(value, list) else [value]) if v)
    names = {str(name) for name in names if len(str(name)) > 1}
    for entry in entries:
        entry.object_repr = pseudonym
        entry.changes = _scrub(entry.changes, names, pseudonym)
        entry.save(update_fields=["object_repr", "changes"])
    _erase_related(user)
    user.full_name = pseudonym
    user.email = f"verwijderd-{user.pk}-{secrets.token_hex(4)}@verwijderd.invalid"
    user.set_unusable_password()
    user.is_active = user.is_staff = user.is_superuser = False
    user.email_verified_at = user.last_login = None
    user.erased_at = timezone.now()
    user.save()
    record(user, "account gewist", changes={"reden": "op eigen verzoek, na de bedenktijd"})
    return user


def accounts_erase_due() -> int:
    """Erase the accounts whose deletion was asked more than the grace period ago (each in its
    own transaction, so one failure does not hold back the others); returns how many."""
    from datetime import timedelta

    from django.conf import settings

    cutoff = timezone.now() - timedelta(days=settings.ACCOUNT_DELETION_GRACE_DAYS)
    due = User.objects.filter(deletion_requested_at__lte=cutoff, erased_at__isnull=True)
    erased = 0
    for user in due.only("pk"):
        account_erase(user=user)
        erased += 1
    return erased
