from ontmoetingen.newsletter.models import Subscriber


def personal_data(user) -> dict:
    subscriber = Subscriber.objects.filter(email=user.email.lower()).first()
    if subscriber is None:
        return {}
    return {
        "e-mailadres": subscriber.email,
        "naam": subscriber.name,
        "thema's": [t.name for t in subscriber.themes.all()],
        "provincie": subscriber.province_id,
        "ingeschreven_op": subscriber.created_at.isoformat(),
        "bevestigd": bool(subscriber.confirmed_at),
        "afgemeld": bool(subscriber.unsubscribed_at),
    }


def find_personal_data(email: str, user) -> dict:
    """The subscription of this address (an AVG request)."""
    subscriber = Subscriber.objects.filter(email__iexact=email).first()
    if subscriber is None:
        return {}
    return {
        "e-mailadres": subscriber.email,
        "naam": subscriber.name,
        "ingeschreven_op": subscriber.created_at.isoformat(),
        "afgemeld": bool(subscriber.unsubscribed_at),
    }


def erase_personal_data(email: str, user) -> dict:
    """Remove the subscription of this address with its deliveries (the caller holds the
    transaction)."""
    removed, _ = Subscriber.objects.filter(email__iexact=email).delete()
    return {"abonnementen": removed}
