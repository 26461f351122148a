"""Bench-only data for /monitor/bereik/: registrations topped up to a target count (50,000 by
default) on the demo's past events, and a logged-in project-team session for the page.

Run inside the project (``ontmoetingen shell -c``) by bench/pages.py; everything it writes is
marked as an example.
"""

from __future__ import annotations

import random

REACH_REGISTRATIONS = 50_000


def top_up_registrations(target: int = REACH_REGISTRATIONS) -> int:
    from django.utils import timezone

    from ontmoetingen.core.domain import Domain
    from ontmoetingen.events.models import Event, Registration
    from ontmoetingen.regions.models import Municipality

    missing = target - Registration.objects.count()
    events = list(Event.objects.filter(ends_at__lt=timezone.now()).order_by("pk"))
    if missing <= 0 or not events:
        return 0
    rng = random.Random(50_000)
    codes = list(Municipality.objects.active().values_list("code", flat=True))
    rows = []
    for n in range(missing):
        event = events[n % len(events)]
        rows.append(
            Registration(
                event=event,
                name=f"Bench-deelnemer {n} (voorbeeld)",
                email=f"bench{n}@voorbeeld.nl",
                organisation=f"Organisatie {n % 900} (voorbeeld)",
                domain=rng.choice(Domain.values),
                work_municipality_id=rng.choice(codes),
                status="confirmed",
                confirmed_at=event.starts_at,
                checked_in_at=event.starts_at if rng.random() < 0.7 else None,
                is_demo=True,
            )
        )
    Registration.objects.bulk_create(rows, batch_size=2000)
    return missing


def team_session_cookie() -> str:
    """A session for the demo's project-team user, as a Cookie header value."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    from ontmoetingen.accounts.models import User

    user = User.objects.filter(groups__name="projectteam", is_active=True).order_by("pk").first()
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}"
