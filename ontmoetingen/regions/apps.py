from django.apps import AppConfig


class RegionsConfig(AppConfig):
    name = "ontmoetingen.regions"
    label = "regions"
    verbose_name = "Gemeenten en regio's"
