from django.urls import path

from ontmoetingen.coalitions import list_views, views

app_name = "coalitions"

urlpatterns = [
    path("coalities/", list_views.coalition_list, name="list"),
    path("coalities/<int:pk>/", views.coalition_detail, name="detail"),
    path("coalities/<int:pk>/bewerken/", views.coalition_edit, name="edit"),
    path("coalities/<int:pk>/status/", views.coalition_status, name="status"),
    path(
        "coalities/<int:pk>/status/bevestigen/",
        views.coalition_status_confirm,
        name="status_confirm",
    ),
    path("coalities/<int:pk>/partners/", views.coalition_partners, name="partners"),
    path(
        "coalities/<int:pk>/uitnodigen/<int:organisation_pk>/",
        views.coalition_invite,
        name="invite",
    ),
    path(
        "coalities/<int:pk>/uitnodigingen/<int:invitation_pk>/intrekken/",
        views.coalition_invitation_withdraw,
        name="invitation_withdraw",
    ),
    path("coalities/<int:pk>/instellingen/", views.coalition_settings, name="settings"),
    path("coalities/uitnodiging/<str:token>/", views.invitation_respond, name="invitation"),
    path("beheer/coalities/", views.coalition_manage, name="manage"),
    path("beheer/coalities/nieuw/", views.coalition_create, name="create"),
    path("beheer/wijzigingen/", views.edit_log, name="log"),
]
