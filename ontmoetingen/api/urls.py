from django.urls import path

from ontmoetingen.api import views

app_name = "api"

urlpatterns = [
    path("beheer/api-tokens/", views.token_list, name="tokens"),
    path("beheer/api-tokens/<int:pk>/intrekken/", views.token_revoke, name="token_revoke"),
]
