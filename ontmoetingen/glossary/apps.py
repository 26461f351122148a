from django.apps import AppConfig


class GlossaryConfig(AppConfig):
    name = "ontmoetingen.glossary"
    label = "glossary"
    verbose_name = "Begrippenlijst"
    cache_area = "glossary"  # core.versions: writes to these tables change pages
    processing_register = "ontmoetingen.glossary.processing.REGISTER"
    not_personal = "ontmoetingen.glossary.processing.NOT_PERSONAL"
    backoffice_links = [
        (
            "glossary:manage",
            "Begrippen beheren",
            "Begrippen zoeken, toevoegen, uitleg bijwerken en verwijderen.",
        ),
    ]
    demo_seed = "ontmoetingen.glossary.demo.seed"
    text_marker = "ontmoetingen.glossary.marking.mark_terms"

    def ready(self) -> None:
        from ontmoetingen.glossary import signals  # noqa: F401 - connects the receivers
