from django.urls import path

from ontmoetingen.toolkit import backoffice, views
from ontmoetingen.toolkit.feeds import ResourceFeed

app_name = "toolkit"

urlpatterns = [
    path("toolkit/", views.resource_list, name="list"),
    path("toolkit/voorstellen/", views.proposal_create, name="propose"),
    path("toolkit/feed/", ResourceFeed(), name="feed"),
    path("toolkit/beheer/", views.moderation_list, name="moderation"),
    path("toolkit/beheer/<int:pk>/", views.moderation_detail, name="moderate"),
    path("beheer/toolkit/", backoffice.resource_manage_list, name="manage"),
    path("beheer/toolkit/nieuw/", backoffice.resource_create, name="manage_create"),
    path("beheer/toolkit/<int:pk>/", backoffice.resource_edit, name="manage_edit"),
    path("beheer/toolkit/<int:pk>/publiceren/", backoffice.resource_publish, name="manage_publish"),
    path("beheer/toolkit/<int:pk>/verwijderen/", backoffice.resource_remove, name="manage_delete"),
    path("toolkit/<slug:slug>/", views.resource_detail, name="detail"),
    path("toolkit/<slug:slug>/naast/", views.resource_side_by_side, name="side_by_side"),
    path("toolkit/<slug:slug>/bestand/", views.resource_download, name="download"),
]
