from django.apps import AppConfig


class NewsletterConfig(AppConfig):
    """Subscriptions with double opt-in, topics, and the monthly digest."""

    name = "ontmoetingen.newsletter"
    label = "newsletter"
    verbose_name = "Nieuwsbrief"
    cache_area = "newsletter"  # core.versions: writes to these tables change pages

    backoffice_links = [
        (
            "newsletter:manage",
            "Nieuwsbrief",
            "Abonnees, de maandelijkse digest bekijken en versturen.",
        ),
    ]
    personal_data = "ontmoetingen.newsletter.hooks.personal_data"
    demo_seed = "ontmoetingen.newsletter.demo.seed"
