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
