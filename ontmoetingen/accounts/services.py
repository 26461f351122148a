from django.contrib.auth.models import Group
from django.db import transaction

from ontmoetingen.accounts.models import User
from ontmoetingen.accounts.roles import Role


@transaction.atomic
def user_create(
    *, email: str, full_name: str, password: str | None = None, roles: list[Role] = ()
) -> User:
    """Create an account with the given roles; the e-mail address is the login (case-insensitive)."""
    user = User.objects.create_user(email=email, password=password, full_name=full_name)
    if roles:
        user_set_roles(user=user, roles=roles)
    return user


@transaction.atomic
def user_set_roles(*, user: User, roles: list[Role]) -> None:
    """Replace the user's roles (groups); a role group missing after a flush is recreated."""
    user.groups.set([Group.objects.get_or_create(name=str(role))[0] for role in roles])
    user.__dict__.pop("role_names", None)
