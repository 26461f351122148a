from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "ontmoetingen.api"
    label = "api"
    verbose_name = "API"
    processing_register = "ontmoetingen.api.processing.REGISTER"
    not_personal = "ontmoetingen.api.processing.NOT_PERSONAL"
    backoffice_links = [
        (
            "api:tokens",
            "API-tokens",
            "Tokens voor partners (Pharos, NCJ) en het projectteam uitgeven en intrekken.",
        ),
    ]
    personal_data = "ontmoetingen.api.hooks.personal_data"
