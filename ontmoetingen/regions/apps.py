from django.apps import AppConfig


class RegionsConfig(AppConfig):
    name = "ontmoetingen.regions"
    label = "regions"
    verbose_name = "Gemeenten en regio's"
    cache_area = "regions"  # core.versions: writes to these tables change pages
    processing_register = "ontmoetingen.regions.processing.REGISTER"
    not_personal = "ontmoetingen.regions.processing.NOT_PERSONAL"
