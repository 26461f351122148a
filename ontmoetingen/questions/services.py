"""Every write on questions, notes, theme proposals and votes."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify

from ontmoetingen.accounts.permissions import is_project_team
from ontmoetingen.core.audit import display_value, record
from ontmoetingen.core.errors import ServiceError
from ontmoetingen.core.mail import send_templated_mail
from ontmoetingen.core.models import Theme
from ontmoetingen.questions.models import Question, QuestionNote, ThemeProposal, Vote
from ontmoetingen.questions.privacy import anonymise, client_data_problem

RATE_LIMIT = 5  # questions per hour, per IP address and per e-mail address
RATE_WINDOW = timedelta(hours=1)
RATE_LIMITED = (
    "U heeft het afgelopen uur al {limit} vragen gestuurd. Dank voor uw betrokkenheid! Om "
    "misbruik te voorkomen nemen we er niet meer dan {limit} per uur aan. Probeer het over een "
    "uur opnieuw; uw eerdere vragen zijn goed ontvangen."
)

Status = Question.Status
# Answering is its own step (question_answer), so ANSWERED is not a manual target.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    Status.NEW: (Status.IN_PROGRESS, Status.CLOSED),
    Status.IN_PROGRESS: (Status.NEW, Status.CLOSED),
    Status.ANSWERED: (Status.IN_PROGRESS, Status.CLOSED),
    Status.CLOSED: (Status.IN_PROGRESS,),
}


def ip_hash(ip_address: str) -> str:
    """A keyed hash of an IP address: the same address gives the same value, the value does
    not give the address back."""
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, (ip_address or "").encode(), hashlib.sha256).hexdigest()


def _serialise(keys: list[str]) -> None:
    """Make concurrent submissions from the same sender wait for each other, so two requests
    at once cannot both see four earlier questions. SQLite's IMMEDIATE transactions already
    queue every writer; PostgreSQL gets transaction-scoped advisory locks."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for key in sorted(set(keys)):
            cursor.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", [key])


def _check_rate(*, email: str, hashed_ip: str) -> None:
    since = timezone.now() - RATE_WINDOW
    recent = Question.objects.filter(created_at__gte=since)
    if recent.filter(email=email).count() >= RATE_LIMIT or (
        hashed_ip and recent.filter(ip_hash=hashed_ip).count() >= RATE_LIMIT
    ):
        raise ServiceError(RATE_LIMITED.format(limit=RATE_LIMIT), code="rate_limited")


def _check_client_data(text: str, *, field: str) -> None:
    problem = client_data_problem(text)
    if problem:
        raise ServiceError(problem, code="client_data", field=field)


def _full_url(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def question_create(
    *,
    kind: str,
    domain: str,
    text: str,
    name: str,
    email: str,
    municipality=None,
    theme=None,
    user=None,
    ip_address: str = "",
) -> Question:
    """Store a question from the field and mail the sender a private status link.

    Refused, with nothing stored, when the text looks like client data (a BSN or a name with a
    date of birth) or when the sender (IP address or e-mail) sent 5 questions in the past hour.
    The limit counts stored rows, so it holds across processes and restarts.
    """
    _check_client_data(text, field="text")
    email = email.strip().lower()
    hashed_ip = ip_hash(ip_address) if ip_address else ""
    with transaction.atomic():
        _serialise([f"question-email:{email}", f"question-ip:{hashed_ip}"])
        _check_rate(email=email, hashed_ip=hashed_ip)
        question = Question.objects.create(
            kind=kind,
            domain=domain,
            municipality=municipality,
            theme=theme,
            text=text.strip(),
            name=name.strip(),
            email=email,
            user=user if user is not None and user.is_authenticated else None,
            ip_hash=hashed_ip,
            token=secrets.token_urlsafe(24),
        )
        send_templated_mail(
            to=email,
            template="questions/mail/question_received",
            context={"question": question, "status_url": _full_url(question.get_status_url())},
        )
    return question


def _lock(question: Question) -> Question:
    return Question.objects.select_for_update().get(pk=question.pk)


def question_set_status(*, question: Question, status: str, actor) -> Question:
    """Move a question along nieuw → in behandeling → beantwoord → gesloten (or reopen it)."""
    with transaction.atomic():
        question = _lock(question)
        if status == question.status:
            return question
        if status not in TRANSITIONS.get(question.status, ()):
            raise ServiceError(
                f"Een vraag met status '{question.get_status_display()}' kan niet naar "
                f"'{Status(status).label}'.",
                code="invalid_transition",
                field="status",
            )
        before = question.get_status_display()
        question.status = status
        question.closed_at = timezone.now() if status == Status.CLOSED else None
        question.save(update_fields=["status", "closed_at", "updated_at"])
        record(
            question,
            "status gewijzigd",
            actor,
            {"Status": [before, question.get_status_display()]},
        )
    return question


def question_assign(*, question: Question, assignee, actor) -> Question:
    """Assign a question to a member of the project team (or to nobody); a new question that
    gets an owner is in progress from then on. The assignee is told by mail."""
    if assignee is not None and not is_project_team(assignee):
        raise ServiceError(
            "Alleen leden van het projectteam kunnen een vraag toegewezen krijgen.",
            code="not_team",
            field="assigned_to",
        )
    with transaction.atomic():
        question = _lock(question)
        previous = question.assigned_to
        question.assigned_to = assignee
        if assignee is not None and question.status == Status.NEW:
            question.status = Status.IN_PROGRESS
        question.save(update_fields=["assigned_to", "status", "updated_at"])
        record(
            question,
            "toegewezen",
            actor,
            {"Toegewezen aan": [display_value(previous), display_value(assignee)]},
        )
        if assignee is not None and assignee not in (previous, actor):
            send_templated_mail(
                to=assignee.email,
                template="questions/mail/question_assigned",
                context={
                    "question": question,
                    "assignee": assignee,
                    "url": _full_url(question.get_absolute_url()),
                },
            )
    return question


def question_add_note(*, question: Question, text: str, actor) -> QuestionNote:
    """An internal note: only the project team ever sees it."""
    text = (text or "").strip()
    if not text:
        raise ServiceError("Schrijf een notitie.", code="required", field="text")
    with transaction.atomic():
        note = QuestionNote.objects.create(question=question, author=actor, text=text)
        # the note's text stays on the question page, not in the log
        record(question, "interne notitie toegevoegd", actor)
    return note


def question_answer(*, question: Question, answer: str, actor) -> Question:
    """Answer a question: store the answer, mark it answered and mail it to the asker."""
    answer = (answer or "").strip()
    if not answer:
        raise ServiceError("Schrijf een antwoord.", code="required", field="answer")
    with transaction.atomic():
        question = _lock(question)
        if question.status not in (Status.NEW, Status.IN_PROGRESS):
            raise ServiceError(
                "Deze vraag is al beantwoord of gesloten. Heropen de vraag om opnieuw te antwoorden.",
                code="invalid_transition",
                field="answer",
            )
        before = question.get_status_display()
        question.answer = answer
        question.status = Status.ANSWERED
        question.answered_at = timezone.now()
        question.answered_by = actor
        if question.assigned_to_id is None:
            question.assigned_to = actor
        question.save()
        record(question, "beantwoord", actor, {"Status": [before, question.get_status_display()]})
        send_templated_mail(
            to=question.email,
            template="questions/mail/question_answered",
            context={"question": question, "status_url": _full_url(question.get_status_url())},
        )
    return question


def question_publish(
    *, question: Question, faq_question: str, faq_answer: str, theme=None, actor
) -> Question:
    """Publish an answered question as an FAQ. Both texts are anonymised (the asker's name,
    e-mail addresses, phone numbers and long numbers are removed) and must not contain
    client data; the asker, their e-mail and municipality are never published."""
    with transaction.atomic():
        question = _lock(question)
        if question.status not in (Status.ANSWERED, Status.CLOSED) or not question.answer:
            raise ServiceError(
                "Alleen een beantwoorde vraag kan als veelgestelde vraag worden gepubliceerd.",
                code="not_answered",
            )
        _check_client_data(faq_question, field="faq_question")
        _check_client_data(faq_answer, field="faq_answer")
        names = [question.name]
        if question.user_id and question.user.full_name:
            names.append(question.user.full_name)
        faq_question = anonymise(faq_question.strip(), names=names)
        faq_answer = anonymise(faq_answer.strip(), names=names)
        if not faq_question:
            raise ServiceError("Schrijf de vraag zoals die openbaar wordt.", field="faq_question")
        if not faq_answer:
            raise ServiceError("Schrijf het openbare antwoord.", field="faq_answer")
        question.faq_question = faq_question
        question.faq_answer = faq_answer
        if theme is not None:
            question.theme = theme
        question.is_published = True
        question.published_at = question.published_at or timezone.now()
        question.save()
        record(question, "gepubliceerd als veelgestelde vraag", actor)
    return question


def question_unpublish(*, question: Question, actor) -> Question:
    """Take an FAQ off the public pages; the question and its answer stay."""
    with transaction.atomic():
        question = _lock(question)
        question.is_published = False
        question.published_at = None
        question.save(update_fields=["is_published", "published_at", "updated_at"])
        record(question, "niet meer gepubliceerd", actor)
    return question


# --- theme proposals ---------------------------------------------------------------------------


def proposal_create(
    *,
    title: str,
    description: str,
    purpose: str,
    domain: str,
    proposer,
    theme=None,
    municipality=None,
) -> ThemeProposal:
    """A professional proposes a theme; the same client-data rule as for questions applies."""
    _check_client_data(title, field="title")
    _check_client_data(description, field="description")
    with transaction.atomic():
        proposal = ThemeProposal.objects.create(
            title=title.strip(),
            description=description.strip(),
            purpose=purpose,
            domain=domain,
            theme=theme,
            municipality=municipality,
            proposer=proposer,
        )
        record(proposal, "voorgesteld", proposer)
    return proposal


def _lock_proposal(proposal: ThemeProposal) -> ThemeProposal:
    return ThemeProposal.objects.select_for_update().get(pk=proposal.pk)


def _ensure_open(proposal: ThemeProposal) -> None:
    if not proposal.is_open:
        raise ServiceError(
            "Dit voorstel is al opgepakt; stemmen kan niet meer.", code="closed", field=None
        )


def vote_add(*, proposal: ThemeProposal, user) -> bool:
    """Vote for an open proposal. One vote per person: a second vote changes nothing (the
    unique constraint makes a double submit harmless). Returns whether a vote was added."""
    with transaction.atomic():
        proposal = _lock_proposal(proposal)
        _ensure_open(proposal)
        try:
            with transaction.atomic():
                Vote.objects.create(proposal=proposal, user=user)
        except IntegrityError:
            return False
    return True


def vote_remove(*, proposal: ThemeProposal, user) -> bool:
    """Withdraw one's vote from an open proposal. Returns whether there was a vote."""
    with transaction.atomic():
        proposal = _lock_proposal(proposal)
        _ensure_open(proposal)
        deleted, _ = Vote.objects.filter(proposal=proposal, user=user).delete()
    return bool(deleted)


def _valid_link(url: str) -> bool:
    return url.startswith(("https://", "http://")) or (
        url.startswith("/") and not url.startswith("//")
    )


def proposal_take_up(*, proposal: ThemeProposal, url: str, title: str, actor) -> ThemeProposal:
    """Mark a proposal as taken up with a link to the event or resource that answers it, and
    mail the proposer and everyone who voted."""
    url, title = (url or "").strip(), (title or "").strip()
    if not _valid_link(url):
        raise ServiceError(
            "Geef een link die begint met https:// of met / (een pagina op deze site).",
            code="invalid_url",
            field="url",
        )
    if not title:
        raise ServiceError("Geef de link een titel.", code="required", field="title")
    with transaction.atomic():
        proposal = _lock_proposal(proposal)
        if not proposal.is_open:
            raise ServiceError("Dit voorstel is al opgepakt.", code="closed")
        proposal.status = ThemeProposal.Status.TAKEN_UP
        proposal.taken_up_url = url
        proposal.taken_up_title = title
        proposal.taken_up_at = timezone.now()
        proposal.taken_up_by = actor
        proposal.save()
        record(proposal, "opgepakt", actor, {"Link": [None, f"{title} ({url})"]})
        recipients = {}
        if proposal.proposer and proposal.proposer.is_active:
            recipients[proposal.proposer.email] = proposal.proposer
        for vote in proposal.votes.select_related("user").filter(user__is_active=True):
            recipients.setdefault(vote.user.email, vote.user)
        link = url if url.startswith("http") else _full_url(url)
        for email, person in sorted(recipients.items()):
            send_templated_mail(
                to=email,
                template="questions/mail/proposal_taken_up",
                context={
                    "proposal": proposal,
                    "person": person,
                    "is_proposer": person == proposal.proposer,
                    "link": link,
                    "proposals_url": _full_url("/themas/"),
                },
            )
    return proposal


def _theme_slug(name: str) -> str:
    base = slugify(name)[:110].strip("-") or "thema"
    slug, n = base, 2
    while Theme.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def theme_save(*, theme: Theme, actor) -> Theme:
    """The project team adds or renames a theme (the one taxonomy that toolkit, events,
    coalitions and questions share). The slug is made once from the name and then kept, so
    filter links that carry it keep working after a rename."""
    with transaction.atomic():
        before = Theme.objects.select_for_update().get(pk=theme.pk) if theme.pk else None
        if not theme.slug:
            theme.slug = _theme_slug(theme.name)
        theme.full_clean()
        theme.save()
        changes = {}
        for name, label in (
            ("name", "Naam"),
            ("description", "Omschrijving"),
            ("order", "Volgorde"),
        ):
            old, new = (getattr(before, name) if before else None), getattr(theme, name)
            if old != new and (old or new):
                changes[label] = [display_value(old), display_value(new)]
        record(theme, "gewijzigd" if before else "aangemaakt", actor, changes)
    return theme


def theme_set_active(*, theme: Theme, active: bool, actor) -> Theme:
    """Deactivate a theme (it is no longer offered in forms and filters, but stays on the
    items, questions and events that carry it) or make it active again."""
    with transaction.atomic():
        theme = Theme.objects.select_for_update().get(pk=theme.pk)
        if theme.active == active:
            return theme
        theme.active = active
        theme.save(update_fields=["active"])
        record(
            theme,
            "weer actief gemaakt" if active else "gedeactiveerd",
            actor,
            {"Actief": [display_value(not active), display_value(active)]},
        )
    return theme


ERASED_TEXT = "[gewist op verzoek]"


def person_erase(*, email: str, user=None) -> dict:
    """An AVG request or account deletion: the person's questions lose name, address, text and
    answer (domain, municipality, theme and dates stay for the signals); proposals lose their
    proposer; votes go. The caller holds the transaction."""
    match = Q(email__iexact=email)
    if user is not None:
        match |= Q(user=user)
    erased = Question.objects.filter(match).update(
        name="Geanonimiseerd",
        email="",
        text=ERASED_TEXT,
        answer="",
        user=None,
        ip_hash="",
    )
    proposals = votes = 0
    if user is not None:
        proposals = ThemeProposal.objects.filter(proposer=user).update(proposer=None)
        votes, _ = Vote.objects.filter(user=user).delete()
    return {"vragen": erased, "themavoorstellen": proposals, "stemmen": votes}
