"""Addresses of workshops by preference and networking rounds (added to events.urls)."""

from django.urls import path

from ontmoetingen.events import networking_views, programme_views

urlpatterns = [
    path(
        "agenda/aanmelding/<str:token>/workshopkeuzes/",
        programme_views.preferences_edit,
        name="preferences_edit",
    ),
    path(
        "agenda/aanmelding/<str:token>/workshop-ruilen/",
        programme_views.workshop_switch,
        name="workshop_switch",
    ),
    path(
        "agenda/aanmelding/<str:token>/netwerkronde/",
        networking_views.opt_out,
        name="networking_opt_out",
    ),
    path(
        "beheer/agenda/<int:pk>/workshops/",
        programme_views.manage_programme,
        name="manage_programme",
    ),
    path(
        "beheer/agenda/<int:pk>/workshops/verdelen/",
        programme_views.manage_programme_run,
        name="manage_programme_run",
    ),
    path(
        "beheer/agenda/<int:pk>/workshops/publiceren/",
        programme_views.manage_programme_publish,
        name="manage_programme_publish",
    ),
    path(
        "beheer/agenda/<int:pk>/workshops/<int:session_pk>/lijst/",
        programme_views.manage_workshop_list,
        name="manage_workshop_list",
    ),
    path(
        "beheer/agenda/<int:pk>/workshops/<int:session_pk>/lijst.<str:fmt>",
        programme_views.manage_workshop_export,
        name="manage_workshop_export",
    ),
    path(
        "beheer/agenda/<int:pk>/netwerkronde/",
        networking_views.manage_networking,
        name="manage_networking",
    ),
    path(
        "beheer/agenda/<int:pk>/netwerkronde/indelen/",
        networking_views.manage_networking_generate,
        name="manage_networking_generate",
    ),
    path(
        "beheer/agenda/<int:pk>/netwerkronde/paar/",
        networking_views.manage_networking_pair,
        name="manage_networking_pair",
    ),
    path(
        "beheer/agenda/<int:pk>/netwerkronde/tafels/",
        networking_views.manage_networking_tables,
        name="manage_networking_tables",
    ),
    path(
        "beheer/agenda/<int:pk>/netwerkronde/kaarten/",
        networking_views.manage_networking_cards,
        name="manage_networking_cards",
    ),
]
