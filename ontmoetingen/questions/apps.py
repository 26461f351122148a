from django.apps import AppConfig


class QuestionsConfig(AppConfig):
    name = "ontmoetingen.questions"
    label = "questions"
    verbose_name = "Vragen en thema's uit het veld"
    cache_area = "questions"  # core.versions: writes to these tables change pages
    processing_register = "ontmoetingen.questions.processing.REGISTER"
    not_personal = "ontmoetingen.questions.processing.NOT_PERSONAL"
    backoffice_attention = "ontmoetingen.questions.hooks.backoffice_attention"
    backoffice_links = [
        (
            "questions:triage",
            "Vragen uit het veld",
            "Nieuwe vragen en behoeften beoordelen, toewijzen, beantwoorden en als veelgestelde vraag publiceren.",
        ),
        (
            "questions:proposals",
            "Themavoorstellen",
            "Voorstellen en stemmen bekijken en een voorstel als opgepakt markeren.",
        ),
        (
            "questions:signals",
            "Signalen uit het veld",
            "Wat leeft waar: vragen en voorstellen per thema, domein, provincie en maand; CSV-export.",
        ),
        (
            "questions:themes",
            "Thema's beheren",
            "Thema's toevoegen, hernoemen en deactiveren; één lijst voor toolkit, agenda, "
            "coalities en vragen.",
        ),
    ]
    home_sections = [
        ("questions/partials/_home_section.html", "ontmoetingen.questions.hooks.home_section"),
    ]
    mine_sections = [
        ("questions/partials/_mine_section.html", "ontmoetingen.questions.hooks.mine_section"),
    ]
    periodic_tasks = ["ontmoetingen.questions.tasks.forget_sender_addresses"]
    personal_data = "ontmoetingen.questions.hooks.personal_data"
    find_personal_data = "ontmoetingen.questions.hooks.find_personal_data"
    erase_personal_data = "ontmoetingen.questions.hooks.erase_personal_data"
    demo_seed = "ontmoetingen.questions.demo.seed"
