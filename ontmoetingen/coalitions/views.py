from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from ontmoetingen.coalitions import invitation_answers, permissions, selectors, services
from ontmoetingen.coalitions.forms import (
    CoalitionCreateForm,
    CoalitionRecordForm,
    CoalitionSettingsForm,
    PartnerAddForm,
    PartnerSearchForm,
    StatusForm,
)
from ontmoetingen.coalitions.list_views import filters_from_request
from ontmoetingen.coalitions.models import Coalition
from ontmoetingen.core.audit import audit_entries
from ontmoetingen.core.domain import Domain
from ontmoetingen.core.errors import ServiceError
from ontmoetingen.core.paging import paginate
from ontmoetingen.core.permissions import allowed_if, is_logged_in
from ontmoetingen.directory.models import Organisation
from ontmoetingen.directory.selectors import organisations_search
from ontmoetingen.regions.models import Municipality
from ontmoetingen.regions.selectors import country_map

LIST_CRUMB = {"label": "Coalities", "url": "/coalities/"}
EDITS_SHOWN = 10  # latest edits on the coalition page; the full log is in the back-office
# ?soort= on the change log; the English values are what links before the audit log used
LOG_KINDS = {
    "coalitie": "coalitie",
    "organisatie": "organisatie",
    "coalition": "coalitie",
    "organisation": "organisatie",
}
LOG_MODELS = {"coalitie": Coalition, "organisatie": Organisation}


def _coalition_context(request, coalition: Coalition) -> dict:
    domains = selectors.coalition_domains_at_table(coalition_ids=[coalition.pk])
    can_edit = permissions.can_edit_coalition(request.user, coalition)
    return {
        "coalition": coalition,
        "municipalities": [link.municipality for link in coalition.active_links],
        "table_domains": selectors.domains_text(domains[coalition.pk]),
        "area_map": country_map(
            highlight=Municipality.objects.filter(
                code__in=[link.municipality_id for link in coalition.active_links]
            ).only("code", "name", "shape")
        ),
        "partner_groups": selectors.coalition_partners_by_domain(coalition),
        "history": list(coalition.status_changes.all()),
        "can_edit": can_edit,
        "can_manage": permissions.can_manage_coalitions(request.user),
    }


def coalition_detail(request, pk: int):
    try:
        coalition = selectors.coalition_get(
            pk, queryset=selectors.coalitions_visible_to(request.user)
        )
    except Coalition.DoesNotExist as exc:
        raise Http404("Onbekende coalitie") from exc
    context = _coalition_context(request, coalition)
    if permissions.can_see_missing(request.user, coalition):
        invited = selectors.invitations_sent(coalition)
        missing = selectors.organisations_missing_at_table(coalition)
        for organisations in missing.values():
            for organisation in organisations:
                organisation.invitation = invited.get(organisation.pk)
        context["missing"] = [
            {"value": domain, "label": Domain(domain).label, "organisations": organisations}
            for domain, organisations in missing.items()
        ]
        context["edits"] = list(audit_entries(obj=coalition)[:EDITS_SHOWN])
    context.update(active_nav="coalities", breadcrumbs=[LIST_CRUMB, {"label": coalition.name}])
    return render(request, "coalitions/coalition_detail.html", context)


def _editable(request, pk: int) -> Coalition:
    """The coalition, if this user may edit it; 404 otherwise (no hint that it exists)."""
    return get_object_or_404(selectors.coalitions_editable_by(request.user), pk=pk)


def _edit_crumbs(coalition: Coalition, label: str) -> list[dict]:
    return [
        LIST_CRUMB,
        {"label": coalition.name, "url": coalition.get_absolute_url()},
        {"label": label},
    ]


@allowed_if(is_logged_in)
@require_http_methods(["GET", "POST"])
def coalition_edit(request, pk: int):
    coalition = _editable(request, pk)
    if request.method == "POST":
        form = CoalitionRecordForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.coalition_update(
                    coalition=coalition,
                    actor=request.user,
                    themes=data.pop("themes"),
                    **data,
                )
                messages.success(request, "De gegevens van de coalitie zijn opgeslagen.")
                return redirect(coalition.get_absolute_url())
            except ServiceError as error:
                error.add_to_form(form)
    else:
        form = CoalitionRecordForm(
            initial={
                "action_plan": coalition.action_plan,
                "action_plan_date": coalition.action_plan_date,
                "ambitions": coalition.ambitions,
                "description": coalition.description,
                "themes": list(coalition.themes.all()),
                "contact_name": coalition.contact_name,
                "contact_email": coalition.contact_email,
                "started_on": coalition.started_on,
            }
        )
    context = {
        "coalition": coalition,
        "form": form,
        "tab": "gegevens",
        "active_nav": "coalities",
        "breadcrumbs": _edit_crumbs(coalition, "Bewerken"),
    }
    return render(request, "coalitions/coalition_edit.html", context)


@allowed_if(is_logged_in)
@require_http_methods(["GET", "POST"])
def coalition_status(request, pk: int):
    coalition = _editable(request, pk)
    if request.method == "POST":
        form = StatusForm(request.POST)
        if form.is_valid() and _is_confirmation(coalition, form.cleaned_data):
            services.coalition_status_confirm(coalition=coalition, actor=request.user)
            messages.success(request, "De status is bevestigd: hij klopt nog.")
            return redirect(coalition.get_absolute_url())
        if form.is_valid():
            try:
                services.coalition_change_status(
                    coalition=coalition,
                    status=form.cleaned_data["status"],
                    actor=request.user,
                    note=form.cleaned_data["note"],
                    changed_on=form.cleaned_data["changed_on"],
                )
                messages.success(
                    request, "De status is gewijzigd en vastgelegd in de geschiedenis."
                )
                return redirect(coalition.get_absolute_url())
            except ServiceError as error:
                error.add_to_form(form)
    else:
        form = StatusForm(initial={"status": coalition.status})
    context = {
        "coalition": coalition,
        "form": form,
        "tab": "status",
        "history": coalition.status_changes.select_related("changed_by").order_by(
            "-changed_on", "-id"
        ),
        "active_nav": "coalities",
        "breadcrumbs": _edit_crumbs(coalition, "Status wijzigen"),
    }
    return render(request, "coalitions/coalition_status.html", context)


def _is_confirmation(coalition: Coalition, data: dict) -> bool:
    """The current status submitted again without a new date or note: it still holds."""
    return data["status"] == coalition.status and not data["changed_on"] and not data["note"]


@allowed_if(is_logged_in)
@require_POST
def coalition_status_confirm(request, pk: int):
    """'Klopt dit nog?' answered with yes: the status stays, the record counts as current."""
    coalition = _editable(request, pk)
    services.coalition_status_confirm(coalition=coalition, actor=request.user)
    messages.success(
        request,
        f"Bedankt. De status '{coalition.get_status_display()}' van {coalition.name} is bevestigd.",
    )
    return redirect("accounts:mine")


def _confirm_partner_removal(request, coalition: Coalition, organisation: Organisation):
    """Removing a partner asks first: a page naming the organisation, yes or back."""
    membership = get_object_or_404(coalition.memberships, organisation=organisation)
    context = {
        "coalition": coalition,
        "membership": membership,
        "organisation": organisation,
        "active_nav": "coalities",
        "breadcrumbs": _edit_crumbs(coalition, "Partner verwijderen"),
    }
    return render(request, "coalitions/partner_remove_confirm.html", context)


@allowed_if(is_logged_in)
@require_http_methods(["GET", "POST"])
def coalition_partners(request, pk: int):
    coalition = _editable(request, pk)
    add_form = PartnerAddForm()
    if request.method == "POST":
        organisation = get_object_or_404(Organisation, pk=request.POST.get("organisation") or 0)
        if request.POST.get("action") == "remove" and not request.POST.get("bevestigd"):
            return _confirm_partner_removal(request, coalition, organisation)
        try:
            if request.POST.get("action") == "remove":
                services.membership_remove(
                    coalition=coalition, organisation=organisation, actor=request.user
                )
                messages.success(request, f"{organisation.name} is geen partner meer.")
            else:
                add_form = PartnerAddForm(request.POST)
                if not add_form.is_valid():
                    raise ServiceError("Kies een geldige rol.", field="role")
                services.membership_add(
                    coalition=coalition,
                    organisation=organisation,
                    actor=request.user,
                    role=add_form.cleaned_data["role"],
                )
                messages.success(request, f"{organisation.name} is toegevoegd als partner.")
            return redirect("coalitions:partners", pk=coalition.pk)
        except ServiceError as error:
            messages.error(request, error.message)
            return redirect("coalitions:partners", pk=coalition.pk)
    search_form = PartnerSearchForm(request.GET or None)
    coalition = selectors.coalition_get(coalition.pk)
    partner_ids = [m.organisation_id for m in coalition.memberships.all()]
    results = []
    if search_form.is_valid() and search_form.cleaned_data["q"]:
        results = organisations_search(text=search_form.cleaned_data["q"], exclude_ids=partner_ids)
    context = {
        "coalition": coalition,
        "partner_groups": selectors.coalition_partners_by_domain(coalition),
        "search_form": search_form,
        "results": results,
        "searched": bool(search_form.is_valid() and search_form.cleaned_data["q"]),
        "role_choices": add_form.fields["role"].choices,
        "tab": "partners",
        "active_nav": "coalities",
        "breadcrumbs": _edit_crumbs(coalition, "Partners"),
    }
    return render(request, "coalitions/coalition_partners.html", context)


@allowed_if(is_logged_in)
@require_POST
def coalition_invite(request, pk: int, organisation_pk: int):
    coalition = _editable(request, pk)
    organisation = get_object_or_404(Organisation.objects.active(), pk=organisation_pk)
    try:
        services.invitation_create(
            coalition=coalition,
            organisation=organisation,
            actor=request.user,
            message=request.POST.get("bericht", "")[:2000],
        )
        messages.success(
            request,
            f"{organisation.name} is uitgenodigd. De uitnodiging is gestuurd naar {organisation.contact_email}.",
        )
    except ServiceError as error:
        messages.error(request, error.message)
    return redirect(f"{coalition.get_absolute_url()}#wie-ontbreekt")


@allowed_if(is_logged_in)
@require_POST
def coalition_invitation_withdraw(request, pk: int, invitation_pk: int):
    coalition = _editable(request, pk)
    invitation = get_object_or_404(coalition.invitations.all(), pk=invitation_pk)
    try:
        invitation_answers.invitation_withdraw(invitation=invitation, actor=request.user)
        messages.success(request, "De uitnodiging is ingetrokken; de link werkt niet meer.")
    except ServiceError as error:
        messages.error(request, error.message)
    return redirect(f"{coalition.get_absolute_url()}#wie-ontbreekt")


@require_http_methods(["GET", "POST"])
def invitation_respond(request, token: str):
    try:
        invitation = services.invitation_from_token(token)
    except ServiceError as error:
        return render(
            request,
            "coalitions/invitation.html",
            {"error": error.message, "breadcrumbs": [{"label": "Uitnodiging"}]},
            status=400,
        )
    refusal = invitation_answers.invitation_refusal(invitation)
    if refusal is not None:
        return render(
            request,
            "coalitions/invitation.html",
            {"error": refusal.message, "breadcrumbs": [{"label": "Uitnodiging"}]},
            status=410,
        )
    error = None
    if request.method == "POST":
        try:
            if request.POST.get("antwoord") == "nee":
                invitation_answers.invitation_decline(invitation=invitation)
            else:
                invitation_answers.invitation_accept(invitation=invitation)
        except ServiceError as refused:
            error = refused.message
        invitation.refresh_from_db()
    context = {
        "invitation": invitation,
        "answer_error": error,
        "breadcrumbs": [{"label": "Uitnodiging"}],
    }
    return render(request, "coalitions/invitation.html", context)


# --- project team ---------------------------------------------------------------------------


@allowed_if(permissions.can_manage_coalitions)
def coalition_manage(request):
    form, filters = filters_from_request(request)
    page_obj = paginate(request, selectors.coalitions_list(filters=filters))
    context = {
        "form": form,
        "page_obj": page_obj,
        "breadcrumbs": [{"label": "Beheer", "url": "/beheer/"}, {"label": "Coalities"}],
    }
    return render(request, "coalitions/manage_list.html", context)


@allowed_if(permissions.can_manage_coalitions)
@require_http_methods(["GET", "POST"])
def coalition_create(request):
    if request.method == "POST":
        form = CoalitionCreateForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                coalition = services.coalition_create(
                    name=data["name"],
                    municipalities=data["municipalities"],
                    actor=request.user,
                    status=data["status"],
                    status_since=data["status_since"],
                    coordinators=data["coordinators"],
                )
                messages.success(request, f"Coalitie {coalition.name} is aangemaakt.")
                return redirect(coalition.get_absolute_url())
            except ServiceError as error:
                error.add_to_form(form)
    else:
        form = CoalitionCreateForm()
    context = {
        "form": form,
        "title": "Coalitie toevoegen",
        "breadcrumbs": [
            {"label": "Beheer", "url": "/beheer/"},
            {"label": "Coalities", "url": "/beheer/coalities/"},
            {"label": "Coalitie toevoegen"},
        ],
    }
    return render(request, "coalitions/coalition_settings.html", context)


@allowed_if(permissions.can_manage_coalitions)
@require_http_methods(["GET", "POST"])
def coalition_settings(request, pk: int):
    coalition = get_object_or_404(selectors.coalitions_editable_by(request.user), pk=pk)
    if request.method == "POST":
        form = CoalitionSettingsForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.coalition_settings_update(
                    coalition=coalition,
                    actor=request.user,
                    name=data["name"],
                    municipalities=data["municipalities"],
                    coordinators=data["coordinators"],
                    active=data["active"],
                )
                messages.success(request, "De instellingen van de coalitie zijn opgeslagen.")
                return redirect(coalition.get_absolute_url())
            except ServiceError as error:
                error.add_to_form(form)
    else:
        form = CoalitionSettingsForm(
            initial={
                "name": coalition.name,
                "municipalities": list(
                    coalition.coalition_municipalities.filter(active=True).values_list(
                        "municipality_id", flat=True
                    )
                ),
                "coordinators": list(coalition.coordinators.all()),
                "active": coalition.active,
            }
        )
    context = {
        "form": form,
        "coalition": coalition,
        "title": f"Instellingen van {coalition.name}",
        "tab": "instellingen",
        "breadcrumbs": _edit_crumbs(coalition, "Instellingen"),
    }
    return render(request, "coalitions/coalition_settings.html", context)


@allowed_if(permissions.can_manage_coalitions)
def edit_log(request):
    kind = LOG_KINDS.get(request.GET.get("soort", ""))
    entries = audit_entries(model=LOG_MODELS[kind]) if kind else audit_entries()
    page_obj = paginate(request, entries)
    page_obj.object_list = selectors.with_target_urls(page_obj.object_list)
    context = {
        "page_obj": page_obj,
        "kind": kind or "",
        "breadcrumbs": [{"label": "Beheer", "url": "/beheer/"}, {"label": "Wijzigingenlog"}],
    }
    return render(request, "coalitions/edit_log.html", context)
