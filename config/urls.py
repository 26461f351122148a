"""URL map. Each area mounts its own urls.py; see DESIGN.md §5 for the stable addresses."""

from importlib.util import find_spec

from django.apps import apps
from django.contrib import admin
from django.urls import include, path

from ontmoetingen.core import views as core_views

admin.site.site_header = "Kansrijke Ontmoetingen — beheer"
admin.site.site_title = "Beheer"
admin.site.index_title = "Beheer"

urlpatterns = [
    path("", include("ontmoetingen.core.urls")),
    path("", include("ontmoetingen.accounts.urls")),
    path("", include("ontmoetingen.regions.urls")),
    path("beheer/django/", admin.site.urls),
]

# Areas mount themselves when they are installed (see INSTALLED_APPS).
for _label in (
    "directory",
    "coalitions",
    "monitor",
    "events",
    "toolkit",
    "glossary",
    "questions",
    "api",
):
    if apps.is_installed(f"ontmoetingen.{_label}") and find_spec(f"ontmoetingen.{_label}.urls"):
        urlpatterns.append(path("", include(f"ontmoetingen.{_label}.urls")))

handler400 = core_views.bad_request
handler403 = core_views.permission_denied
handler404 = core_views.page_not_found
handler500 = core_views.server_error
