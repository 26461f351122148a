from django.urls import path

from ontmoetingen.core import privacy_views, views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("over/", views.about, name="about"),
    path("over/privacy/", views.privacy, name="privacy"),
    path("over/toegankelijkheid/", views.accessibility, name="accessibility"),
    path("beheer/", views.backoffice, name="backoffice"),
    path("beheer/mails/", views.failed_mails, name="failed_mails"),
    path(
        "beheer/verwerkingen/",
        privacy_views.processing_register,
        name="processing_register",
    ),
    path("beheer/avg/", privacy_views.avg_request, name="avg_request"),
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", views.robots, name="robots"),
]
