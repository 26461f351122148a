from django.apps import AppConfig

SETUP_AREA = "events.setup"


class EventsConfig(AppConfig):
    name = "ontmoetingen.events"
    label = "events"
    verbose_name = "Agenda en aanmeldingen"
    cache_area = "events"  # core.versions: writes to these tables change pages
    # what the registration form validates against; a registration itself leaves it alone
    cache_area_parts = {SETUP_AREA: ("Event", "Session", "RegistrationQuestion", "Programme")}
    processing_register = "ontmoetingen.events.processing.REGISTER"
    not_personal = "ontmoetingen.events.processing.NOT_PERSONAL"

    home_sections = [
        ("events/partials/_home_section.html", "ontmoetingen.events.hooks.home_section")
    ]
    mine_sections = [
        ("events/partials/_mine_section.html", "ontmoetingen.events.hooks.mine_section")
    ]
    municipality_sections = [
        (
            "events/partials/_municipality_section.html",
            "ontmoetingen.events.hooks.municipality_section",
        )
    ]
    personal_data = "ontmoetingen.events.hooks.personal_data"
    find_personal_data = "ontmoetingen.events.hooks.find_personal_data"
    erase_personal_data = "ontmoetingen.events.hooks.erase_personal_data"
    backoffice_attention = "ontmoetingen.events.hooks.backoffice_attention"
    backoffice_links = [
        (
            "events:manage_list",
            "Bijeenkomsten en aanmeldingen",
            "Bijeenkomsten maken en publiceren, aanmeldingen en wachtlijst, export, check-in en feedback.",
        )
    ]
    periodic_tasks = [
        "ontmoetingen.events.tasks.send_reminders",
        "ontmoetingen.events.tasks.send_feedback_requests",
        "ontmoetingen.events.programme_tasks.draft_due_allocations",
        "ontmoetingen.events.tasks.anonymise_registrations",
    ]
    demo_seed = "ontmoetingen.events.demo.seed"
