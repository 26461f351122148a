"""The glossary keeps no personal data (see core.privacy: the processing register)."""

from ontmoetingen.core.privacy import NotPersonal
from ontmoetingen.glossary.models import Term

REGISTER = []

NOT_PERSONAL = [
    NotPersonal(Term, ("definition", "explanation", "synonyms"), "Uitleg van een begrip."),
]
