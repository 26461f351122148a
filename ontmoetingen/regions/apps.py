from django.apps import AppConfig


class RegionsConfig(AppConfig):
    name = "ontmoetingen.regions"
    label = "regions"
    verbose_name = "Gemeenten en regio's"
    processing_register = "ontmoetingen.regions.processing.REGISTER"
    not_personal = "ontmoetingen.regions.processing.NOT_PERSONAL"
