from django.apps import AppConfig


class GlossaryConfig(AppConfig):
    name = "ontmoetingen.glossary"
    label = "glossary"
    verbose_name = "Begrippenlijst"
    backoffice_links = [
        (
            "admin:glossary_term_changelist",
            "Begrippen beheren",
            "Begrippen toevoegen en aanpassen.",
        ),
    ]
    demo_seed = "ontmoetingen.glossary.demo.seed"
    text_marker = "ontmoetingen.glossary.marking.mark_terms"

    def ready(self) -> None:
        from ontmoetingen.glossary import signals  # noqa: F401 - connects the receivers
