from django.urls import path

from ontmoetingen.regions import views

app_name = "regions"

urlpatterns = [
    path("gemeenten/", views.municipality_list, name="list"),
    path("gemeenten/<str:code>/", views.municipality_detail, name="detail"),
]
