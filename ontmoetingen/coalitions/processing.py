"""What the coalitions area keeps on people (see core.privacy: the processing register)."""

from ontmoetingen.coalitions.models import Coalition, Invitation, StatusChange
from ontmoetingen.core.privacy import Basis, NotPersonal, Processing

REGISTER = [
    Processing(
        model=Coalition,
        fields=("contact_name", "contact_email", "coordinators"),
        purpose="Een aanspreekpunt per coalitie tonen en coördinatoren de coalitie laten "
        "bijhouden.",
        basis=Basis.PUBLIC_TASK,
        seen_by="Iedereen (contactpersoon op de coalitiepagina); coördinatoren: het projectteam.",
        kept="Zolang de persoon contactpersoon of coördinator is.",
        export="coalitions.coordinator_van",
    ),
    Processing(
        model=StatusChange,
        fields=("changed_by", "note"),
        purpose="Verantwoorden wie de status van een coalitie wijzigde en waarom.",
        basis=Basis.PUBLIC_TASK,
        seen_by="Het projectteam en de coördinatoren van de coalitie.",
        kept="Zolang de coalitie bestaat (geschiedenis van de monitor).",
        export="coalitions.statuswijzigingen",
    ),
    Processing(
        model=Invitation,
        fields=("email", "invited_by"),
        purpose="Een partnerorganisatie uitnodigen voor een coalitie.",
        basis=Basis.LEGITIMATE_INTEREST,
        seen_by="Het projectteam en de coördinatoren van de coalitie.",
        kept="Zolang de coalitie bestaat; op verzoek gewist.",
        export="coalitions.uitnodigingen_verstuurd",
    ),
]

NOT_PERSONAL = [
    NotPersonal(
        Coalition,
        ("name", "ambitions", "description"),
        "Openbare teksten over de coalitie, niet over personen.",
    ),
]
