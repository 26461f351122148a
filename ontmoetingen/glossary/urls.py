from django.urls import path

from ontmoetingen.glossary import views

app_name = "glossary"

urlpatterns = [
    path("begrippen/", views.term_list, name="list"),
    path("begrippen/<slug:slug>/", views.term_detail, name="detail"),
]
