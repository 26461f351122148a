"""Public pages: ask a question, follow its status, the FAQ, and theme proposals."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from ontmoetingen.core import ratelimit
from ontmoetingen.core.errors import ServiceError
from ontmoetingen.core.http import client_ip
from ontmoetingen.core.models import Theme
from ontmoetingen.core.paging import paginate
from ontmoetingen.core.permissions import allowed_if
from ontmoetingen.questions import permissions, selectors, services
from ontmoetingen.questions.forms import ProposalForm, QuestionForm
from ontmoetingen.questions.models import Question, ThemeProposal

FAQ_CRUMB = {"label": "Vragen", "url": "/vragen/"}
PROPOSALS_CRUMB = {"label": "Thema's", "url": "/themas/"}


# --- FAQ ---------------------------------------------------------------------------------------


def faq_list(request):
    text = request.GET.get("q", "").strip()[:100]
    theme = Theme.objects.active().filter(slug=request.GET.get("thema", "")).first()
    page = paginate(request, selectors.faq_search(text=text, theme=theme))
    context = {
        "page_obj": page,
        "q": text,
        "theme": theme,
        "theme_counts": selectors.faq_theme_counts(text=text),
        "active_nav": "vragen",
        "breadcrumbs": [{"label": "Vragen"}],
    }
    if request.htmx:
        return render(request, "questions/partials/_faq_results.html", context)
    return render(request, "questions/faq_list.html", context)


def faq_detail(request, pk: int):
    try:
        question = selectors.faq_get(pk)
    except Question.DoesNotExist as exc:
        raise Http404("Deze vraag is niet (meer) gepubliceerd.") from exc
    return render(
        request,
        "questions/faq_detail.html",
        {
            "question": question,
            "active_nav": "vragen",
            "breadcrumbs": [FAQ_CRUMB, {"label": question.faq_title}],
        },
    )


# --- asking ------------------------------------------------------------------------------------


def _initial_for(user) -> dict:
    if not user.is_authenticated:
        return {}
    defaults = selectors.sender_defaults(user)
    return {
        "name": user.full_name,
        "email": user.email,
        "domain": defaults.get("domain", ""),
        "municipality": defaults.get("municipality", ""),
    }


def question_new(request):
    form = QuestionForm(request.POST or None, initial=_initial_for(request.user))
    if request.method == "POST":
        # A bot filled the hidden field: act as if all went well, store and send nothing.
        if request.POST.get("website"):
            return redirect("questions:sent")
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.question_create(
                    kind=data["kind"],
                    domain=data["domain"],
                    municipality=data["municipality"],
                    theme=data["theme"],
                    text=data["text"],
                    name=data["name"],
                    email=data["email"],
                    user=request.user,
                    ip_address=client_ip(request),
                )
            except ServiceError as error:
                error.add_to_form(form)
            else:
                return redirect("questions:sent")
    return render(
        request,
        "questions/question_new.html",
        {
            "form": form,
            "active_nav": "vragen",
            "breadcrumbs": [FAQ_CRUMB, {"label": "Vraag stellen"}],
        },
    )


def question_sent(request):
    return render(
        request,
        "questions/question_sent.html",
        {"active_nav": "vragen", "breadcrumbs": [FAQ_CRUMB, {"label": "Verstuurd"}]},
    )


def question_status(request, token: str):
    """The asker's private page: status and answer, nothing of the team's internal work."""
    try:
        question = selectors.question_by_token(token)
    except Question.DoesNotExist as exc:
        raise Http404("Onbekende statuslink.") from exc
    response = render(
        request,
        "questions/question_status.html",
        {
            "question": question,
            "active_nav": "vragen",
            "breadcrumbs": [FAQ_CRUMB, {"label": "Status van uw vraag"}],
        },
    )
    response["X-Robots-Tag"] = "noindex"
    response["Referrer-Policy"] = "no-referrer"
    return response


# --- theme proposals ---------------------------------------------------------------------------


def proposal_list(request):
    purpose = request.GET.get("doel", "")
    if purpose not in ThemeProposal.Purpose.values:
        purpose = ""
    status = request.GET.get("status", "")
    if status not in ThemeProposal.Status.values:
        status = ""
    sort = request.GET.get("sorteer", "stemmen")
    if sort not in selectors.PROPOSAL_SORTS:
        sort = "stemmen"
    queryset = selectors.proposals_list(
        purpose=purpose, status=status, sort=sort, user=request.user
    )
    counts = selectors.purpose_counts()
    context = {
        "page_obj": paginate(request, queryset),
        "purpose": purpose,
        "status": status,
        "sort": sort,
        "purposes": [
            {"value": value, "label": label, "count": counts.get(value, 0)}
            for value, label in ThemeProposal.Purpose.choices
        ],
        "statuses": ThemeProposal.Status.choices,
        "can_propose": permissions.can_propose(request.user),
        "can_vote": permissions.can_vote(request.user),
        "can_take_up": permissions.can_take_up(request.user),
        "active_nav": "vragen",
        "breadcrumbs": [{"label": "Thema's"}],
    }
    if request.htmx:
        return render(request, "questions/partials/_proposal_results.html", context)
    return render(request, "questions/proposal_list.html", context)


@allowed_if(permissions.can_propose)
def proposal_new(request):
    form = ProposalForm(request.POST or None, initial=_initial_for(request.user))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        account = ratelimit.account(request)
        ratelimit.enforce(("theme_proposal_hour", account), ("theme_proposal_day", account))
        try:
            proposal = services.proposal_create(proposer=request.user, **data)
        except ServiceError as error:
            error.add_to_form(form)
        else:
            messages.success(request, "Dank u! Uw themavoorstel staat nu open voor stemmen.")
            return redirect(
                f"{reverse('questions:proposals')}?sorteer=nieuw#voorstel-{proposal.pk}"
            )
    return render(
        request,
        "questions/proposal_new.html",
        {
            "form": form,
            "active_nav": "vragen",
            "breadcrumbs": [PROPOSALS_CRUMB, {"label": "Thema voorstellen"}],
        },
    )


@require_POST
@allowed_if(permissions.can_vote)
def proposal_vote(request, pk: int):
    try:
        proposal = ThemeProposal.objects.get(pk=pk)
    except ThemeProposal.DoesNotExist as exc:
        raise Http404 from exc
    error = None
    try:
        if request.POST.get("action") == "remove":
            services.vote_remove(proposal=proposal, user=request.user)
            notice = "Uw stem is ingetrokken."
        else:
            services.vote_add(proposal=proposal, user=request.user)
            notice = "Uw stem is geteld."
    except ServiceError as exc:
        error, notice = exc.message, ""
    if request.htmx:
        proposal = selectors.proposal_with_votes(pk, user=request.user)
        return render(
            request,
            "questions/partials/_vote.html",
            {"proposal": proposal, "can_vote": True, "notice": notice, "error": error},
        )
    if error:
        messages.error(request, error)
    else:
        messages.success(request, notice)
    back = request.POST.get("next", "")
    if not back.startswith("/themas/"):
        back = reverse("questions:proposals")
    return redirect(f"{back}#voorstel-{pk}")
