from django.urls import path

from ontmoetingen.glossary import backoffice, views

app_name = "glossary"

urlpatterns = [
    path("begrippen/", views.term_list, name="list"),
    path("begrippen/<slug:slug>/", views.term_detail, name="detail"),
    path("beheer/begrippen/", backoffice.term_manage_list, name="manage"),
    path("beheer/begrippen/nieuw/", backoffice.term_create, name="manage_create"),
    path("beheer/begrippen/<int:pk>/", backoffice.term_edit, name="manage_edit"),
    path("beheer/begrippen/<int:pk>/verwijderen/", backoffice.term_remove, name="manage_delete"),
]
