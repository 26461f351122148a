"""Every URL pattern (the resolver walked, api and Django admin included) requested with GET by
every role, with path parameters filled from real objects: no 500 ever, and pages of the team,
of coordinators, of logged-in users and of Django admin refuse whoever may not see them.

A new URL pattern fails this test until it has a line in ``ACCESS`` (or matches a rule in
``RULES``): say who may open it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from ontmoetingen.accounts.roles import Role
from ontmoetingen.accounts.tests.factories import UserFactory
from ontmoetingen.api.services import token_create
from ontmoetingen.coalitions.models import Invitation as PartnerInvitation
from ontmoetingen.coalitions.tests.factories import CoalitionFactory
from ontmoetingen.core.models import Theme
from ontmoetingen.directory.tests.factories import OrganisationFactory
from ontmoetingen.encounters.models import AbuseReport, Invitation
from ontmoetingen.encounters.tests.factories import IntroductionFactory, ProfessionalFactory
from ontmoetingen.events.tests.factories import EventFactory, RegistrationFactory, SessionFactory
from ontmoetingen.glossary.tests.factories import TermFactory
from ontmoetingen.newsletter.models import Digest
from ontmoetingen.questions.tests.factories import ProposalFactory, QuestionFactory
from ontmoetingen.toolkit.tests.factories import ResourceFactory
from ontmoetingen.tracks.models import Recording
from ontmoetingen.tracks.tests.factories import ActionFactory, VisitFactory

ROLES = ("anonymous", "professional", "coordinator", "partner", "team", "superuser")

# Who may open a page (GET). Every class says which roles must be refused; all roles must get
# an answer below 500.
PUBLIC = "public"  # anyone
LOGIN = "login"  # any logged-in user; anonymous to the login page
TEAM = "team"  # project team (and superusers) only
COORDINATOR = "coordinator"  # the coordinators of that coalition and the team
OWNER = "owner"  # the logged-in user's own object: others 403/404
ADMIN = "admin"  # Django admin: superusers (staff) only
LINK = "link"  # a signed link; filled with a forged token, which everyone must see refused
POST = "post"  # POST only: GET is 405 (or the login page for anonymous)

# a GET that a POST-only view answers with 405 shows and changes nothing: a refusal too
REFUSED = {403, 404, 405}
LINK_REFUSED = {400, 403, 404, 405, 410}


@dataclass(frozen=True)
class Expect:
    refuse: tuple[str, ...]  # roles that must be refused
    refused_statuses: frozenset[int] = frozenset(REFUSED)


EXPECTATIONS = {
    PUBLIC: Expect(()),
    LOGIN: Expect(("anonymous",)),
    TEAM: Expect(("anonymous", "professional", "coordinator", "partner")),
    COORDINATOR: Expect(("anonymous", "professional", "coordinator", "partner")),
    OWNER: Expect(("anonymous",)),
    ADMIN: Expect(("anonymous", "professional", "coordinator", "partner", "team")),
    LINK: Expect(ROLES, frozenset(LINK_REFUSED)),
    POST: Expect(ROLES, frozenset({405})),
}

# url name (namespace:name) -> who may open it
ACCESS = {
    # core
    "core:home": PUBLIC,
    "core:about": PUBLIC,
    "core:privacy": PUBLIC,
    "core:accessibility": PUBLIC,
    "core:backoffice": TEAM,
    "core:failed_mails": TEAM,
    "core:processing_register": TEAM,
    "core:avg_request": TEAM,
    "core:healthz": PUBLIC,
    "core:robots": PUBLIC,
    # accounts
    "accounts:login": PUBLIC,
    "accounts:logout": PUBLIC,
    "accounts:password_reset": PUBLIC,
    "accounts:password_reset_done": PUBLIC,
    "accounts:password_reset_confirm": PUBLIC,  # an invalid link renders "link not valid"
    "accounts:password_reset_complete": PUBLIC,
    "accounts:signup": PUBLIC,
    "accounts:signup_sent": PUBLIC,
    "accounts:signup_verify": LINK,
    "accounts:mine": LOGIN,
    "accounts:data_export": LOGIN,
    "accounts:account_delete": LOGIN,
    "accounts:account_delete_cancel": LOGIN,
    "accounts:mfa_codes": LOGIN,
    "accounts:mfa_codes_download": LOGIN,
    "accounts:mfa_setup": LOGIN,
    "accounts:mfa_verify": LOGIN,
    "accounts:name_change": LOGIN,
    "accounts:password_change": LOGIN,
    # regions, directory
    "regions:list": PUBLIC,
    "regions:detail": PUBLIC,
    "directory:list": PUBLIC,
    "directory:detail": PUBLIC,
    "directory:manage": TEAM,
    "directory:create": TEAM,
    "directory:edit": TEAM,
    "directory:import": TEAM,
    # coalitions (the coalition is coordinated by someone else than the coordinator role)
    "coalitions:list": PUBLIC,
    "coalitions:detail": PUBLIC,
    "coalitions:edit": COORDINATOR,
    "coalitions:status": COORDINATOR,
    "coalitions:status_confirm": COORDINATOR,
    "coalitions:partners": COORDINATOR,
    "coalitions:invite": COORDINATOR,
    "coalitions:settings": COORDINATOR,
    "coalitions:invitation": LINK,
    "coalitions:invitation_withdraw": COORDINATOR,
    "coalitions:manage": TEAM,
    "coalitions:create": TEAM,
    "coalitions:log": TEAM,
    # monitor
    "monitor:index": PUBLIC,
    "monitor:table": PUBLIC,
    "monitor:export_csv": PUBLIC,
    "monitor:export_xlsx": PUBLIC,
    "monitor:outreach": PUBLIC,
    "monitor:outreach_csv": PUBLIC,
    # events
    "events:list": PUBLIC,
    "events:feed": PUBLIC,
    "events:registration": LINK,
    "events:cancel": LINK,
    "events:feedback": LINK,
    "events:erase": LINK,
    "events:detail": PUBLIC,
    "events:register": PUBLIC,
    "events:ics": PUBLIC,
    "events:cancel_mine": POST,
    "events:manage_list": TEAM,
    "events:manage_create": TEAM,
    "events:manage_registrations": TEAM,
    "events:manage_edit": TEAM,
    "events:manage_publish": TEAM,
    "events:manage_cancel": TEAM,
    "events:manage_export": TEAM,
    "events:manage_add": TEAM,
    "events:manage_promote": TEAM,
    "events:manage_cancel_registration": TEAM,
    "events:checkin": TEAM,
    "events:checkin_mark": TEAM,
    "events:checkin_person": LINK,  # the team's QR link; a forged one is refused to all
    "events:manage_feedback": TEAM,
    "events:preferences_edit": LINK,
    "events:workshop_switch": LINK,
    "events:networking_opt_out": LINK,
    "events:manage_programme": TEAM,
    "events:manage_programme_run": TEAM,
    "events:manage_programme_publish": TEAM,
    "events:manage_workshop_list": TEAM,
    "events:manage_workshop_export": TEAM,
    "events:manage_networking": TEAM,
    "events:manage_networking_generate": TEAM,
    "events:manage_networking_pair": TEAM,
    "events:manage_networking_tables": TEAM,
    "events:manage_networking_cards": TEAM,
    # toolkit
    "toolkit:list": PUBLIC,
    "toolkit:propose": LOGIN,
    "toolkit:feed": PUBLIC,
    "toolkit:moderation": TEAM,
    "toolkit:moderate": TEAM,
    "toolkit:manage": TEAM,
    "toolkit:manage_create": TEAM,
    "toolkit:manage_edit": TEAM,
    "toolkit:manage_publish": TEAM,
    "toolkit:manage_delete": TEAM,
    "toolkit:detail": PUBLIC,
    "toolkit:side_by_side": PUBLIC,
    "toolkit:download": PUBLIC,
    # glossary
    "glossary:list": PUBLIC,
    "glossary:detail": PUBLIC,
    "glossary:manage": TEAM,
    "glossary:manage_create": TEAM,
    "glossary:manage_edit": TEAM,
    "glossary:manage_delete": TEAM,
    # questions
    "questions:faq": PUBLIC,
    "questions:new": PUBLIC,
    "questions:sent": PUBLIC,
    "questions:faq_detail": PUBLIC,
    "questions:status": LINK,
    "questions:proposals": PUBLIC,
    "questions:proposal_new": LOGIN,
    "questions:vote": POST,
    "questions:take_up": TEAM,
    "questions:triage": TEAM,
    "questions:triage_detail": TEAM,
    "questions:themes": TEAM,
    "questions:theme_create": TEAM,
    "questions:theme_edit": TEAM,
    "questions:theme_toggle": TEAM,
    "questions:signals": PUBLIC,
    "questions:signals_csv": PUBLIC,
    # encounters
    "encounters:directory": LOGIN,
    "encounters:profile": LOGIN,
    "encounters:introduce": LOGIN,
    "encounters:block": POST,
    "encounters:report": LOGIN,
    "encounters:profile_edit": LOGIN,
    "encounters:profile_publish": LOGIN,
    "encounters:profile_unpublish": LOGIN,
    "encounters:profile_delete": LOGIN,
    "encounters:introductions": LOGIN,
    "encounters:introduction_answer": OWNER,
    "encounters:suggestions": LOGIN,
    "encounters:attendee_list": PUBLIC,
    "encounters:invite": LOGIN,
    "encounters:invitation": LINK,
    "encounters:invitation_action": POST,
    "encounters:people": TEAM,
    "encounters:person": TEAM,
    "encounters:reports": TEAM,
    "encounters:report_handled": TEAM,
    # tracks
    "tracks:reach": PUBLIC,
    "tracks:reach_csv": PUBLIC,
    "tracks:reach_xlsx": PUBLIC,
    "tracks:tour": PUBLIC,
    "tracks:visit": PUBLIC,
    "tracks:action_status": LOGIN,
    "tracks:manage_visits": TEAM,
    "tracks:visit_create": TEAM,
    "tracks:visit_edit": TEAM,
    "tracks:report_edit": TEAM,
    "tracks:action_create": TEAM,
    "tracks:action_edit": TEAM,
    "tracks:recordings": TEAM,
    "tracks:recording_remove": TEAM,
    "tracks:report": TEAM,
    "tracks:report_pdf": TEAM,
    "tracks:report_xlsx": TEAM,
    # newsletter
    "newsletter:subscribe": PUBLIC,
    "newsletter:confirm": LINK,
    "newsletter:unsubscribe": LINK,
    "newsletter:manage": TEAM,
    "newsletter:digest": TEAM,
    "newsletter:digest_send": TEAM,
    # api: the read API is public; token management is the team's
    "api:tokens": TEAM,
    "api:token_revoke": TEAM,
    "api-v1:event_publish": POST,
}

# patterns without a line in ACCESS that a rule covers: (regex on "name route", class)
RULES = [
    (re.compile(r"^admin:(login|logout)$"), PUBLIC),
    (re.compile(r"^admin:"), ADMIN),
    (re.compile(r"^api-v1:"), PUBLIC),
]


def _walk(patterns, prefix: str = "", namespace: str = ""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}:{pattern.name or ''}" if namespace else pattern.name or ""
            yield prefix + str(pattern.pattern), name, pattern


def all_patterns() -> list[tuple[str, str]]:
    """(route, name) of every URL pattern, once each."""
    seen, found = set(), []
    for route, name, _pattern in _walk(get_resolver().url_patterns):
        if (route, name) not in seen:
            seen.add((route, name))
            found.append((route, name))
    return found


def access_of(name: str) -> str | None:
    if name in ACCESS:
        return ACCESS[name]
    for regex, access in RULES:
        if regex.search(name):
            return access
    return None


PARAM = re.compile(r"<(?:(\w+):)?(\w+)>|\(\?P<(\w+)>[^)]*\)")


class World:
    """The objects path parameters are filled with, and one user per role."""

    def __init__(self, regions):
        self.users = {
            "anonymous": None,
            "professional": ProfessionalFactory().user,
            "coordinator": UserFactory(coordinator=True),
            "partner": UserFactory(partner=True),
            "team": UserFactory(project_team=True),
            "superuser": UserFactory(is_superuser=True, is_staff=True),
        }
        owner = ProfessionalFactory().user
        CoalitionFactory().coordinators.add(self.users["coordinator"])  # not the one requested
        self.coalition = CoalitionFactory()
        self.coalition.coordinators.add(UserFactory(coordinator=True))
        self.organisation = OrganisationFactory()
        self.event = EventFactory()
        self.session = SessionFactory(event=self.event)
        self.registration = RegistrationFactory(event=self.event, user=owner)
        self.resource = ResourceFactory()
        self.term = TermFactory()
        self.question = QuestionFactory(published=True)
        self.proposal = ProposalFactory()
        self.theme = Theme.objects.create(name="Matrixthema", slug="matrixthema")
        self.visit = VisitFactory()
        self.action = ActionFactory(visit=self.visit, owner_coalition=self.coalition)
        self.recording = Recording.objects.create(event=self.event, resource=self.resource)
        today = timezone.localdate()
        self.digest = Digest.objects.create(
            subject="Matrix", period_start=today - timedelta(days=30), period_end=today
        )
        self.api_token, _secret = token_create(name="Matrix", user=owner, actor=None)
        self.introduction = IntroductionFactory(
            requester=self.users["professional"], recipient=owner
        )
        self.invitation = Invitation.objects.create(
            email="matrix@voorbeeld.nl",
            role=Role.PARTNER,
            key="m" * 32,
            invited_by=self.users["team"],
            expires_at=timezone.now() + timedelta(days=14),
        )
        self.report = AbuseReport.objects.create(
            reporter=self.users["professional"], reported=owner, text="Matrix"
        )
        self.partner_invitation = PartnerInvitation.objects.create(
            coalition=self.coalition,
            organisation=self.organisation,
            email="partner-uitnodiging@voorbeeld.nl",
            invited_by=self.users["team"],
        )
        self.owner = owner
        self.municipality = regions_code(regions)

    def value(self, name: str, param: str) -> str:
        """A real value for parameter ``param`` of URL ``name``."""
        area = name.split(":", maxsplit=1)[0]
        special = {
            "code": self.municipality,
            "fmt": "csv",
            "answer": "accepteren",
            "action": "intrekken",
            "organisation_pk": self.organisation.pk,
            "reg_pk": self.registration.pk,
            "invitation_pk": self.partner_invitation.pk,
            "session_pk": self.session.pk,
            "visit_pk": self.visit.pk,
            "coalition_id": self.coalition.pk,
            "content_type_id": "1",
            "object_id": "1",
            "id": self.owner.pk,
            "uidb64": "MQ",
            "app_label": "core",
            "url": "bestaat-niet/",
            "token": "ongeldig-token",
        }
        if param in special:
            return str(special[param])
        if param == "slug":
            return {"toolkit": self.resource.slug, "glossary": self.term.slug}.get(
                area, self.event.slug
            )
        if param == "pk":
            return str(self._pk(name, area))
        raise AssertionError(f"{name}: no value for <{param}>: add it to World.value")

    def _pk(self, name: str, area: str) -> int:
        by_name = {
            "questions:faq_detail": self.question.pk,
            "questions:triage_detail": self.question.pk,
            "questions:vote": self.proposal.pk,
            "questions:take_up": self.proposal.pk,
            "questions:theme_edit": self.theme.pk,
            "questions:theme_toggle": self.theme.pk,
            "encounters:profile": self.owner.professional.pk,
            "encounters:introduce": self.owner.professional.pk,
            "encounters:block": self.owner.professional.pk,
            "encounters:report": self.owner.professional.pk,
            "encounters:introduction_answer": self.introduction.pk,
            "encounters:invitation_action": self.invitation.pk,
            "encounters:person": self.owner.pk,
            "encounters:report_handled": self.report.pk,
            "events:cancel_mine": self.registration.pk,
            "tracks:action_status": self.action.pk,
            "tracks:action_edit": self.action.pk,
            "tracks:recording_remove": self.recording.pk,
        }
        by_area = {
            "coalitions": self.coalition.pk,
            "directory": self.organisation.pk,
            "events": self.event.pk,
            "toolkit": self.resource.pk,
            "glossary": self.term.pk,
            "tracks": self.visit.pk,
            "newsletter": self.digest.pk,
            "api": self.api_token.pk,
            "admin": self.owner.pk,  # extra admin views (e.g. a TOTP device's QR code)
        }
        if name in by_name:
            return by_name[name]
        if area in by_area:
            return by_area[area]
        raise AssertionError(f"{name}: no object for <pk>: add it to World._pk")


def regions_code(regions) -> str:
    from ontmoetingen.regions.models import Municipality

    return Municipality.objects.filter(active=True).values_list("code", flat=True).first()


def fill(route: str, name: str, world: World) -> str:
    """The route with every parameter replaced by a real value (regex and path syntax)."""

    def value(match):
        param = match.group(2) or match.group(3)
        return world.value(name, param)

    path = PARAM.sub(value, route)
    return "/" + path.replace("^", "").replace("$", "").replace("\\", "")


def test_every_url_pattern_has_an_expectation():
    missing = sorted(
        f"{name or '(zonder naam)'} {route}"
        for route, name in all_patterns()
        if access_of(name) is None
    )
    assert missing == [], "Nieuwe URL's zonder regel in ACCESS: " + ", ".join(missing)


def _check(status: int, location: str, access: str, role: str) -> str | None:
    """What is wrong with this answer, or None."""
    if status >= 500:
        return f"{status}"
    expect = EXPECTATIONS[access]
    if role not in expect.refuse:
        # (Django admin is read-only where a service owns the rule: add/delete are 403)
        if access in (TEAM, COORDINATOR) and status == 403:
            return "403 voor wie toegang heeft"
        return None
    if role == "anonymous" and status == 302:
        return None if ("inloggen" in location or "login" in location) else "302 " + location
    if access == ADMIN and status == 302:
        return None if "login" in location else "302 " + location
    if status not in expect.refused_statuses:
        return f"{status} (verwacht {sorted(expect.refused_statuses)})"
    return None


GET_FORM = re.compile(r"<form\b[^>]*method=\"get\"[^>]*>.*?</form>", re.S | re.I)


def _text_problem(response) -> str | None:
    """What a user would notice in the words of a page (issue 12 §22), or None."""
    if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
        return None
    html = response.content.decode()
    if any("niet verplicht" in form for form in GET_FORM.findall(html)):
        return 'filter met "(niet verplicht)"'
    return None


@pytest.mark.django_db
def test_every_url_for_every_role(regions, settings):
    settings.DEBUG_PROPAGATE_EXCEPTIONS = False
    world = World(regions)
    clients = {}
    for role, user in world.users.items():
        client = Client(raise_request_exception=False)
        if user is not None:
            client.force_login(user)
        clients[role] = client
    problems = []
    for route, name in all_patterns():
        access = access_of(name)
        url = fill(route, name, world)
        for role in ROLES:
            response = clients[role].get(url)
            problem = _check(
                response.status_code, response.get("Location", ""), access, role
            ) or _text_problem(response)
            if problem:
                problems.append(f"{role:12} GET {url} ({name}, {access}): {problem}")
    assert problems == [], f"{len(problems)} problems:\n" + "\n".join(problems)


def _real_links(world: World) -> dict[str, str]:
    """A valid signed value for every LINK pattern (the forged ones are tested above)."""
    from ontmoetingen.accounts.services import signup_token
    from ontmoetingen.coalitions.services import invitation_token as partner_token
    from ontmoetingen.encounters.invitations import invitation_token
    from ontmoetingen.events import tokens
    from ontmoetingen.newsletter.models import Subscriber

    registration = tokens.registration_token(world.registration.pk)
    subscriber = Subscriber.objects.create(email="matrix-abonnee@voorbeeld.nl")
    partner = PartnerInvitation.objects.create(
        coalition=world.coalition,
        organisation=world.organisation,
        email="partner-matrix@voorbeeld.nl",
        invited_by=world.users["team"],
    )
    return {
        "accounts:signup_verify": signup_token(UserFactory(is_active=False)),
        "coalitions:invitation": partner_token(partner),
        "events:registration": registration,
        "events:cancel": registration,
        "events:feedback": registration,
        "events:erase": registration,
        "events:preferences_edit": registration,
        "events:workshop_switch": registration,
        "events:networking_opt_out": registration,
        "events:checkin_person": tokens.checkin_token(world.registration.pk),
        "questions:status": world.question.token,
        "newsletter:confirm": subscriber.token,
        "newsletter:unsubscribe": subscriber.token,
        "encounters:invitation": invitation_token(world.invitation),
    }


@pytest.mark.django_db
def test_signed_links_with_a_valid_token_answer_without_error(regions):
    world = World(regions)
    links = _real_links(world)
    link_patterns = [(r, n) for r, n in all_patterns() if access_of(n) == LINK]
    assert sorted(n for _r, n in link_patterns) == sorted(links), "a LINK pattern lacks a token"
    team = Client(raise_request_exception=False)
    team.force_login(world.users["team"])
    problems = []
    for route, name in link_patterns:
        url = PARAM.sub(lambda m, name=name: links[name], route)
        for who, client in (("anonymous", Client(raise_request_exception=False)), ("team", team)):
            status = client.get("/" + url).status_code
            if status >= 500 or (
                status == 403 and who == "anonymous" and name != ("events:checkin_person")
            ):
                problems.append(f"{who} GET /{url} ({name}): {status}")
    assert problems == []
    registration = Client().get(
        "/" + PARAM.sub(links["events:registration"], "agenda/aanmelding/<str:token>/")
    )
    assert registration.status_code == 200
