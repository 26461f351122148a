from django.conf import settings
from django.urls import NoReverseMatch, reverse

# Main navigation: (key, url name, label).
NAVIGATION = [
    ("agenda", "events:list", "Agenda"),
    ("coalities", "coalitions:list", "Coalities"),
    ("monitor", "monitor:index", "Monitor"),
    ("gemeenten", "regions:list", "Gemeenten"),
    ("organisaties", "directory:list", "Organisaties"),
    ("toolkit", "toolkit:list", "Toolkit"),
    ("begrippen", "glossary:list", "Begrippen"),
    ("vragen", "questions:faq", "Vragen"),
]


def _navigation() -> list[dict]:
    items = []
    for key, name, label in NAVIGATION:
        try:
            items.append({"key": key, "url": reverse(name), "label": label})
        except NoReverseMatch:
            continue
    return items


def site(request):
    """Values every template may use: the site address, navigation and the htmx nonce bridge."""
    return {
        "SITE_URL": settings.SITE_URL,
        "navigation": _navigation(),
        # django-htmx's {% htmx_script %} looks for csp_nonce; django-csp offers request.csp_nonce.
        "csp_nonce": getattr(request, "csp_nonce", ""),
    }
