"""Demo logins, one per role. Every demo person is fictional and marked "(voorbeeld)"."""

from ontmoetingen.accounts.models import User
from ontmoetingen.accounts.roles import Role
from ontmoetingen.accounts.services import user_create, user_set_roles

DEMO_PASSWORD = "kansrijk-demo-2026"  # noqa: S105 - published demo login
DEMO_USERS = [
    (
        "projectteam@demo.kansrijke-ontmoetingen.nl",
        "Pim Projectteam (voorbeeld)",
        Role.PROJECT_TEAM,
    ),
    (
        "coordinator@demo.kansrijke-ontmoetingen.nl",
        "Carla Coördinator (voorbeeld)",
        Role.COORDINATOR,
    ),
    (
        "professional@demo.kansrijke-ontmoetingen.nl",
        "Vera Verloskundige (voorbeeld)",
        Role.PROFESSIONAL,
    ),
    ("partner@demo.kansrijke-ontmoetingen.nl", "Noor Partner (voorbeeld)", Role.PARTNER),
]


def demo_logins() -> list[tuple[str, str, str]]:
    return [(str(role.label), email, DEMO_PASSWORD) for email, _, role in DEMO_USERS]


def seed(*, scale: str, rng, stdout) -> None:
    for email, name, role in DEMO_USERS:
        user = User.objects.filter(email=email).first()
        if user is None:
            user = user_create(email=email, full_name=name, password=DEMO_PASSWORD, roles=[role])
        else:
            user_set_roles(user=user, roles=[role])
        if role == Role.PROJECT_TEAM and not user.is_staff:
            user.is_staff = True
            user.save(update_fields=["is_staff"])
    stdout.write(f"  accounts: {len(DEMO_USERS)} demo-logins")
