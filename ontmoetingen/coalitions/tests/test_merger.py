"""A made-up municipal merger: coalitions and working areas follow the successor."""

import pytest

from ontmoetingen.coalitions.models import CoalitionMunicipality
from ontmoetingen.coalitions.tests.factories import CoalitionFactory
from ontmoetingen.core.models import AuditLog
from ontmoetingen.directory.tests.factories import OrganisationFactory
from ontmoetingen.regions.services import regions_load
from ontmoetingen.regions.tests.test_regions import _made_up_2027

pytestmark = pytest.mark.django_db


def test_merged_municipality_keeps_coalition_and_working_areas(regions, tmp_path, client):
    coalition = CoalitionFactory(name="Kansrijke Start Flevoland", municipalities=["GM0034"])
    organisation = OrganisationFactory(name="Kraamzorg Polder", service_area=["GM0995"])
    regions_load(release_dir=_made_up_2027(tmp_path))

    # Almere and Lelystad merged into the made-up Zuiderzee (GM1999)
    assert CoalitionMunicipality.objects.get(municipality_id="GM1999", active=True).coalition == (
        coalition
    )
    assert not CoalitionMunicipality.objects.get(municipality_id="GM0034").active
    assert set(organisation.service_area.values_list("code", flat=True)) == {"GM0995", "GM1999"}
    assert AuditLog.objects.filter(action="gemeentelijke herindeling verwerkt").exists()
    assert AuditLog.objects.filter(
        action="werkgebied aangepast na gemeentelijke herindeling"
    ).exists()

    table = client.get("/monitor/gemeenten/?q=zuiderzee").content.decode()
    assert "Kansrijke Start Flevoland" in table
    assert '<span class="muted">geen coalitie</span>' not in table
    page = client.get(coalition.get_absolute_url()).content.decode()
    assert "Zuiderzee" in page
    organisation_page = client.get(organisation.get_absolute_url()).content.decode()
    assert "Zuiderzee" in organisation_page

    # loading the same year again changes nothing more
    before = AuditLog.objects.count()
    regions_load(release_dir=tmp_path / "2027")
    assert AuditLog.objects.count() == before
