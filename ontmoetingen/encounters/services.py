"""Writes for profiles, introductions, blocks and abuse reports. Invitations and the people
overview's writes are in ``invitations.py``."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from ontmoetingen.accounts.models import User
from ontmoetingen.accounts.roles import Role
from ontmoetingen.core.audit import record
from ontmoetingen.core.errors import ServiceError
from ontmoetingen.core.mail import send_templated_mail
from ontmoetingen.directory.models import Organisation
from ontmoetingen.encounters.models import (
    PROFILE_CONSENT_TEXT,
    PROFILE_CONSENT_VERSION,
    AbuseReport,
    Block,
    Consent,
    Introduction,
    IntroductionStatus,
    Professional,
    tag_list,
)

# Limits that stop abuse without hindering real use.
MAX_OPEN_REQUESTS = 10  # open requests one person may have sent at a time

PROFILE_FIELDS = (
    "domain",
    "profession",
    "profession_other",
    "organisation",
    "offer",
    "offer_tags",
    "ask",
    "ask_tags",
    "intro",
    "phone",
)


def _tags(text: str) -> str:
    return ", ".join(tag_list(text))


@transaction.atomic
def profile_save(
    *,
    user: User,
    values: dict,
    area_codes: Iterable[str] | None,
    themes: Iterable = (),
) -> Professional:
    """Create or update the user's profile. Without a working area of its own, the profile
    takes its organisation's working area (the usual case: you work where your employer does)."""
    profile = Professional.objects.filter(user=user).first() or Professional(user=user)
    for name in PROFILE_FIELDS:
        if name in values:
            setattr(profile, name, values[name])
    profile.offer_tags = _tags(profile.offer_tags)
    profile.ask_tags = _tags(profile.ask_tags)
    if profile.profession != "anders":
        profile.profession_other = ""
    profile.full_clean(exclude=["user"])
    profile.save()
    codes = set(area_codes or ())
    organisation: Organisation | None = profile.organisation
    if not codes and organisation is not None:
        codes = set(organisation.service_area.values_list("code", flat=True))
    profile.working_area.set(sorted(codes))
    profile.themes.set(list(themes))
    return profile


def _consent_withdraw(user: User, kind: str) -> None:
    Consent.objects.filter(user=user, kind=kind, withdrawn_at__isnull=True).update(
        withdrawn_at=timezone.now()
    )


@transaction.atomic
def profile_publish(*, profile: Professional) -> Professional:
    """Publish: visible to logged-in users from now on. Records the consent with the version
    of the text agreed to."""
    if not profile.working_area.exists():
        raise ServiceError(
            "Vul eerst uw werkgebied in: zonder werkgebied vindt niemand u.", code="no_area"
        )
    if not profile.published:
        _consent_withdraw(profile.user, Consent.Kind.PROFILE)
        Consent.objects.create(
            user=profile.user,
            kind=Consent.Kind.PROFILE,
            version=PROFILE_CONSENT_VERSION,
            text=PROFILE_CONSENT_TEXT,
        )
        profile.published = True
        profile.published_at = timezone.now()
        profile.save(update_fields=["published", "published_at", "updated_at"])
    return profile


@transaction.atomic
def profile_unpublish(*, profile: Professional) -> Professional:
    """Hide the profile at once (directory, suggestions, other pages); consent is withdrawn."""
    profile.published = False
    profile.save(update_fields=["published", "updated_at"])
    _consent_withdraw(profile.user, Consent.Kind.PROFILE)
    return profile


@transaction.atomic
def profile_delete(*, profile: Professional) -> None:
    """Delete the profile everywhere at once. Introductions stay (they belong to both people),
    the consent record is kept as withdrawn (proof of what was agreed and when it ended)."""
    _consent_withdraw(profile.user, Consent.Kind.PROFILE)
    profile.delete()


# --- introductions ---------------------------------------------------------------------------


def is_blocked_between(a: User, b: User) -> bool:
    return Block.objects.filter(Q(blocker=a, blocked=b) | Q(blocker=b, blocked=a)).exists()


def _check_request(requester: User, recipient: User) -> None:
    if requester.pk == recipient.pk:
        raise ServiceError("U kunt geen kennismaking met uzelf aanvragen.", code="self")
    if not Professional.objects.published().filter(user=recipient).exists():
        raise ServiceError("Dit profiel is niet (meer) zichtbaar.", code="unpublished")
    if is_blocked_between(requester, recipient):
        raise ServiceError("U kunt deze persoon geen verzoek sturen.", code="blocked")
    between = Introduction.objects.filter(
        Q(requester=requester, recipient=recipient) | Q(requester=recipient, recipient=requester)
    )
    if between.filter(status=IntroductionStatus.ACCEPTED).exists():
        raise ServiceError(
            "U heeft al kennisgemaakt; de contactgegevens staan bij uw kennismakingen.",
            code="accepted",
        )
    if between.filter(status=IntroductionStatus.OPEN).exists():
        raise ServiceError("Er staat al een verzoek open tussen u beiden.", code="pair_open")
    open_count = Introduction.objects.filter(
        requester=requester, status=IntroductionStatus.OPEN
    ).count()
    if open_count >= MAX_OPEN_REQUESTS:
        raise ServiceError(
            f"U heeft al {MAX_OPEN_REQUESTS} verzoeken openstaan. Wacht op een antwoord voordat "
            "u nieuwe verzoeken stuurt.",
            code="limit",
        )


@transaction.atomic
def introduction_request(*, requester: User, recipient: User, message: str) -> Introduction:
    """Ask for an introduction. The recipient gets a mail without the requester's contact
    details; those are shared only when the request is accepted."""
    # Lock both people (in id order, so two crossing requests cannot deadlock): the open-request
    # limit and "one open request per pair, either way" cannot be raced past.
    list(
        User.objects.select_for_update()
        .filter(pk__in=[requester.pk, recipient.pk])
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    _check_request(requester, recipient)
    now = timezone.now()
    try:
        with transaction.atomic():
            introduction = Introduction.objects.create(
                requester=requester,
                recipient=recipient,
                message=message.strip(),
                created_at=now,
                expires_at=Introduction.expiry_from(now),
            )
    except IntegrityError as exc:
        raise ServiceError(
            "Er staat al een verzoek open tussen u beiden.", code="pair_open"
        ) from exc
    send_templated_mail(
        to=recipient.email,
        template="encounters/mail/introduction_requested",
        context={
            "introduction": introduction,
            "requester": requester,
            "profile": getattr(requester, "professional", None),
            "link": reverse("encounters:introductions"),
        },
    )
    return introduction


def _lock_open(introduction: Introduction, recipient: User) -> Introduction:
    locked = Introduction.objects.select_for_update().get(pk=introduction.pk)
    if locked.recipient_id != recipient.pk:
        raise ServiceError("Dit verzoek is niet aan u gericht.", code="not_recipient")
    if locked.status != IntroductionStatus.OPEN:
        raise ServiceError("Dit verzoek is al beantwoord of verlopen.", code="not_open")
    return locked


@transaction.atomic
def introduction_accept(*, introduction: Introduction, recipient: User) -> Introduction:
    """Accept: both people receive each other's contact details by mail and on their page."""
    introduction = _lock_open(introduction, recipient)
    introduction.status = IntroductionStatus.ACCEPTED
    introduction.responded_at = timezone.now()
    introduction.save(update_fields=["status", "responded_at"])
    requester = User.objects.select_related("professional").get(pk=introduction.requester_id)
    recipient = User.objects.select_related("professional").get(pk=recipient.pk)
    for me, other in ((requester, recipient), (recipient, requester)):
        send_templated_mail(
            to=me.email,
            template="encounters/mail/introduction_accepted",
            context={
                "me": me,
                "other": other,
                "other_phone": getattr(getattr(other, "professional", None), "phone", ""),
                "introduction": introduction,
                "link": reverse("encounters:introductions"),
            },
        )
    return introduction


@transaction.atomic
def introduction_decline(*, introduction: Introduction, recipient: User) -> Introduction:
    """Decline: the requester is not told; their list reads "geen reactie"."""
    introduction = _lock_open(introduction, recipient)
    introduction.status = IntroductionStatus.DECLINED
    introduction.responded_at = timezone.now()
    introduction.save(update_fields=["status", "responded_at"])
    return introduction


@transaction.atomic
def introductions_expire(*, now=None) -> int:
    """Open requests past their expiry read "geen reactie" from then on (idempotent)."""
    now = now or timezone.now()
    return Introduction.objects.filter(status=IntroductionStatus.OPEN, expires_at__lte=now).update(
        status=IntroductionStatus.EXPIRED
    )


@transaction.atomic
def block_create(*, blocker: User, blocked: User) -> Block:
    """Block someone: open requests between the two close, and neither sees the other in
    suggestions or can ask the other for an introduction."""
    if blocker.pk == blocked.pk:
        raise ServiceError("U kunt uzelf niet blokkeren.", code="self")
    block, _ = Block.objects.get_or_create(blocker=blocker, blocked=blocked)
    Introduction.objects.filter(
        Q(requester=blocker, recipient=blocked) | Q(requester=blocked, recipient=blocker),
        status=IntroductionStatus.OPEN,
    ).update(status=IntroductionStatus.DECLINED, responded_at=timezone.now())
    return block


@transaction.atomic
def block_remove(*, blocker: User, blocked: User) -> None:
    Block.objects.filter(blocker=blocker, blocked=blocked).delete()


@transaction.atomic
def abuse_report_create(*, reporter: User, reported: User, text: str) -> AbuseReport:
    """Report someone to the project team (a mail to every team member)."""
    if reporter.pk == reported.pk:
        raise ServiceError("U kunt uzelf niet melden.", code="self")
    report = AbuseReport.objects.create(reporter=reporter, reported=reported, text=text.strip())
    team = list(
        User.objects.filter(is_active=True)
        .filter(Q(groups__name=str(Role.PROJECT_TEAM)) | Q(is_superuser=True))
        .values_list("email", flat=True)
        .distinct()
    )
    if team:
        send_templated_mail(
            to=team,
            template="encounters/mail/abuse_report",
            context={"report": report, "link": reverse("encounters:reports")},
        )
    return report


@transaction.atomic
def abuse_report_handle(*, report: AbuseReport, actor) -> AbuseReport:
    report.handled_at = timezone.now()
    report.save(update_fields=["handled_at"])
    record(report, "afgehandeld", actor=actor)
    return report


ATTENDEE_LIST_VERSION = "2026-12-01"
ATTENDEE_LIST_TEXT = (
    "Toon mijn naam, domein en werkgemeente aan andere aangemelde deelnemers van deze "
    "bijeenkomst, met een link naar mijn profiel als ik er een heb."
)


@transaction.atomic
def attendee_list_set(*, registration, show: bool):
    """Opt in to (or out of) the event's attendee list; the consent is recorded with the
    version of the text. (The flag lives on events.Registration; this is its only writer.)"""
    registration.show_in_attendee_list = show
    registration.save(update_fields=["show_in_attendee_list"])
    if registration.user_id:
        user = registration.user
        if show:
            Consent.objects.create(
                user=user,
                kind=Consent.Kind.ATTENDEE_LIST,
                version=ATTENDEE_LIST_VERSION,
                text=f"{ATTENDEE_LIST_TEXT} ({registration.event})",
            )
        else:
            _consent_withdraw(user, Consent.Kind.ATTENDEE_LIST)
    return registration
