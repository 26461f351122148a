from django.apps import AppConfig


class MonitorConfig(AppConfig):
    name = "ontmoetingen.monitor"
    label = "monitor"
    verbose_name = "Monitor"
    home_sections = [
        ("monitor/partials/_home_map.html", "ontmoetingen.monitor.views.home_section"),
    ]
    backoffice_links = [
        (
            "monitor:outreach",
            "Outreachlijst geboortezorg",
            "Coalities zonder geboortezorgpartner, met de geboortezorgorganisaties die in hun "
            "gemeenten werken.",
        ),
    ]
