import pytest


@pytest.fixture
def regions(db):
    """The shipped 2026 classification, loaded."""
    from ontmoetingen.regions.services import regions_load

    return regions_load()
