"""The regions keep no personal data (see core.privacy: the processing register)."""

from ontmoetingen.core.privacy import NotPersonal
from ontmoetingen.regions.models import GgdRegion, Municipality, Province

REGISTER = []

NOT_PERSONAL = [
    NotPersonal(model, ("name", "shape"), "Naam en kaartvorm van een gebied.")
    for model in (Province, GgdRegion, Municipality)
]
