"""What the accounts area keeps on people (see core.privacy: the processing register)."""

from ontmoetingen.accounts.models import User
from ontmoetingen.core.privacy import Basis, Processing

REGISTER = [
    Processing(
        model=User,
        fields=("email", "full_name", "email_verified_at", "last_login", "date_joined"),
        purpose="Inloggen, de eigen gegevens beheren en mails over het eigen account ontvangen.",
        basis=Basis.CONTRACT,
        seen_by="De gebruiker zelf en het projectteam; de naam ook waar de gebruiker iets "
        "openbaar maakt (profiel, coalitie).",
        kept="Zolang het account bestaat; weg als de gebruiker het account opheft of het "
        "projectteam een AVG-verzoek uitvoert.",
        export="accounts.e-mailadres",
    ),
]
