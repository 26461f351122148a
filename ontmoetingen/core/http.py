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


def max_body(limit: int):
    """Mark a view as accepting request bodies of at most ``limit`` bytes.

    ``RequestSizeMiddleware`` checks the declared length before anything reads the body (the
    CSRF check would otherwise parse a 20 MB upload first) and answers 413 with a Dutch page.
    """

    def mark(view):
        view.max_body_bytes = limit
        return view

    return mark


def declared_length(request) -> int:
    try:
        return max(0, int(request.META.get("CONTENT_LENGTH") or 0))
    except ValueError:
        return 0


def renamed_query(query, old_names: dict[str, str]):
    """A copy of ``query`` in which the parameters of older links (``old_names``: old → current
    name) count under their current names; a current name in the query wins."""
    data = query.copy()
    for old, new in old_names.items():
        if old in data and new not in data:
            data.setlist(new, data.getlist(old))
    return data
