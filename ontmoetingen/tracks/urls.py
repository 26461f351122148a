from django.urls import path

from ontmoetingen.tracks import manage_views, report_views, views

app_name = "tracks"

urlpatterns = [
    path("monitor/bereik/", views.reach_index, name="reach"),
    path("monitor/bereik/export.csv", views.reach_csv, name="reach_csv"),
    path("monitor/bereik/export.xlsx", views.reach_xlsx, name="reach_xlsx"),
    path("regiotour/", views.tour, name="tour"),
    path("regiotour/<int:pk>/", views.visit_detail, name="visit"),
    path("regiotour/acties/<int:pk>/status/", views.action_status, name="action_status"),
    path("beheer/regiotour/", manage_views.visit_list, name="manage_visits"),
    path("beheer/regiotour/nieuw/", manage_views.visit_edit, name="visit_create"),
    path("beheer/regiotour/<int:pk>/bewerken/", manage_views.visit_edit, name="visit_edit"),
    path("beheer/regiotour/<int:pk>/verslag/", manage_views.report_edit, name="report_edit"),
    path(
        "beheer/regiotour/<int:visit_pk>/acties/nieuw/",
        manage_views.action_edit,
        name="action_create",
    ),
    path("beheer/regiotour/acties/<int:pk>/", manage_views.action_edit, name="action_edit"),
    path("beheer/opnames/", manage_views.recordings, name="recordings"),
    path(
        "beheer/opnames/<int:pk>/verwijderen/",
        manage_views.recording_remove,
        name="recording_remove",
    ),
    path("beheer/rapportage/", report_views.report, name="report"),
    path("beheer/rapportage/rapport.pdf", report_views.report_pdf, name="report_pdf"),
    path("beheer/rapportage/rapport.xlsx", report_views.report_xlsx, name="report_xlsx"),
]
