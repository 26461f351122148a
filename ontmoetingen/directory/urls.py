from django.urls import path

from ontmoetingen.directory import views

app_name = "directory"

urlpatterns = [
    path("organisaties/", views.organisation_list, name="list"),
    path("organisaties/<int:pk>/", views.organisation_detail, name="detail"),
    path("beheer/organisaties/", views.organisation_manage, name="manage"),
    path("beheer/organisaties/nieuw/", views.organisation_edit, name="create"),
    path("beheer/organisaties/<int:pk>/bewerken/", views.organisation_edit, name="edit"),
    path("beheer/organisaties/importeren/", views.organisation_import, name="import"),
]
