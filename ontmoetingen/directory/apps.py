from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "ontmoetingen.directory"
    label = "directory"
    verbose_name = "Organisaties"
    cache_area = "directory"  # core.versions: writes to these tables change pages
    processing_register = "ontmoetingen.directory.processing.REGISTER"
    not_personal = "ontmoetingen.directory.processing.NOT_PERSONAL"
    backoffice_links = [
        (
            "directory:manage",
            "Organisaties beheren",
            "Organisaties toevoegen en wijzigen, met hun werkgebied.",
        ),
        (
            "directory:import",
            "Organisaties importeren",
            "Een CSV- of Excelbestand met organisaties inlezen.",
        ),
    ]
    demo_seed = "ontmoetingen.directory.demo.seed"

    def ready(self) -> None:
        from ontmoetingen.directory import signals  # noqa: F401 - connects the receivers
