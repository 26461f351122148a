from django.apps import AppConfig


class TracksConfig(AppConfig):
    """The project's three tracks as work: reach of meetings, the regiotour with visit reports
    and follow-up actions, recordings of past events, and the progress report."""

    name = "ontmoetingen.tracks"
    label = "tracks"
    verbose_name = "Sporen: bereik, regiotour en rapportage"
    cache_area = "tracks"  # core.versions: writes to these tables change pages
    processing_register = "ontmoetingen.tracks.processing.REGISTER"
    not_personal = "ontmoetingen.tracks.processing.NOT_PERSONAL"

    home_sections = [
        ("tracks/partials/_home_section.html", "ontmoetingen.tracks.hooks.home_section")
    ]
    mine_sections = [
        ("tracks/partials/_mine_section.html", "ontmoetingen.tracks.hooks.mine_section")
    ]
    backoffice_links = [
        (
            "tracks:reach",
            "Bereik van bijeenkomsten",
            "Uit welke gemeenten, coalities en domeinen mensen kwamen, en de witte vlekken.",
        ),
        (
            "tracks:manage_visits",
            "Regiotour",
            "Bezoeken plannen, verslagen vastleggen en vervolgacties bijhouden.",
        ),
        (
            "tracks:report",
            "Voortgangsrapportage",
            "Rapport voor financier en landelijke partners als pagina, PDF en Excel.",
        ),
    ]
    backoffice_attention = "ontmoetingen.tracks.hooks.backoffice_attention"
    periodic_tasks = ["ontmoetingen.tracks.tasks.remind_overdue_actions"]
    demo_seed = "ontmoetingen.tracks.demo.seed"
