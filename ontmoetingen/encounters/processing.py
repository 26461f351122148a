"""What the encounters area keeps on people (see core.privacy: the processing register)."""

from ontmoetingen.core.privacy import Basis, Processing
from ontmoetingen.encounters.models import (
    AbuseReport,
    Block,
    Consent,
    Introduction,
    Invitation,
    Professional,
)

REGISTER = [
    Processing(
        model=Professional,
        fields=("user", "phone", "offer", "ask", "intro"),
        purpose="Professionals met elkaar in contact brengen (het smoelenboek).",
        basis=Basis.CONSENT,
        seen_by="Ingelogde professionals als het profiel gepubliceerd is; het projectteam.",
        kept="Tot de professional het profiel verwijdert of de toestemming intrekt.",
        export="encounters.profiel",
    ),
    Processing(
        model=Consent,
        fields=("user", "text"),
        purpose="Aantonen waarvoor en wanneer toestemming is gegeven of ingetrokken.",
        basis=Basis.LEGAL_OBLIGATION,
        seen_by="Het projectteam.",
        kept="Zolang het account bestaat.",
        export="encounters.toestemmingen",
    ),
    Processing(
        model=Introduction,
        fields=("requester", "recipient", "message"),
        purpose="Een kennismakingsverzoek doorgeven tussen twee professionals.",
        basis=Basis.CONSENT,
        seen_by="De aanvrager en de ontvanger.",
        kept="Zolang beide accounts bestaan.",
        export="encounters.kennismakingen",
    ),
    Processing(
        model=Invitation,
        fields=("email", "full_name", "message", "invited_by", "accepted_by"),
        purpose="Iemand uitnodigen om een account aan te maken.",
        basis=Basis.LEGITIMATE_INTEREST,
        seen_by="Het projectteam en wie uitnodigde.",
        kept="Tot de uitnodiging verloopt, is ingetrokken of is geaccepteerd; op verzoek gewist.",
        export="encounters.uitnodigingen_verstuurd",
    ),
    Processing(
        model=Block,
        fields=("blocker", "blocked"),
        purpose="Geen kennismakingsverzoeken meer van iemand die is geblokkeerd.",
        basis=Basis.LEGITIMATE_INTEREST,
        seen_by="Wie blokkeerde.",
        kept="Zolang beide accounts bestaan.",
        export_note="Alleen gebruikt om verzoeken tegen te houden.",
    ),
    Processing(
        model=AbuseReport,
        fields=("reporter", "reported", "text"),
        purpose="Misbruik van het smoelenboek melden en afhandelen.",
        basis=Basis.LEGITIMATE_INTEREST,
        seen_by="Het projectteam.",
        kept="Tot de melding is afgehandeld en zolang nodig om herhaling te voorkomen.",
        export_note="Meldingen worden niet aan de gemelde persoon getoond (bescherming van de "
        "melder); op verzoek verstrekt het projectteam ze.",
    ),
]
