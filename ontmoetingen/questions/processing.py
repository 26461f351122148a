"""What the questions area keeps on people (see core.privacy: the processing register)."""

from ontmoetingen.core.privacy import Basis, NotPersonal, Processing
from ontmoetingen.questions.models import Question, QuestionNote, ThemeProposal, Vote

REGISTER = [
    Processing(
        model=Question,
        fields=("name", "email", "text", "user", "answer", "ip_hash"),
        purpose="Een vraag of behoefte beantwoorden en de vragensteller op de hoogte houden.",
        basis=Basis.PUBLIC_TASK,
        seen_by="Het projectteam.",
        kept="Het (gehashte) IP-adres twee uur (tegen misbruik); de vraag zelf tot een "
        "AVG-verzoek of tot het projectteam haar verwijdert.",
        export="questions.vragen",
    ),
    Processing(
        model=Question,
        fields=("assigned_to", "answered_by"),
        purpose="Verdelen en verantwoorden van het werk van het projectteam.",
        basis=Basis.LEGITIMATE_INTEREST,
        seen_by="Het projectteam.",
        kept="Zolang de vraag bestaat.",
        export_note="Werk van het projectteam, geen gegevens over de medewerker als persoon.",
    ),
    Processing(
        model=QuestionNote,
        fields=("author", "text"),
        purpose="Interne afstemming over een vraag.",
        basis=Basis.LEGITIMATE_INTEREST,
        seen_by="Het projectteam.",
        kept="Zolang de vraag bestaat.",
        export_note="Interne notities zijn werk van het projectteam.",
    ),
    Processing(
        model=ThemeProposal,
        fields=("proposer", "description"),
        purpose="Thema's voorstellen en laten kiezen.",
        basis=Basis.LEGITIMATE_INTEREST,
        seen_by="Ingelogde gebruikers (zonder naam van de indiener); het projectteam.",
        kept="Zolang het voorstel bestaat; de koppeling vervalt met het account.",
        export="questions.themavoorstellen",
    ),
    Processing(
        model=ThemeProposal,
        fields=("taken_up_by",),
        purpose="Verantwoorden wie een voorstel oppakte.",
        basis=Basis.LEGITIMATE_INTEREST,
        seen_by="Het projectteam.",
        kept="Zolang het voorstel bestaat.",
        export_note="Werk van het projectteam.",
    ),
    Processing(
        model=Vote,
        fields=("user",),
        purpose="Eén stem per persoon op een themavoorstel.",
        basis=Basis.LEGITIMATE_INTEREST,
        seen_by="Niemand per persoon; alleen het aantal stemmen is zichtbaar.",
        kept="Zolang het voorstel en het account bestaan.",
        export="questions.stemmen",
    ),
]

NOT_PERSONAL = [
    NotPersonal(
        Question,
        ("faq_question", "faq_answer"),
        "Geanonimiseerde teksten voor de veelgestelde vragen.",
    ),
]
