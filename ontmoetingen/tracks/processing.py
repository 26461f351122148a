"""What the tracks area keeps on people (see core.privacy: the processing register)."""

from ontmoetingen.core.privacy import Basis, NotPersonal, Processing
from ontmoetingen.tracks.models import Visit, VisitReport

REGISTER = [
    Processing(
        model=Visit,
        fields=("contacts",),
        purpose="Een werkbezoek voorbereiden met de contactpersonen in de regio.",
        basis=Basis.PUBLIC_TASK,
        seen_by="Het projectteam.",
        kept="Zolang het bezoek bewaard wordt; op verzoek gewist.",
        export_note="Vrije tekst van het projectteam over externe contactpersonen, zonder account.",
    ),
    Processing(
        model=VisitReport,
        fields=("written_by", "findings", "agreements"),
        purpose="Vastleggen wat er speelt en wat is afgesproken bij een werkbezoek.",
        basis=Basis.PUBLIC_TASK,
        seen_by="Het projectteam.",
        kept="Zolang het bezoek bewaard wordt.",
        export_note="Werk van het projectteam.",
    ),
]

NOT_PERSONAL = [
    NotPersonal(Visit, ("summary",), "Openbare korte omschrijving van het bezoek."),
]
