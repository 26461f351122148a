from django.urls import path

from ontmoetingen.events import manage_views, programme_urls, views

app_name = "events"

urlpatterns = [
    path("agenda/", views.event_list, name="list"),
    path("agenda.ics", views.agenda_feed, name="feed"),
    path("agenda/aanmelding/<str:token>/", views.registration_detail, name="registration"),
    path("agenda/aanmelding/<str:token>/annuleren/", views.cancel, name="cancel"),
    path("agenda/aanmelding/<str:token>/feedback/", views.feedback, name="feedback"),
    path("agenda/aanmelding/<str:token>/gegevens-wissen/", views.erase, name="erase"),
    path("agenda/<slug:slug>/", views.event_detail, name="detail"),
    path("agenda/<slug:slug>/aanmelden/", views.register, name="register"),
    path("agenda/<slug:slug>/agenda.ics", views.event_ics, name="ics"),
    path("mijn/aanmeldingen/<int:pk>/annuleren/", views.cancel_mine, name="cancel_mine"),
    path("beheer/agenda/", manage_views.manage_list, name="manage_list"),
    path("beheer/agenda/nieuw/", manage_views.manage_create, name="manage_create"),
    path("beheer/agenda/<int:pk>/", manage_views.manage_registrations, name="manage_registrations"),
    path("beheer/agenda/<int:pk>/bewerken/", manage_views.manage_edit, name="manage_edit"),
    path("beheer/agenda/<int:pk>/publiceren/", manage_views.manage_publish, name="manage_publish"),
    path("beheer/agenda/<int:pk>/annuleren/", manage_views.manage_cancel, name="manage_cancel"),
    path(
        "beheer/agenda/<int:pk>/export.<str:fmt>", manage_views.manage_export, name="manage_export"
    ),
    path("beheer/agenda/<int:pk>/toevoegen/", manage_views.manage_add, name="manage_add"),
    path(
        "beheer/agenda/<int:pk>/aanmeldingen/<int:reg_pk>/bevestigen/",
        manage_views.manage_promote,
        name="manage_promote",
    ),
    path(
        "beheer/agenda/<int:pk>/aanmeldingen/<int:reg_pk>/annuleren/",
        manage_views.manage_cancel_registration,
        name="manage_cancel_registration",
    ),
    path("beheer/agenda/<int:pk>/check-in/", manage_views.checkin, name="checkin"),
    path(
        "beheer/agenda/<int:pk>/check-in/<int:reg_pk>/",
        manage_views.checkin_mark,
        name="checkin_mark",
    ),
    path("beheer/check-in/<str:token>/", manage_views.checkin_person, name="checkin_person"),
    path("beheer/agenda/<int:pk>/feedback/", manage_views.manage_feedback, name="manage_feedback"),
]

# workshops by preference and networking rounds (issue 10)
urlpatterns += programme_urls.urlpatterns
