"""What the events area keeps on people (see core.privacy: the processing register)."""

from ontmoetingen.core.privacy import Basis, NotPersonal, Processing, registration_kept
from ontmoetingen.events.models import Event, Feedback, Registration, RegistrationQuestion, Session

REGISTER = [
    Processing(
        model=Registration,
        fields=(
            "name",
            "email",
            "organisation",
            "role",
            "dietary",
            "accessibility",
            "answers",
            "user",
            "added_by",
        ),
        purpose="Aanmelden voor een bijeenkomst: plaatsen toewijzen, de deelnemer mailen, "
        "catering en toegankelijkheid regelen, en het bereik tellen (domein, gemeente).",
        basis=Basis.CONSENT,
        seen_by="Het projectteam en de organisatoren van de bijeenkomst; deelnemers alleen wie "
        "zich zichtbaar maakte in de deelnemerslijst.",
        kept=registration_kept,
        export="events.aanmeldingen",
        special=("accessibility",),
    ),
    Processing(
        model=Feedback,
        fields=("useful",),
        purpose="De bijeenkomsten verbeteren.",
        basis=Basis.CONSENT,
        seen_by="Het projectteam (zonder naam van de invuller).",
        kept="De vrije tekst tot dezelfde termijn als de aanmelding; de waardering blijft "
        "anoniem bewaard.",
        export="events.aanmeldingen",
    ),
]

NOT_PERSONAL = [
    NotPersonal(
        Event,
        ("description", "ask_dietary", "ask_accessibility", "cancel_reason"),
        "De openbare beschrijving en instellingen van de bijeenkomst.",
    ),
    NotPersonal(Session, ("description",), "Openbare beschrijving van een workshop."),
    NotPersonal(RegistrationQuestion, ("choices",), "De keuzes bij een vraag, geen antwoorden."),
]
