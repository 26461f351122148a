"""What the newsletter keeps on people (see core.privacy: the processing register)."""

from ontmoetingen.core.privacy import Basis, NotPersonal, Processing
from ontmoetingen.newsletter.models import Digest, Subscriber

REGISTER = [
    Processing(
        model=Subscriber,
        fields=("email", "name"),
        purpose="De nieuwsbrief versturen.",
        basis=Basis.CONSENT,
        seen_by="Het projectteam.",
        kept="Tot de abonnee zich afmeldt; daarna alleen het afmelden zelf.",
        export="newsletter.e-mailadres",
    ),
    Processing(
        model=Digest,
        fields=("created_by",),
        purpose="Bijhouden wie een nieuwsbrief verstuurde.",
        basis=Basis.LEGITIMATE_INTEREST,
        seen_by="Het projectteam.",
        kept="Zolang de nieuwsbrief bewaard wordt.",
        export_note="Werk van het projectteam, geen gegevens over de verzender zelf.",
    ),
]

NOT_PERSONAL = [
    NotPersonal(Digest, ("intro",), "De inleiding van een verzonden nieuwsbrief."),
]
