"""What the shared parts keep on people (see core.privacy: the processing register)."""

from ontmoetingen.core.models import AuditLog, MailDelivery, Theme
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
]

NOT_PERSONAL = [
    NotPersonal(Theme, ("name", "description"), "Naam en omschrijving van een thema."),
    NotPersonal(
        MailDelivery, ("message_id",), "Technisch kenmerk van een verstuurde mail (Message-ID)."
    ),
]
