from django.apps import AppConfig


class MonitorConfig(AppConfig):
    name = "ontmoetingen.monitor"
    label = "monitor"
    verbose_name = "Monitor"
    home_sections = [
        ("monitor/partials/_home_section.html", "ontmoetingen.monitor.hooks.home_section"),
    ]
    backoffice_links = [
        (
            "monitor:outreach",
            "Outreachlijst geboortezorg",
            "Coalities zonder geboortezorgpartner, met de geboortezorgorganisaties die in hun "
            "gemeenten werken.",
        ),
    ]
