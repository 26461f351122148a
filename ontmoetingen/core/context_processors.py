import functools

from django.conf import settings
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse

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


# The base layout's fixed links: name in the template -> URL name.
LAYOUT_URLS = {
    "home": "core:home",
    "about": "core:about",
    "privacy": "core:privacy",
    "accessibility": "core:accessibility",
    "backoffice": "core:backoffice",
    "login": "accounts:login",
    "logout": "accounts:logout",
    "mine": "accounts:mine",
}


def _reversed(name: str) -> str | None:
    try:
        return reverse(name)
    except NoReverseMatch:
        return None


@functools.lru_cache(maxsize=16)
def _layout(urlconf, script_prefix: str) -> tuple[tuple[dict, ...], dict[str, str]]:
    """The menu and the layout's links: the same for every request, so reversed once per
    process (per URL configuration and script prefix)."""
    navigation = tuple(
        {"key": key, "url": url, "label": label}
        for key, name, label in NAVIGATION
        if (url := _reversed(name)) is not None
    )
    urls = {key: url for key, name in LAYOUT_URLS.items() if (url := _reversed(name)) is not None}
    return navigation, urls


def site(request):
    """Values every template may use: the site address, navigation, the layout's links
    (``layout_urls``) and the htmx nonce bridge."""
    navigation, urls = _layout(get_urlconf() or settings.ROOT_URLCONF, get_script_prefix())
    return {
        "SITE_URL": settings.SITE_URL,
        "navigation": navigation,
        "layout_urls": urls,
        # django-htmx's {% htmx_script %} looks for csp_nonce; django-csp offers request.csp_nonce.
        "csp_nonce": getattr(request, "csp_nonce", ""),
    }
