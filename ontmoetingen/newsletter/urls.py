from django.urls import path

from ontmoetingen.newsletter import views

app_name = "newsletter"

urlpatterns = [
    path("nieuwsbrief/", views.subscribe, name="subscribe"),
    path("nieuwsbrief/bevestigen/<str:token>/", views.confirm, name="confirm"),
    path("nieuwsbrief/afmelden/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("beheer/nieuwsbrief/", views.manage, name="manage"),
    path("beheer/nieuwsbrief/<int:pk>/", views.digest_detail, name="digest"),
    path("beheer/nieuwsbrief/<int:pk>/versturen/", views.digest_send, name="digest_send"),
]
