from django.apps import AppConfig


class ToolkitConfig(AppConfig):
    name = "ontmoetingen.toolkit"
    label = "toolkit"
    verbose_name = "Toolkit"
    cache_area = "toolkit"  # core.versions: writes to these tables change pages
    cache_area_tables = ("toolkit_resource_terms",)
    processing_register = "ontmoetingen.toolkit.processing.REGISTER"
    not_personal = "ontmoetingen.toolkit.processing.NOT_PERSONAL"
    home_sections = [
        ("toolkit/partials/_home_section.html", "ontmoetingen.toolkit.hooks.home_section")
    ]
    mine_sections = [
        ("toolkit/partials/_mine_section.html", "ontmoetingen.toolkit.hooks.mine_section")
    ]
    personal_data = "ontmoetingen.toolkit.hooks.personal_data"
    backoffice_attention = "ontmoetingen.toolkit.hooks.backoffice_attention"
    backoffice_links = [
        (
            "toolkit:moderation",
            "Voorstellen voor de toolkit",
            "Voorstellen uit het veld beoordelen: plaatsen of afwijzen met een reden.",
        ),
        (
            "toolkit:manage",
            "Toolkit beheren",
            "Tools, good practices en gespiegelde paren toevoegen, aanpassen, publiceren en "
            "offline halen.",
        ),
    ]
    demo_seed = "ontmoetingen.toolkit.demo.seed"

    def ready(self) -> None:
        from ontmoetingen.toolkit import signals  # noqa: F401 - connects the receivers
