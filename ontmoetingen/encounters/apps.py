from django.apps import AppConfig


class EncountersConfig(AppConfig):
    name = "ontmoetingen.encounters"
    label = "encounters"
    verbose_name = "Ontmoetingen"
    cache_area = "encounters"  # core.versions: writes to these tables change pages
    processing_register = "ontmoetingen.encounters.processing.REGISTER"
    mine_sections = [
        ("encounters/partials/_mine_section.html", "ontmoetingen.encounters.hooks.mine_section"),
    ]
    organisation_sections = [
        (
            "encounters/partials/_organisation_section.html",
            "ontmoetingen.encounters.hooks.organisation_section",
        ),
    ]
    personal_data = "ontmoetingen.encounters.hooks.personal_data"
    find_personal_data = "ontmoetingen.encounters.hooks.find_personal_data"
    erase_personal_data = "ontmoetingen.encounters.hooks.erase_personal_data"
    backoffice_attention = "ontmoetingen.encounters.hooks.backoffice_attention"
    periodic_tasks = ["ontmoetingen.encounters.tasks.expire_introductions"]
    backoffice_links = [
        (
            "encounters:people",
            "Mensen",
            "Accounts, rollen en uitnodigingen: zoeken, deactiveren, opnieuw uitnodigen.",
        ),
        (
            "encounters:reports",
            "Meldingen van misbruik",
            "Meldingen over profielen en kennismakingsverzoeken.",
        ),
    ]
    demo_seed = "ontmoetingen.encounters.demo.seed"
