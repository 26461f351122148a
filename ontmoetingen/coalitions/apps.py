from django.apps import AppConfig


class CoalitionsConfig(AppConfig):
    name = "ontmoetingen.coalitions"
    label = "coalitions"
    verbose_name = "Coalities"
    cache_area = "coalitions"  # core.versions: writes to these tables change pages
    processing_register = "ontmoetingen.coalitions.processing.REGISTER"
    not_personal = "ontmoetingen.coalitions.processing.NOT_PERSONAL"
    municipality_sections = [
        (
            "coalitions/partials/_municipality_section.html",
            "ontmoetingen.coalitions.hooks.municipality_section",
        ),
    ]
    # the organisation page (directory) shows the coalitions in the organisation's working area
    organisation_sections = [
        (
            "coalitions/partials/_organisation_section.html",
            "ontmoetingen.coalitions.hooks.organisation_section",
        ),
    ]
    mine_sections = [
        ("coalitions/partials/_mine_section.html", "ontmoetingen.coalitions.hooks.mine_section"),
    ]
    backoffice_links = [
        (
            "coalitions:manage",
            "Coalities beheren",
            "Alle coalities: status, gemeenten, partners en coördinatoren.",
        ),
        (
            "coalitions:log",
            "Wijzigingenlog",
            "Wie heeft wat gewijzigd, en wanneer: coalities, organisaties en meer.",
        ),
    ]
    backoffice_attention = "ontmoetingen.coalitions.hooks.backoffice_attention"
    demo_seed = "ontmoetingen.coalitions.demo.seed"
    personal_data = "ontmoetingen.coalitions.hooks.personal_data"
    find_personal_data = "ontmoetingen.coalitions.hooks.find_personal_data"
    erase_personal_data = "ontmoetingen.coalitions.hooks.erase_personal_data"

    def ready(self) -> None:
        from ontmoetingen.coalitions import signals  # noqa: F401 - connects the receivers
