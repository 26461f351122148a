"""Small request helpers shared by the areas."""

from django.conf import settings


def client_ip(request) -> str:
    """The visitor's address. Behind ``TRUSTED_PROXY_COUNT`` reverse proxies the address is taken
    from X-Forwarded-For, counted from the right (the entries the proxies added themselves), so a
    client cannot pick its own address by sending the header."""
    remote = request.META.get("REMOTE_ADDR", "")
    hops = settings.TRUSTED_PROXY_COUNT
    if hops <= 0:
        return remote
    forwarded = [
        part.strip()
        for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if part.strip()
    ]
    if len(forwarded) >= hops:
        return forwarded[-hops]
    return remote
