from django.urls import path

from ontmoetingen.monitor import views

app_name = "monitor"

urlpatterns = [
    path("monitor/", views.index, name="index"),
    path("monitor/gemeenten/", views.municipality_table, name="table"),
    path("monitor/export.csv", views.export_csv, name="export_csv"),
    path("monitor/export.xlsx", views.export_xlsx, name="export_xlsx"),
    path("monitor/outreach/", views.outreach, name="outreach"),
    path("monitor/outreach.csv", views.outreach_csv, name="outreach_csv"),
]
