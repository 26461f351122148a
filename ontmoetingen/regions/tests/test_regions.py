import csv
import json
import shutil

import pytest
from django.core.management import call_command
from django.urls import reverse

from ontmoetingen.regions.models import GgdRegion, Municipality, Province, RegionChange
from ontmoetingen.regions.services import CURRENT_RELEASE, regions_load

pytestmark = pytest.mark.django_db


def test_loads_all_342_municipalities_12_provinces_25_ggd_regions(regions):
    assert Municipality.objects.active().count() == 342
    assert Province.objects.count() == 12
    assert GgdRegion.objects.count() == 25
    amsterdam = Municipality.objects.with_regions().get(code="GM0363")
    assert (amsterdam.name, amsterdam.province.name, amsterdam.ggd_region.name) == (
        "Amsterdam",
        "Noord-Holland",
        "GGD Amsterdam",
    )
    assert amsterdam.shape.startswith("M") and amsterdam.shape.endswith("z")
    assert Municipality.objects.filter(shape="").count() == 0


def test_loading_twice_changes_nothing(regions):
    regions_load()
    report = regions_load()
    assert report.added == report.renamed == report.retired == []
    assert report.unchanged == 342
    assert RegionChange.objects.filter(kind=RegionChange.Kind.ADDED).count() == 342
    assert RegionChange.objects.exclude(kind=RegionChange.Kind.ADDED).count() == 0


def test_command_is_idempotent(regions, capsys):
    call_command("load_regions")
    assert "342 ongewijzigd" in capsys.readouterr().out


def _made_up_2027(tmp_path):
    """2027: Amsterdam renamed, Diemen (GM0384) merges into Amsterdam, a new Zuiderzee is added
    from Almere (GM0034) and Lelystad (GM0995)."""
    release = tmp_path / "2027"
    shutil.copytree(CURRENT_RELEASE, release)
    rows = list(csv.DictReader((release / "municipalities.csv").open(encoding="utf-8")))
    fields = list(rows[0].keys())
    kept = []
    for row in rows:
        if row["code"] in {"GM0384", "GM0034", "GM0995"}:
            continue
        if row["code"] == "GM0363":
            row["name"] = "Amsterdam-Diemen"
        kept.append(row)
    kept.append({**rows[1], "code": "GM1999", "name": "Zuiderzee"})
    with (release / "municipalities.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields)
        writer.writeheader()
        writer.writerows(kept)
    (release / "changes.csv").write_text(
        "old_code,new_code\nGM0384,GM0363\nGM0034,GM1999\nGM0995,GM1999\n", encoding="utf-8"
    )
    meta = json.loads((release / "release.json").read_text())
    meta["year"] = 2027
    (release / "release.json").write_text(json.dumps(meta))
    return release


def test_made_up_merger_adds_renames_and_retires_without_breaking_references(
    regions, tmp_path, client
):
    diemen = Municipality.objects.get(code="GM0384")
    regions_load()
    report = regions_load(release_dir=_made_up_2027(tmp_path))

    assert report.added == ["GM1999"]
    assert report.renamed == ["GM0363"]
    assert sorted(report.retired) == ["GM0034", "GM0384", "GM0995"]
    assert Municipality.objects.active().count() == 340

    diemen.refresh_from_db()
    assert not diemen.active and diemen.successor_id == "GM0363" and diemen.last_year == 2026
    assert diemen.current.name == "Amsterdam-Diemen"
    assert Municipality.objects.get(code="GM0995").current.code == "GM1999"
    assert RegionChange.objects.filter(year=2027, kind=RegionChange.Kind.RETIRED).count() == 3

    # the retired municipality's page still works and points to its successor
    response = client.get(reverse("regions:detail", args=["GM0384"]))
    assert response.status_code == 200
    assert "opgegaan in" in response.content.decode()
    assert "Amsterdam-Diemen" in response.content.decode()
    # the list shows only the current municipalities
    listing = client.get(reverse("regions:list")).content.decode()
    assert "Amsterdam-Diemen" in listing and ">Diemen<" not in listing

    # loading the same year again is a no-op
    again = regions_load(release_dir=tmp_path / "2027")
    assert again.added == again.retired == again.renamed == []


def test_municipality_list_groups_by_province_and_searches_without_accents(regions, client):
    response = client.get(reverse("regions:list"))
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count('href="/gemeenten/GM') == 342
    assert "Fryslân" in html
    response = client.get(reverse("regions:list"), {"q": "sudwest"})
    html = response.content.decode()
    assert "Súdwest-Fryslân" in html
    assert html.count('href="/gemeenten/GM') == 1


def test_municipality_search_htmx_returns_only_the_results(regions, client):
    response = client.get(reverse("regions:list"), {"q": "amster"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert "<html" not in html
    assert 'id="gemeenten-resultaten"' in html
    assert "Amsterdam" in html and "Amstelveen" not in html


def test_municipality_search_empty_state(regions, client):
    html = client.get(reverse("regions:list"), {"q": "xyzzy"}).content.decode()
    assert "Geen gemeente gevonden" in html


def test_municipality_detail_shows_regions_and_map(regions, client):
    response = client.get(reverse("regions:detail", args=["GM0363"]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Gemeente Amsterdam" in html and "Noord-Holland" in html and "GGD Amsterdam" in html
    assert "<svg" in html and 'class="map__highlight"' in html
    assert "Amstelveen" in html  # a neighbour on the zoomed map
    assert "cartomap" in html  # attribution with the map


def test_municipality_code_is_case_insensitive_and_unknown_is_404(regions, client):
    assert client.get("/gemeenten/gm0363/").status_code == 200
    response = client.get("/gemeenten/GM9999/")
    assert response.status_code == 404
    assert "Pagina niet gevonden" in response.content.decode()


def test_pages_have_constant_query_counts(regions, client, django_assert_max_num_queries):
    with django_assert_max_num_queries(6):
        client.get(reverse("regions:list"))
    with django_assert_max_num_queries(9):  # one of them: the neighbours sharing a border
        client.get(reverse("regions:detail", args=["GM0363"]))


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("Den Haag", "'s-Gravenhage"),
        ("den haag", "'s-Gravenhage"),
        ("'s-Gravenhage", "'s-Gravenhage"),
        ("Gravenhage", "'s-Gravenhage"),
        ("Den Bosch", "'s-Hertogenbosch"),
        ("'s Hertogenbosch", "'s-Hertogenbosch"),
        ("Bergen NH", "Bergen (NH.)"),
        ("bergen (nh.)", "Bergen (NH.)"),
        ("Bergen L", "Bergen (L.)"),
        ("sudwest fryslan", "Súdwest-Fryslân"),
    ],
)
def test_common_names_find_municipalities(regions, typed, expected):
    from ontmoetingen.regions.selectors import municipalities_search

    names = [m.name for m in municipalities_search(text=typed)]
    assert expected in names


def test_sorting_ignores_s_prefix_and_case(regions):
    from ontmoetingen.regions.selectors import municipality_choices

    names = [name for _, name in municipality_choices()]
    assert names[0].startswith("A")  # not "'s-Gravenhage" first
    position = names.index("'s-Gravenhage")
    assert names[position - 1].startswith(("G", "g"))
    assert names[position + 1].startswith(("G", "g", "H"))


def test_neighbours_share_a_border_not_a_bounding_box(regions, client):
    """Issue 12 §20: "Utrecht en de buurgemeenten" lists the municipalities that share a border
    (a common arc in the TopoJSON); Lopik lies in Utrecht's bounding box but does not touch it."""
    utrecht = Municipality.objects.get(code="GM0344")
    names = set(utrecht.neighbours.values_list("name", flat=True))
    assert {"De Bilt", "Nieuwegein", "Stichtse Vecht", "Woerden", "Zeist"} <= names
    assert "Lopik" not in names and "Amersfoort" not in names
    # symmetric, and every active municipality has at least one (the Wadden islands too)
    assert utrecht in Municipality.objects.get(name="De Bilt").neighbours.all()
    html = client.get(reverse("regions:detail", args=["GM0344"])).content.decode()
    listed = html[html.index("<h2>Buurgemeenten</h2>") :]
    listed = listed[: listed.index("</ul>")]
    assert "Nieuwegein" in listed and "Lopik" not in listed


def test_loading_again_keeps_the_neighbours(regions):
    regions_load()
    assert Municipality.objects.get(code="GM0344").neighbours.count() == 9
