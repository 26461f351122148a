"""What the shared parts keep on people (see core.privacy: the processing register)."""

from ontmoetingen.core.models import AuditLog, MailDelivery, RateCounter, Theme
from ontmoetingen.core.privacy import Basis, NotPersonal, Processing

REGISTER = [
    Processing(
        model=AuditLog,
        fields=("actor", "changes"),
        purpose="Verantwoorden wie wat wijzigde, en wie persoonsgegevens exporteerde.",
        basis=Basis.LEGITIMATE_INTEREST,
        seen_by="Het projectteam.",
        kept="Zolang het gewijzigde gegeven bestaat; na een AVG-verzoek met een pseudoniem in "
        "plaats van naam en e-mailadres.",
        export_note="Het logboek van het projectteam.",
    ),
    Processing(
        model=RateCounter,
        fields=("key",),
        purpose="Misbruik tegengaan: tellen hoe vaak iets vanaf een adres of met een "
        "e-mailadres gebeurde (aanmelden, wachtwoord vergeten, voorstellen).",
        basis=Basis.LEGITIMATE_INTEREST,
        seen_by="Niemand: het platform leest alleen het aantal. Het adres of e-mailadres staat "
        "er niet leesbaar in, alleen als hash.",
        kept="Tot het eind van het tijdvak van de limiet (standaard hoogstens een dag) plus een "
        "minuut; daarna ruimt de planner de teller op.",
        export_note="Een hash, niet terug te voeren op een account.",
    ),
]

NOT_PERSONAL = [
    NotPersonal(Theme, ("name", "description"), "Naam en omschrijving van een thema."),
    NotPersonal(
        MailDelivery, ("message_id",), "Technisch kenmerk van een verstuurde mail (Message-ID)."
    ),
]
