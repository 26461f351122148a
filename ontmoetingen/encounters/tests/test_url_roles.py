"""Every new URL by every role, with the status each should get (GET)."""

import pytest
from django.urls import reverse

from ontmoetingen.accounts.roles import Role
from ontmoetingen.accounts.tests.factories import UserFactory
from ontmoetingen.coalitions.tests.factories import CoalitionFactory
from ontmoetingen.encounters.invitations import invitation_create, invitation_token
from ontmoetingen.encounters.tests.factories import ProfessionalFactory

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "professional", "other", "coordinator", "partner", "team"]
LOGIN = 302

# url key → expected status per role, in the order of ROLES
EXPECTED = {
    "directory": [LOGIN, 200, 200, 200, 200, 200],
    "profile": [LOGIN, 200, 200, 200, 200, 200],
    "introduce": [LOGIN, 302, 200, 200, 200, 200],  # the owner is sent back to the profile
    "report": [LOGIN, 200, 200, 200, 200, 200],
    "block": [405, 405, 405, 405, 405, 405],  # POST only
    "profile_edit": [LOGIN, 200, 200, 200, 200, 200],
    "profile_publish": [LOGIN, 200, 302, 302, 302, 302],  # without a profile: to the edit page
    "profile_delete": [LOGIN, 200, 404, 404, 404, 404],
    "introductions": [LOGIN, 200, 200, 200, 200, 200],
    "suggestions": [LOGIN, 200, 200, 200, 200, 200],
    "invite": [LOGIN, 403, 403, 200, 403, 200],
    "invitation": [200, 403, 403, 403, 403, 403],  # for someone else: "wrong account" page
    "invitation_action": [405, 405, 405, 405, 405, 405],
    "people": [LOGIN, 403, 403, 403, 403, 200],
    "person": [LOGIN, 403, 403, 403, 403, 200],
    "reports": [LOGIN, 403, 403, 403, 403, 200],
    "signup": [200, 302, 302, 302, 302, 302],
    "signup_sent": [200, 200, 200, 200, 200, 200],
    "signup_verify": [410, 410, 410, 410, 410, 410],  # a forged link
}


@pytest.fixture
def world(area):
    team = UserFactory(project_team=True)
    coordinator = UserFactory(coordinator=True)
    CoalitionFactory().coordinators.add(coordinator)
    profile = ProfessionalFactory(working_area=[area["Zeist"]])
    invitation = invitation_create(
        email="uitgenodigd@voorbeeld.nl",
        full_name="",
        role=Role.PARTNER,
        coalition=None,
        actor=team,
    )
    users = {
        "anonymous": None,
        "professional": profile.user,
        "other": UserFactory(professional=True),
        "coordinator": coordinator,
        "partner": UserFactory(partner=True),
        "team": team,
    }
    urls = {
        "directory": reverse("encounters:directory"),
        "profile": profile.get_absolute_url(),
        "introduce": reverse("encounters:introduce", args=[profile.pk]),
        "report": reverse("encounters:report", args=[profile.pk]),
        "block": reverse("encounters:block", args=[profile.pk]),
        "profile_edit": reverse("encounters:profile_edit"),
        "profile_publish": reverse("encounters:profile_publish"),
        "profile_delete": reverse("encounters:profile_delete"),
        "introductions": reverse("encounters:introductions"),
        "suggestions": reverse("encounters:suggestions"),
        "invite": reverse("encounters:invite"),
        "invitation": reverse("encounters:invitation", args=[invitation_token(invitation)]),
        "invitation_action": reverse(
            "encounters:invitation_action", args=[invitation.pk, "intrekken"]
        ),
        "people": reverse("encounters:people"),
        "person": reverse("encounters:person", args=[profile.user.pk]),
        "reports": reverse("encounters:reports"),
        "signup": reverse("accounts:signup"),
        "signup_sent": reverse("accounts:signup_sent"),
        "signup_verify": reverse("accounts:signup_verify", args=["vervalst"]),
    }
    return users, urls


def test_every_url_for_every_role(client, world):
    users, urls = world
    failures = []
    for role_index, role in enumerate(ROLES):
        client.logout()
        if users[role] is not None:
            client.force_login(users[role])
        for key, expected in EXPECTED.items():
            status = client.get(urls[key]).status_code
            if status != expected[role_index]:
                failures.append(f"{role} {key}: {status} (verwacht {expected[role_index]})")
    assert not failures, "\n".join(failures)


def test_anonymous_is_sent_to_login_with_next(client, world):
    _, urls = world
    response = client.get(urls["directory"])
    assert response.url.startswith(reverse("accounts:login")) and "next=" in response.url
