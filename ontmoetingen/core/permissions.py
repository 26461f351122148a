"""The one guard idiom for views: ``@allowed_if(rule)`` with a rule from an app's permissions.py.

Anonymous visitors go to the login page; logged-in users for whom the rule says no get 403.
Rules are plain functions ``rule(user) -> bool``; object-level checks load the object through a
scoped selector instead (``get_object_or_404(coalitions_editable_by(user), pk=pk)``).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

DENIED_MESSAGE = "Hiervoor heeft u geen toegang."


def allowed_if(rule: Callable[..., bool]):
    """Decorate a view so it runs only for users for whom ``rule(user)`` holds."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not rule(request.user):
                raise PermissionDenied(DENIED_MESSAGE)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def is_logged_in(user) -> bool:
    """Any logged-in, active user."""
    return bool(user.is_authenticated and user.is_active)
