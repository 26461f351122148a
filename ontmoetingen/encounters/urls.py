from django.urls import path

from ontmoetingen.encounters import people_views, views

app_name = "encounters"

urlpatterns = [
    path("professionals/", views.directory, name="directory"),
    path("professionals/<int:pk>/", views.profile_detail, name="profile"),
    path("professionals/<int:pk>/kennismaken/", views.introduction_new, name="introduce"),
    path("professionals/<int:pk>/blokkeren/", views.block, name="block"),
    path("professionals/<int:pk>/melden/", views.report, name="report"),
    path("mijn/profiel/", views.profile_edit, name="profile_edit"),
    path("mijn/profiel/publiceren/", views.profile_publish, name="profile_publish"),
    path("mijn/profiel/verbergen/", views.profile_unpublish, name="profile_unpublish"),
    path("mijn/profiel/verwijderen/", views.profile_delete, name="profile_delete"),
    path("mijn/kennismakingen/", views.introductions, name="introductions"),
    path(
        "mijn/kennismakingen/<int:pk>/<str:answer>/",
        views.introduction_answer,
        name="introduction_answer",
    ),
    path("mijn/suggesties/", views.suggestions, name="suggestions"),
    path("agenda/<slug:slug>/deelnemerslijst/", views.attendee_list, name="attendee_list"),
    path("mijn/uitnodigen/", people_views.invite, name="invite"),
    path("uitnodiging/<str:token>/", people_views.invitation_accept, name="invitation"),
    path(
        "uitnodigingen/<int:pk>/<str:action>/",
        people_views.invitation_action,
        name="invitation_action",
    ),
    path("beheer/mensen/", people_views.people, name="people"),
    path("beheer/mensen/<int:pk>/", people_views.person, name="person"),
    path("beheer/meldingen/", people_views.reports, name="reports"),
    path(
        "beheer/meldingen/<int:pk>/afgehandeld/", people_views.report_handled, name="report_handled"
    ),
]
