"""URL map. Each area mounts its own urls.py; see DESIGN.md §5 for the stable addresses."""

from django.contrib import admin
from django.urls import include, path

from ontmoetingen.api.api import api
from ontmoetingen.core import views as core_views

admin.site.site_header = "Kansrijke Ontmoetingen — beheer"
admin.site.site_title = "Beheer"
admin.site.index_title = "Beheer"

urlpatterns = [
    path("", include("ontmoetingen.core.urls")),
    path("", include("ontmoetingen.accounts.urls")),
    path("", include("ontmoetingen.regions.urls")),
    path("", include("ontmoetingen.directory.urls")),
    path("", include("ontmoetingen.coalitions.urls")),
    path("", include("ontmoetingen.monitor.urls")),
    path("", include("ontmoetingen.events.urls")),
    path("", include("ontmoetingen.toolkit.urls")),
    path("", include("ontmoetingen.glossary.urls")),
    path("", include("ontmoetingen.questions.urls")),
    path("", include("ontmoetingen.encounters.urls")),
    path("", include("ontmoetingen.tracks.urls")),
    path("", include("ontmoetingen.newsletter.urls")),
    path("", include("ontmoetingen.api.urls")),
    path("api/v1/", api.urls),
    path("beheer/django/", admin.site.urls),
]

handler400 = core_views.bad_request
handler403 = core_views.permission_denied
handler404 = core_views.page_not_found
handler500 = core_views.server_error
