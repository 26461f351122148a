"""What the toolkit keeps on people (see core.privacy: the processing register)."""

from ontmoetingen.core.privacy import Basis, NotPersonal, Processing
from ontmoetingen.toolkit.models import Resource

REGISTER = [
    Processing(
        model=Resource,
        fields=("proposed_by", "rejection_reason"),
        purpose="Een voorgesteld toolkit-item beoordelen en de indiener laten weten waarom.",
        basis=Basis.LEGITIMATE_INTEREST,
        seen_by="De indiener en het projectteam.",
        kept="Zolang het item bestaat; de koppeling vervalt met het account.",
        export="toolkit.voorstellen",
    ),
    Processing(
        model=Resource,
        fields=("moderated_by",),
        purpose="Verantwoorden wie een item beoordeelde.",
        basis=Basis.LEGITIMATE_INTEREST,
        seen_by="Het projectteam.",
        kept="Zolang het item bestaat.",
        export_note="Werk van het projectteam.",
    ),
]

NOT_PERSONAL = [
    NotPersonal(
        Resource,
        ("body", "summary", "file_name"),
        "Openbare inhoud van het toolkit-item.",
    ),
]
