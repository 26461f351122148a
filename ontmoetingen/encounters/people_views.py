"""Invitations (sending and accepting) and the project team's people overview."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from ontmoetingen.accounts.mfa import mfa_device, mfa_reset
from ontmoetingen.accounts.models import User
from ontmoetingen.accounts.permissions import is_project_team
from ontmoetingen.coalitions.models import Coalition
from ontmoetingen.core.errors import ServiceError
from ontmoetingen.core.paging import paginate
from ontmoetingen.core.permissions import allowed_if
from ontmoetingen.encounters import invitations, selectors, services
from ontmoetingen.encounters.forms import (
    AcceptInvitationForm,
    InviteForm,
    PeopleFilterForm,
    RolesForm,
)
from ontmoetingen.encounters.models import AbuseReport, Invitation
from ontmoetingen.encounters.permissions import (
    can_invite,
    can_manage_people,
    can_withdraw_invitation,
    invitable_roles,
)

BACKOFFICE_CRUMB = {"label": "Beheer", "url": "/beheer/"}
PEOPLE_CRUMB = {"label": "Mensen", "url": "/beheer/mensen/"}


def _invitable_coalitions(user):
    if is_project_team(user):
        return Coalition.objects.active().only("id", "name").order_by("name")
    return Coalition.objects.filter(coordinators=user).only("id", "name").order_by("name")


@allowed_if(can_invite)
def invite(request):
    """The team invites with any role; a coordinator invites members of their own coalition."""
    coalitions = _invitable_coalitions(request.user)
    form = InviteForm(
        request.POST or None, roles=invitable_roles(request.user), coalitions=coalitions
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if not is_project_team(request.user) and data["coalition"] is None:
            form.add_error("coalition", "Kies de coalitie waarvoor u deze persoon uitnodigt.")
        else:
            try:
                invitation = invitations.invitation_create(
                    email=data["email"],
                    full_name=data["full_name"],
                    role=data["role"],
                    coalition=data["coalition"],
                    message=data["message"],
                    actor=request.user,
                )
            except ServiceError as error:
                error.add_to_form(form)
            else:
                messages.success(request, f"De uitnodiging is verstuurd naar {invitation.email}.")
                return redirect("encounters:invite")
    context = {
        "form": form,
        "sent": selectors.invitations_sent_by(request.user)[:50],
        "breadcrumbs": [{"label": "Mijn pagina", "url": "/mijn/"}, {"label": "Uitnodigen"}],
    }
    return render(request, "encounters/invite.html", context)


def invitation_accept(request, token: str):
    """The link from the invitation mail. Each state that stops it gets its own clear page."""
    try:
        invitation = invitations.invitation_from_token(token)
        invitations.invitation_check(invitation, request.user)
    except ServiceError as error:
        return render(
            request,
            "encounters/invitation_state.html",
            {"error": error, "breadcrumbs": [{"label": "Uitnodiging"}]},
            status=410 if error.code != "wrong_user" else 403,
        )
    existing = User.objects.filter(email__iexact=invitation.email).exists()
    form = None
    if not request.user.is_authenticated and not existing:
        form = AcceptInvitationForm(
            request.POST or None,
            email=invitation.email,
            initial={"full_name": invitation.full_name},
        )
    if request.method == "POST" and (form is None or form.is_valid()):
        try:
            user = invitations.invitation_accept(
                invitation=invitation,
                user=request.user if request.user.is_authenticated else None,
                full_name=form.cleaned_data["full_name"] if form else "",
                password=form.cleaned_data["password1"] if form else "",
            )
        except ServiceError as error:
            if form is None:
                messages.error(request, error.message)
                return redirect(request.path)
            error.add_to_form(form)
        else:
            if not request.user.is_authenticated:
                login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, "Welkom! Uw uitnodiging is geaccepteerd.")
            return redirect("accounts:mine")
    context = {
        "invitation": invitation,
        "form": form,
        "login_first": existing and not request.user.is_authenticated,
        "breadcrumbs": [{"label": "Uitnodiging"}],
    }
    return render(request, "encounters/invitation_accept.html", context)


@require_POST
@allowed_if(can_invite)
def invitation_action(request, pk: int, action: str):
    invitation = get_object_or_404(Invitation, pk=pk)
    if not can_withdraw_invitation(request.user, invitation):
        raise PermissionDenied
    try:
        if action == "intrekken":
            invitations.invitation_withdraw(invitation=invitation, actor=request.user)
            messages.success(request, f"De uitnodiging aan {invitation.email} is ingetrokken.")
        elif action == "opnieuw":
            invitations.invitation_resend(invitation=invitation, actor=request.user)
            messages.success(
                request, f"De uitnodiging is opnieuw verstuurd naar {invitation.email}."
            )
        else:
            raise Http404
    except ServiceError as error:
        messages.error(request, error.message)
    back = request.POST.get("next", "")
    return redirect(
        back if back in ("/beheer/mensen/", "/mijn/uitnodigen/") else "encounters:invite"
    )


def _people_filters(request):
    coalitions = Coalition.objects.only("id", "name").order_by("name")
    form = PeopleFilterForm(request.GET or None, coalitions=coalitions)
    filters = selectors.PeopleFilters()
    if form.is_valid():
        data = form.cleaned_data
        filters = selectors.PeopleFilters(
            text=data["q"],
            role=data["role"],
            domain=data["domain"],
            coalition=data["coalition"].pk if data["coalition"] else None,
            inactive=data["inactive"],
        )
    return form, filters


@allowed_if(can_manage_people)
def people(request):
    form, filters = _people_filters(request)
    page_obj = paginate(request, selectors.people_list(filters=filters))
    context = {
        "form": form,
        "page_obj": page_obj,
        "filtered": any(vars(filters).values()),
        "open_invitations": selectors.invitations_open()[:100],
        "breadcrumbs": [BACKOFFICE_CRUMB, {"label": "Mensen"}],
    }
    return render(request, "encounters/people.html", context)


@allowed_if(can_manage_people)
def person(request, pk: int):
    person = get_object_or_404(selectors.people_list(), pk=pk)
    roles_form = RolesForm(
        request.POST if request.POST.get("action") == "roles" else None,
        initial={"roles": sorted(person.role_names)},
    )
    if request.method == "POST":
        try:
            _person_action(request, person, roles_form)
        except ServiceError as error:
            messages.error(request, error.message)
        else:
            if request.POST.get("action") != "roles" or roles_form.is_valid():
                return redirect("encounters:person", pk=person.pk)
    context = {
        "person": person,
        "roles_form": roles_form,
        "profile": getattr(person, "professional", None),
        "has_mfa": mfa_device(person) is not None,
        "invitations": Invitation.objects.filter(email=person.email).select_related("coalition"),
        "breadcrumbs": [
            BACKOFFICE_CRUMB,
            PEOPLE_CRUMB,
            {"label": person.full_name or person.email},
        ],
    }
    return render(request, "encounters/person.html", context)


def _person_action(request, person: User, roles_form: RolesForm) -> None:
    action = request.POST.get("action")
    if action == "roles" and roles_form.is_valid():
        invitations.person_set_roles(
            person=person, roles=roles_form.cleaned_data["roles"], actor=request.user
        )
        messages.success(request, "De rollen zijn opgeslagen. Dit werkt meteen.")
    elif action in ("deactivate", "activate"):
        invitations.person_set_active(
            person=person, active=action == "activate", actor=request.user
        )
        messages.success(
            request,
            "Het account is gedeactiveerd."
            if action == "deactivate"
            else "Het account is weer actief.",
        )
    elif action == "mfa_reset":
        mfa_reset(user=person, actor=request.user)
        messages.success(
            request,
            "De tweestapsverificatie is gewist. Bij het volgende bezoek stelt "
            "deze persoon haar opnieuw in.",
        )


@allowed_if(can_manage_people)
def reports(request):
    context = {
        "page_obj": paginate(request, selectors.abuse_reports()),
        "breadcrumbs": [BACKOFFICE_CRUMB, {"label": "Meldingen van misbruik"}],
    }
    return render(request, "encounters/reports.html", context)


@require_POST
@allowed_if(can_manage_people)
def report_handled(request, pk: int):
    report = get_object_or_404(AbuseReport, pk=pk)
    services.abuse_report_handle(report=report, actor=request.user)
    messages.success(request, "De melding is afgehandeld.")
    return redirect("encounters:reports")
