"""What the API keeps on people (see core.privacy: the processing register)."""

from ontmoetingen.api.models import ApiToken, SubmittedEvent
from ontmoetingen.core.privacy import Basis, NotPersonal, Processing

REGISTER = [
    Processing(
        model=ApiToken,
        fields=("user", "created_by", "revoked_by"),
        purpose="Bijhouden wie met een API-token namens een partner gegevens schrijft, en wie "
        "het token uitgaf of introk.",
        basis=Basis.LEGITIMATE_INTEREST,
        seen_by="Het projectteam; de houder ziet de eigen tokens.",
        kept="Zolang het token en het account bestaan.",
        export="api.api_tokens",
    ),
    Processing(
        model=SubmittedEvent,
        fields=("user",),
        purpose="Weten wie een bijeenkomst via de API aanleverde.",
        basis=Basis.LEGITIMATE_INTEREST,
        seen_by="Het projectteam.",
        kept="Zolang de bijeenkomst bestaat; de koppeling vervalt met het account.",
        export_note="Een koppeling tussen bijeenkomst en account; de bijeenkomst zelf is openbaar.",
    ),
]

NOT_PERSONAL = [
    NotPersonal(ApiToken, ("name",), "De naam van het token (bijvoorbeeld 'Pharos')."),
]
