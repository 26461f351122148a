"""Public pages of the agenda: list, event, registration, the signed registration links."""

from __future__ import annotations

import copy
import functools

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from ontmoetingen.core import ratelimit
from ontmoetingen.core.errors import ServiceError
from ontmoetingen.core.fragments import cached_value, list_page
from ontmoetingen.core.paging import paginate
from ontmoetingen.core.permissions import allowed_if, is_logged_in
from ontmoetingen.core.privacy import LINK_EXPIRED, link_expired
from ontmoetingen.events import ics, retention, selectors, services, tokens
from ontmoetingen.events.apps import SETUP_AREA
from ontmoetingen.events.forms import AgendaFilterForm, FeedbackForm
from ontmoetingen.events.models import Event, Registration, RegistrationStatus
from ontmoetingen.events.programme_forms import registration_form_for
from ontmoetingen.events.programme_selectors import registration_programme

AGENDA_CRUMB = {"label": "Agenda", "url": "/agenda/"}


# what the agenda shows: events and their places left, municipalities, themes, glossary marks
LIST_AREAS = ("events", "regions", "core", "glossary")
# "afgelopen" and registration windows move with the clock: a quarter of an hour at most
LIST_PERIOD = 15 * 60


def event_list(request):
    """Filters and results are cached HTML (core.fragments) under the versions of the agenda's
    areas, the query string and the quarter hour; only the layout renders per request."""
    archive = request.GET.get("archief") == "1"
    form = functools.cache(lambda: AgendaFilterForm(request.GET or None))  # its choices query

    def results() -> str:
        chosen = {k: v for k, v in form().cleaned_data.items() if v} if form().is_valid() else {}
        filters = selectors.AgendaFilters(archive=archive, **chosen)
        page = paginate(request, selectors.events_agenda(filters=filters))
        for event in page.object_list:
            event.places_left = selectors.places_left(event)
        context = {"page_obj": page, "archive": archive, "filtered": bool(chosen)}
        return render_to_string("events/partials/_event_results.html", context, request)

    def filter_form() -> str:
        context = {"form": form(), "archive": archive}
        return render_to_string("events/partials/_agenda_filters.html", context, request)

    return list_page(
        request,
        name="events:list",
        areas=LIST_AREAS,
        filters=filter_form,
        results=results,
        template="events/event_list.html",
        context={"archive": archive, "active_nav": "agenda", "breadcrumbs": [{"label": "Agenda"}]},
        period=LIST_PERIOD,
    )


def _public_event(slug: str, *, selector=selectors.event_for_public) -> Event:
    try:
        return selector(slug)
    except Event.DoesNotExist as exc:
        raise Http404("Onbekende bijeenkomst") from exc


def event_detail(request, slug: str):
    event = _public_event(slug)
    is_open, closed_reason = event.registration_state()
    context = {
        "event": event,
        "places_left": selectors.places_left(event),
        "registration_open": is_open,
        "closed_reason": closed_reason,
        "sessions": list(event.sessions.all()),
        "active_nav": "agenda",
        "breadcrumbs": [AGENDA_CRUMB, {"label": event.title}],
    }
    return render(request, "events/event_detail.html", context)


def event_ics(request, slug: str):
    event = get_object_or_404(Event.objects.visible(), slug=slug)
    response = HttpResponse(
        ics.calendar_bytes([event]), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{event.slug}.ics"'
    return response


def agenda_feed(request):
    events = selectors.events_feed(
        province=request.GET.get("provincie", "")[:8], theme=request.GET.get("thema", "")[:120]
    )
    body = ics.calendar_bytes(events, name="Agenda Kansrijke Ontmoetingen")
    return HttpResponse(body, content_type="text/calendar; charset=utf-8")


def _initial_for(user) -> dict:
    if not user.is_authenticated:
        return {}
    return {"name": user.full_name, "email": user.email}


def _registration_form(request, event: Event):
    form_class = registration_form_for(event)
    return form_class(
        request.POST or None,
        event=event,
        sessions=list(event.sessions.all()),
        registration_questions=event.registration_questions.all(),
        initial=_initial_for(request.user),
    )


def _submit(request, event: Event, form) -> Registration | ServiceError:
    """The registration itself: abuse limits, then the service (which takes the event lock
    for the decision and the insert only). The limit on mails to one e-mail address is read
    before and counted after a registration is made: a refused or duplicate attempt uses up
    nothing, and simultaneous duplicates all get the "al aangemeld" answer."""
    email = form.cleaned_data["email"]
    address = ratelimit.address(request)
    ratelimit.refuse_if_spent("registration_email", email)
    ratelimit.enforce(
        ("registration_event_address", f"{event.pk}:{address}"),
        ("registration_address", address),
    )
    try:
        registration = services.registration_create(
            event_id=event.pk, data=form.to_input(), user=request.user
        )
    except ServiceError as error:
        return error
    ratelimit.attempt("registration_email", email)  # mails sent to this address
    return registration


def _event_for_submit(request, slug: str) -> Event:
    """The event, workshops, questions and programme a submit validates against, kept per
    process under the version of the events' setup (``events.setup``): a registration changes
    the agenda's version but not this one, so in a rush the submits skip these three queries.
    Never written to the shared cache: a submit must not queue for the database's write lock
    outside the service's bounded wait. The service reads the event again under its lock; this
    copy only shapes the form."""
    event = cached_value(
        request,
        "registration-event",
        vary=(slug,),
        areas=(SETUP_AREA,),
        compute=lambda: selectors.event_for_registration(slug, with_counts=False),
        size=4096,
        shared=False,
    )
    # this request's own copy, with the seats of its workshops counted now (they change with
    # every registration; an event without workshops costs no query)
    return selectors.with_fresh_session_counts(copy.copy(event))


@require_http_methods(["GET", "POST"])
def register(request, slug: str):
    """The registration form. A submit loads only what validating needs (no seat counts, and
    from the per-process copy above) and answers with a redirect to the light registration
    page; only a refused submit renders the form again, with the places left counted then."""
    posted = request.method == "POST"
    event = _public_event(
        slug,
        selector=functools.partial(_event_for_submit, request)
        if posted
        else selectors.event_for_registration,
    )
    is_open, closed_reason = event.registration_state()
    form = _registration_form(request, event)
    if posted and is_open and form.is_valid():
        outcome = _submit(request, event, form)
        if isinstance(outcome, Registration):
            token = tokens.registration_token(outcome.pk)
            return redirect(reverse("events:registration", args=[token]) + "?nieuw=1")
        if outcome.code == "closed":
            is_open, closed_reason = False, outcome.message
        else:
            form.add_service_error(outcome)
    return render(
        request,
        "events/register.html",
        {
            "event": event,
            "form": form,
            "registration_open": is_open,
            "closed_reason": closed_reason,
            "places_left": selectors.places_left(event),
            "active_nav": "agenda",
            "breadcrumbs": [
                AGENDA_CRUMB,
                {"label": event.title, "url": event.get_absolute_url()},
                {"label": "Aanmelden"},
            ],
        },
    )


# What a registration link is used for. Looking works until the link expires (some time after
# the event); changing something (workshop choices, swapping, the networking round, cancelling)
# only while the registration stands: after cancellation those make no sense.
LINK_VIEW = "bekijken"
LINK_CHANGE = "wijzigen"
LINK_CANCELLED = (
    "U heeft zich voor deze bijeenkomst afgemeld, dus via deze link kunt u niets meer kiezen of "
    "wijzigen. Wilt u toch komen? Meld u dan opnieuw aan via de agenda."
)


def _registration_from_token(token: str, purpose: str = LINK_VIEW) -> Registration:
    reg_id = tokens.registration_id_from_token(token)
    try:
        registration = Registration.objects.select_related("event").get(pk=reg_id)
    except Registration.DoesNotExist as exc:
        raise Http404("Onbekende aanmelding") from exc
    if link_expired(registration.event.ends_at):
        raise ServiceError(LINK_EXPIRED, code="expired")
    if purpose == LINK_CHANGE and registration.status == RegistrationStatus.CANCELLED:
        raise ServiceError(LINK_CANCELLED, code="cancelled")
    return registration


def _link_refused(request, error: ServiceError):
    return render(
        request,
        "events/link_refused.html",
        {"message": error.message, "breadcrumbs": [AGENDA_CRUMB, {"label": "Link"}]},
        status=403 if error.code == "tampered" else 410,
    )


def registration_detail(request, token: str):
    try:
        registration = _registration_from_token(token)
    except ServiceError as error:
        return _link_refused(request, error)
    context = {
        "registration": registration,
        "event": registration.event,
        "position": selectors.waitlist_position(registration),
        "sessions": list(registration.sessions.all()),
        "token": token,
        "erased": retention.is_anonymised(registration),
        "new": request.GET.get("nieuw") == "1",
        **registration_programme(registration),
        "active_nav": "agenda",
        "breadcrumbs": [
            AGENDA_CRUMB,
            {"label": registration.event.title, "url": registration.event.get_absolute_url()},
            {"label": "Uw aanmelding"},
        ],
    }
    return render(request, "events/registration_detail.html", context)


@require_http_methods(["GET", "POST"])
def cancel(request, token: str):
    """Cancel through the signed link: GET asks for confirmation, POST cancels."""
    try:
        registration = _registration_from_token(token, LINK_CHANGE)
    except ServiceError as error:
        return _link_refused(request, error)
    error_message = ""
    if request.method == "POST":
        try:
            services.registration_cancel(registration_id=registration.pk)
        except ServiceError as error:
            error_message = error.message
        else:
            messages.success(
                request, "U bent afgemeld. U ontvangt hiervan een bevestiging per e-mail."
            )
            return redirect("events:registration", token=token)
    return render(
        request,
        "events/cancel.html",
        {
            "registration": registration,
            "event": registration.event,
            "error_message": error_message,
            "active_nav": "agenda",
            "breadcrumbs": [AGENDA_CRUMB, {"label": "Afmelden"}],
        },
    )


@require_http_methods(["GET", "POST"])
def erase(request, token: str):
    """Erase one's own registration through the signed link: GET asks for confirmation, POST
    gives up the place (if still to come) and removes name, address and answers at once."""
    try:
        registration = _registration_from_token(token)
    except ServiceError as error:
        return _link_refused(request, error)
    erased = retention.is_anonymised(registration)
    if request.method == "POST" and not erased:
        try:
            retention.registration_erase(registration_id=registration.pk)
        except ServiceError as error:
            messages.error(request, error.message)
        else:
            erased = True
    return render(
        request,
        "events/erase.html",
        {
            "registration": registration,
            "event": registration.event,
            "erased": erased,
            "token": token,
            "done": request.method == "POST" and erased,
            "active_nav": "agenda",
            "breadcrumbs": [AGENDA_CRUMB, {"label": "Gegevens wissen"}],
        },
    )


@allowed_if(is_logged_in)
@require_http_methods(["POST"])
def cancel_mine(request, pk: int):
    """Cancel from /mijn/: only a registration of the logged-in user."""
    registration = get_object_or_404(selectors.registrations_of_user(request.user), pk=pk)
    try:
        services.registration_cancel(registration_id=registration.pk, actor=request.user)
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"U bent afgemeld voor {registration.event.title}.")
    return redirect("accounts:mine")


@require_http_methods(["GET", "POST"])
def feedback(request, token: str):
    try:
        registration = _registration_from_token(token)
    except ServiceError as error:
        return _link_refused(request, error)
    done = hasattr(registration, "feedback")
    form = FeedbackForm(request.POST or None)
    if request.method == "POST" and not done and form.is_valid():
        try:
            services.feedback_submit(
                registration=registration,
                rating=form.cleaned_data["rating"],
                useful=form.cleaned_data["useful"],
                themes=form.cleaned_data["themes"],
                themes_text=form.cleaned_data["themes_text"],
            )
        except ServiceError as error:
            error.add_to_form(form)
        else:
            done = True
    allowed = registration.status == RegistrationStatus.CONFIRMED
    return render(
        request,
        "events/feedback.html",
        {
            "registration": registration,
            "event": registration.event,
            "form": form,
            "done": done,
            "allowed": allowed,
            "active_nav": "agenda",
            "breadcrumbs": [AGENDA_CRUMB, {"label": "Feedback"}],
        },
    )
