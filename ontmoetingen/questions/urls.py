from django.urls import path

from ontmoetingen.questions import backoffice, themes, views

app_name = "questions"

urlpatterns = [
    path("vragen/", views.faq_list, name="faq"),
    path("vragen/nieuw/", views.question_new, name="new"),
    path("vragen/verzonden/", views.question_sent, name="sent"),
    path("vragen/<int:pk>/", views.faq_detail, name="faq_detail"),
    path("vragen/status/<str:token>/", views.question_status, name="status"),
    path("themas/", views.proposal_list, name="proposals"),
    path("themas/nieuw/", views.proposal_new, name="proposal_new"),
    path("themas/<int:pk>/stem/", views.proposal_vote, name="vote"),
    path("themas/<int:pk>/opgepakt/", backoffice.proposal_take_up, name="take_up"),
    path("beheer/vragen/", backoffice.triage_list, name="triage"),
    path("beheer/vragen/<int:pk>/", backoffice.triage_detail, name="triage_detail"),
    path("beheer/themas/", themes.theme_list, name="themes"),
    path("beheer/themas/nieuw/", themes.theme_create, name="theme_create"),
    path("beheer/themas/<int:pk>/", themes.theme_edit, name="theme_edit"),
    path("beheer/themas/<int:pk>/actief/", themes.theme_toggle, name="theme_toggle"),
    path("monitor/signalen/", backoffice.signal_overview, name="signals"),
    path("monitor/signalen.csv", backoffice.signal_export, name="signals_csv"),
]
