from django.apps import AppConfig


class CoalitionsConfig(AppConfig):
    name = "ontmoetingen.coalitions"
    label = "coalitions"
    verbose_name = "Coalities"
    municipality_sections = [
        (
            "coalitions/partials/_municipality_section.html",
            "ontmoetingen.coalitions.views.municipality_section",
        ),
    ]
    mine_sections = [
        ("coalitions/partials/_mine_section.html", "ontmoetingen.coalitions.views.mine_section"),
    ]
    backoffice_links = [
        (
            "coalitions:manage",
            "Coalities beheren",
            "Alle coalities: status, gemeenten, partners en coördinatoren.",
        ),
        (
            "coalitions:log",
            "Wijzigingenlog",
            "Wie heeft wat gewijzigd aan coalities en organisaties.",
        ),
    ]
    demo_seed = "ontmoetingen.coalitions.demo.seed"
    personal_data = "ontmoetingen.coalitions.selectors.user_personal_data"
