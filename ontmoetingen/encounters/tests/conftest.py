import pytest
from django.db.models import Q

from ontmoetingen.regions.models import Municipality, Province


@pytest.fixture
def area(regions):
    """Three neighbouring municipalities in Utrecht and one far away."""
    codes = dict(
        Municipality.objects.filter(
            Q(name="Utrecht")
            | Q(name="Zeist")
            | Q(name="Utrechtse Heuvelrug")
            | Q(name="Groningen")
        ).values_list("name", "code")
    )
    return codes


@pytest.fixture
def utrecht_province(regions):
    return Province.objects.get(name="Utrecht")
