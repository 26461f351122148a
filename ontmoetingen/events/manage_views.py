"""The project team's back-office for events: each view is guarded with ``allowed_if`` and a
rule from ``events.permissions`` (managing events, or checking people in at the door)."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from ontmoetingen.core.avg import export_logged
from ontmoetingen.core.errors import ServiceError
from ontmoetingen.core.exports import wants_codes
from ontmoetingen.core.paging import paginate
from ontmoetingen.core.permissions import allowed_if
from ontmoetingen.events import exports, selectors, services, tokens
from ontmoetingen.events.forms import (
    EventCancelForm,
    EventForm,
    RegistrationFilterForm,
    RegistrationForm,
    RegistrationQuestionFormSet,
    SessionFormSet,
)
from ontmoetingen.events.models import Event, EventStatus, Registration, RegistrationStatus
from ontmoetingen.events.permissions import can_check_in, can_manage_events

BACKOFFICE_CRUMB = {"label": "Beheer", "url": "/beheer/"}
EVENTS_CRUMB = {"label": "Bijeenkomsten", "url": "/beheer/agenda/"}


def _crumbs(event: Event | None = None, label: str = "") -> list[dict]:
    crumbs = [BACKOFFICE_CRUMB, EVENTS_CRUMB]
    if event is not None:
        crumbs.append(
            {"label": event.title, "url": reverse("events:manage_registrations", args=[event.pk])}
        )
    if label:
        crumbs.append({"label": label})
    return crumbs


@allowed_if(can_manage_events)
def manage_list(request):
    text = request.GET.get("q", "")[:100]
    status = request.GET.get("status", "")
    when = request.GET.get("wanneer", "")
    page = paginate(request, selectors.events_for_management(text=text, status=status, when=when))
    return render(
        request,
        "events/manage/event_list.html",
        {
            "page_obj": page,
            "q": text,
            "status": status,
            "when": when,
            "statuses": EventStatus.choices,
            "breadcrumbs": [BACKOFFICE_CRUMB, {"label": "Bijeenkomsten"}],
        },
    )


def _save_event(request, event: Event, *, creating: bool):
    """The event form with its workshops and questions: one submit is one ``event_save``."""
    form = EventForm(request.POST or None, instance=event)
    sessions = SessionFormSet(request.POST or None, instance=event, prefix="sessies")
    registration_questions = RegistrationQuestionFormSet(
        request.POST or None, instance=event, prefix="vragen"
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and sessions.is_valid()
        and registration_questions.is_valid()
    ):
        try:
            saved = services.event_save(
                event=form.save(commit=False),
                actor=request.user,
                m2m=form.m2m_values(),
                sessions=sessions.to_inputs(),
                registration_questions=registration_questions.to_inputs(),
            )
        except ServiceError as error:
            if sessions.add_service_error(error) or registration_questions.add_service_error(error):
                form.add_error(None, error.message)  # in the summary at the top as well
            else:
                error.add_to_form(form)
        else:
            messages.success(request, "De bijeenkomst is opgeslagen.")
            return redirect("events:manage_registrations", pk=saved.pk)
    return render(
        request,
        "events/manage/event_form.html",
        {
            "form": form,
            "sessions": sessions,
            "registration_questions": registration_questions,
            "event": event,
            "creating": creating,
            "breadcrumbs": _crumbs(
                None if creating else event, "Nieuw" if creating else "Bewerken"
            ),
        },
    )


@allowed_if(can_manage_events)
def manage_create(request):
    return _save_event(request, Event(), creating=True)


@allowed_if(can_manage_events)
def manage_edit(request, pk: int):
    return _save_event(request, get_object_or_404(Event, pk=pk), creating=False)


@allowed_if(can_manage_events)
@require_POST
def manage_publish(request, pk: int):
    event = get_object_or_404(Event, pk=pk)
    try:
        services.event_publish(event=event, actor=request.user)
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, "De bijeenkomst staat in de agenda.")
    return redirect("events:manage_registrations", pk=pk)


@allowed_if(can_manage_events)
def manage_cancel(request, pk: int):
    """Cancelling asks first: GET shows who will be told and asks for the reason that goes
    into their mail; POST cancels."""
    event = get_object_or_404(Event.objects.with_counts(), pk=pk)
    if event.is_cancelled:
        messages.info(request, "Deze bijeenkomst is al geannuleerd.")
        return redirect("events:manage_registrations", pk=pk)
    form = EventCancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.event_cancel(
                event=event, actor=request.user, reason=form.cleaned_data["reason"]
            )
        except ServiceError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request, "De bijeenkomst is geannuleerd; de aangemelde mensen krijgen bericht."
            )
        return redirect("events:manage_registrations", pk=pk)
    return render(
        request,
        "events/manage/cancel.html",
        {"event": event, "form": form, "breadcrumbs": _crumbs(event, "Annuleren")},
    )


@allowed_if(can_manage_events)
def manage_registrations(request, pk: int):
    event = get_object_or_404(Event.objects.with_counts(), pk=pk)
    form = RegistrationFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    registrations = selectors.registrations_for_event(
        event, status=data.get("status", ""), domain=data.get("domain", ""), text=data.get("q", "")
    )
    page = paginate(request, registrations)
    return render(
        request,
        "events/manage/registrations.html",
        {
            "event": event,
            "form": form,
            "page_obj": page,
            "counts": selectors.registration_counts(event),
            "places_left": selectors.places_left(event),
            "balance_limit": event.balance_limit,
            "breadcrumbs": _crumbs(event),
        },
    )


@allowed_if(can_manage_events)
def manage_export(request, pk: int, fmt: str):
    event = get_object_or_404(Event, pk=pk)
    if fmt not in ("csv", "xlsx"):
        raise Http404
    export_logged(request, event, f"aanmeldingen ({fmt.upper()})")
    codes = wants_codes(request)
    if fmt == "csv":
        return exports.registrations_csv(event, codes=codes)
    return exports.registrations_xlsx(event, codes=codes)


@allowed_if(can_manage_events)
def manage_add(request, pk: int):
    event = get_object_or_404(Event, pk=pk)
    sessions = list(selectors.event_for_registration(event.slug).sessions.all())
    form = RegistrationForm(
        request.POST or None,
        event=event,
        sessions=sessions,
        registration_questions=event.registration_questions.all(),
    )
    form.fields["consent"].required = False
    form.fields["consent"].label = "De persoon heeft toestemming gegeven"
    if request.method == "POST" and form.is_valid():
        try:
            registration = services.registration_create(
                event_id=event.pk, data=form.to_input(), actor=request.user, by_hand=True
            )
        except ServiceError as error:
            form.add_service_error(error)
        else:
            messages.success(
                request, f"{registration.name} is toegevoegd ({registration.get_status_display()})."
            )
            return redirect("events:manage_registrations", pk=pk)
    return render(
        request,
        "events/manage/add.html",
        {"event": event, "form": form, "breadcrumbs": _crumbs(event, "Persoon toevoegen")},
    )


@allowed_if(can_manage_events)
@require_POST
def manage_promote(request, pk: int, reg_pk: int):
    registration = get_object_or_404(Registration, pk=reg_pk, event_id=pk)
    try:
        services.waitlist_promote(registration_id=registration.pk, actor=request.user)
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request, f"{registration.name} is van de wachtlijst gehaald en krijgt bericht."
        )
    return redirect("events:manage_registrations", pk=pk)


@allowed_if(can_manage_events)
def manage_cancel_registration(request, pk: int, reg_pk: int):
    """Cancelling one person's registration asks first: GET says what will happen (a mail to
    the person, a place for the waiting list), POST cancels."""
    registration = get_object_or_404(
        Registration.objects.select_related("event"), pk=reg_pk, event_id=pk
    )
    back = reverse("events:manage_registrations", args=[pk])
    if registration.status == RegistrationStatus.CANCELLED:
        messages.info(request, f"De aanmelding van {registration.name} was al geannuleerd.")
        return redirect(back)
    if request.method == "POST":
        try:
            services.registration_cancel(registration_id=registration.pk, actor=request.user)
        except ServiceError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, f"De aanmelding van {registration.name} is geannuleerd.")
        return redirect(back)
    event = registration.event
    return render(
        request,
        "events/manage/cancel_registration.html",
        {
            "registration": registration,
            "event": event,
            "waiting": selectors.registration_counts(event)["waitlisted"],
            "back_url": back,
            "breadcrumbs": _crumbs(event, "Aanmelding annuleren"),
        },
    )


# --- check-in -------------------------------------------------------------------------------


@allowed_if(can_check_in)
def checkin(request, pk: int):
    event = get_object_or_404(Event, pk=pk)
    text = request.GET.get("q", "")[:100]
    page = paginate(request, selectors.checkin_people(event, text=text), per_page=50)
    counts = selectors.registration_counts(event)
    context = {
        "event": event,
        "page_obj": page,
        "q": text,
        "present": counts["present"],
        "expected": counts["confirmed"],
        "breadcrumbs": _crumbs(event, "Check-in"),
    }
    if request.htmx:
        return render(request, "events/manage/partials/_checkin_list.html", context)
    return render(request, "events/manage/checkin.html", context)


@allowed_if(can_check_in)
@require_POST
def checkin_mark(request, pk: int, reg_pk: int):
    registration = get_object_or_404(Registration, pk=reg_pk, event_id=pk)
    present = request.POST.get("present", "1") == "1"
    try:
        services.registration_check_in(
            registration_id=registration.pk, actor=request.user, present=present
        )
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        word = "aanwezig" if present else "niet aanwezig"
        messages.success(request, f"{registration.name} staat op {word}.")
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        back = reverse("events:checkin", args=[pk])
    return redirect(back)


@allowed_if(can_check_in)
def checkin_person(request, token: str):
    """The page the QR code in the confirmation mail opens (for staff at the door)."""
    try:
        reg_id = tokens.registration_id_from_checkin_token(token)
    except ServiceError as error:
        return render(request, "events/link_refused.html", {"message": error.message}, status=403)
    registration = get_object_or_404(Registration.objects.select_related("event"), pk=reg_id)
    return render(
        request,
        "events/manage/checkin_person.html",
        {
            "registration": registration,
            "event": registration.event,
            "breadcrumbs": _crumbs(registration.event, "Check-in"),
        },
    )


@allowed_if(can_manage_events)
def manage_feedback(request, pk: int):
    event = get_object_or_404(Event, pk=pk)
    if request.method == "POST":
        sent = services.feedback_request_event(event=event, actor=request.user)
        messages.success(request, f"Het feedbackformulier is naar {sent} deelnemers gestuurd.")
        return redirect("events:manage_feedback", pk=pk)
    return render(
        request,
        "events/manage/feedback.html",
        {
            "event": event,
            "results": selectors.feedback_results(event),
            "rating_headers": ["Waardering", "Aantal"],
            "breadcrumbs": _crumbs(event, "Feedback"),
        },
    )
