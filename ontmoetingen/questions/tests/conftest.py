import pytest

from ontmoetingen.accounts.tests.factories import UserFactory
from ontmoetingen.core.models import Theme
from ontmoetingen.regions.models import GgdRegion, Municipality, Province


@pytest.fixture
def team(db):
    return UserFactory(project_team=True, full_name="Pim Projectteam")


@pytest.fixture
def professional(db):
    return UserFactory(professional=True, full_name="Vera Verloskundige")


@pytest.fixture
def place(db):
    """One municipality with its province, without loading all 342."""
    province = Province.objects.create(code="PV26", name="Utrecht")
    ggd = GgdRegion.objects.create(code="GG3117", name="GGD regio Utrecht", province=province)
    return Municipality.objects.create(
        code="GM0344", name="Utrecht", province=province, ggd_region=ggd
    )


@pytest.fixture
def theme(db):
    return Theme.objects.get_or_create(
        slug="kwetsbare-zwangeren", defaults={"name": "Kwetsbare zwangeren"}
    )[0]
