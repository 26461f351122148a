from django.db import migrations

THEMES = [
    ("eerste-1000-dagen", "Eerste 1000 dagen", "De periode van kinderwens en zwangerschap tot de tweede verjaardag van het kind."),
    ("kwetsbare-zwangeren", "Kwetsbare zwangeren", "Zwangeren in een kwetsbare situatie: vroeg signaleren en samen steun bieden."),
    ("armoede-en-geldzorgen", "Armoede en geldzorgen", "Schulden, laag inkomen en bestaansonzekerheid rond zwangerschap en jonge kinderen."),
    ("huiselijk-geweld", "Huiselijk geweld", "Veiligheid thuis, de meldcode en samenwerking met Veilig Thuis."),
    ("middelengebruik", "Middelengebruik", "Roken, alcohol en drugs voor, tijdens en na de zwangerschap."),
    ("mentale-gezondheid", "Mentale gezondheid", "Psychische klachten van (aanstaande) ouders en de band met het kind."),
    ("nu-niet-zwanger", "Nu Niet Zwanger", "Bewuste keuzes over kinderwens en anticonceptie voor mensen in een kwetsbare situatie."),
    ("samenwerking-en-coalitievorming", "Samenwerking en coalitievorming", "Partners aan tafel krijgen en houden in de lokale coalitie."),
    ("monitoring-en-evaluatie", "Monitoring en evaluatie", "Meten wat de coalitie bereikt en daarvan leren."),
    ("ouders-betrekken", "Ouders betrekken", "Ervaringsdeskundigen en ouders laten meedenken en meebeslissen."),
]


def create_themes(apps, schema_editor):
    Theme = apps.get_model("core", "Theme")
    for order, (slug, name, description) in enumerate(THEMES):
        Theme.objects.get_or_create(slug=slug, defaults={"name": name, "description": description, "order": order})


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]
    operations = [migrations.RunPython(create_themes, migrations.RunPython.noop)]
