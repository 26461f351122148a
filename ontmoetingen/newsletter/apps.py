from django.apps import AppConfig


class NewsletterConfig(AppConfig):
    """Subscriptions with double opt-in, topics, and the monthly digest."""

    name = "ontmoetingen.newsletter"
    label = "newsletter"
    verbose_name = "Nieuwsbrief"
    cache_area = "newsletter"  # core.versions: writes to these tables change pages
    processing_register = "ontmoetingen.newsletter.processing.REGISTER"
    not_personal = "ontmoetingen.newsletter.processing.NOT_PERSONAL"

    backoffice_links = [
        (
            "newsletter:manage",
            "Nieuwsbrief",
            "Abonnees, de maandelijkse digest bekijken en versturen.",
        ),
    ]
    personal_data = "ontmoetingen.newsletter.hooks.personal_data"
    find_personal_data = "ontmoetingen.newsletter.hooks.find_personal_data"
    erase_personal_data = "ontmoetingen.newsletter.hooks.erase_personal_data"
    demo_seed = "ontmoetingen.newsletter.demo.seed"
