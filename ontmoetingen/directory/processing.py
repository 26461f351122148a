"""What the directory keeps (see core.privacy: the processing register): organisations only."""

from ontmoetingen.core.privacy import NotPersonal
from ontmoetingen.directory.models import Organisation

REGISTER = []

NOT_PERSONAL = [
    NotPersonal(
        Organisation,
        ("name", "contact_email"),
        "Naam en openbaar algemeen adres van een organisatie (geen persoonlijk adres).",
    ),
]
