import pytest

from ontmoetingen.questions.privacy import (
    BIRTH_DATE_REFUSED,
    BSN_REFUSED,
    anonymise,
    client_data_problem,
    find_bsn,
    passes_eleven_test,
)

VALID_BSN = "111222333"  # 9*1+8*1+7*1+6*2+5*2+4*2+3*3+2*3-1*3 = 66, a multiple of 11
ALSO_VALID = "123456782"


def test_eleven_test():
    assert passes_eleven_test(VALID_BSN)
    assert passes_eleven_test(ALSO_VALID)
    assert not passes_eleven_test("123456789")
    assert not passes_eleven_test("000000000")
    assert not passes_eleven_test("12345678")


@pytest.mark.parametrize(
    "text",
    [
        f"Cliënte met BSN {VALID_BSN} heeft hulp nodig.",
        "bsn: 1234.56.782 graag nakijken",
        "Nummer 123 456 782 staat in het dossier",
        "123-456-782",
    ],
)
def test_valid_bsn_is_refused(text):
    assert find_bsn(text)
    assert client_data_problem(text) == BSN_REFUSED


@pytest.mark.parametrize(
    "text",
    [
        "Bel ons op 123456789 voor meer informatie.",  # nine digits, fails the eleven test
        "Het project heeft nummer 987654321.",
        "Ons telefoonnummer is 0612345678.",  # ten digits
        "In 2024 waren er 270 coalities.",
    ],
)
def test_numbers_failing_the_eleven_test_are_fine(text):
    assert client_data_problem(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "Mevrouw Jansen (12-03-1990) heeft geldzorgen.",
        "Anna de Vries, geboren 3 maart 1995, woont in Utrecht.",
        "Baby Noah geboren op 01/02/2025 is te vroeg.",
        "Het gaat om Fatima el Amrani, 1992-04-17.",
        "geboortedatum 14-07-2001 van de cliënte",
    ],
)
def test_name_with_date_of_birth_is_refused(text):
    assert client_data_problem(text) == BIRTH_DATE_REFUSED


@pytest.mark.parametrize(
    "text",
    [
        "De bijeenkomst op 12-03-2025 was nuttig.",
        "Gemeente Utrecht start op 1 april 2026 met de coalitie.",
        "Mevrouw Jansen van het wijkteam wil graag kennismaken.",  # a name, no date
        "Op 5 juni 2025 sprak ik met Veilig Thuis over de meldcode.",
    ],
)
def test_dates_without_a_person_are_fine(text):
    assert client_data_problem(text) is None


def test_anonymise_removes_names_mail_phone_and_numbers():
    text = "Ik ben Sanne de Wit (sanne@praktijk.nl, 06-12345678), dossier 12345678. Sanne vraagt..."
    result = anonymise(text, names=["Sanne de Wit"])
    assert "Sanne" not in result and "de Wit" not in result
    assert "sanne@praktijk.nl" not in result and "[e-mailadres]" in result
    assert "12345678" not in result
    assert "[naam]" in result
