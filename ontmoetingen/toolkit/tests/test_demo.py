import io
import random

import pytest
from django.utils.text import slugify

from ontmoetingen.core.models import Theme
from ontmoetingen.glossary import demo as glossary_demo
from ontmoetingen.glossary.models import Term
from ontmoetingen.toolkit import demo, uploads
from ontmoetingen.toolkit.models import Resource, Status


@pytest.mark.django_db
def test_demo_is_complete_marked_and_idempotent(regions, settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    out = io.StringIO()
    demo.seed(scale="small", rng=random.Random(1), stdout=out)
    glossary_demo.seed(scale="small", rng=random.Random(1), stdout=out)
    published = Resource.objects.published()
    assert published.count() >= 40
    assert not Resource.objects.filter(is_demo=False).exists()
    assert published.filter(mirror__isnull=False).count() == 20
    for resource in published.filter(mirror__isnull=False).select_related("mirror"):
        assert resource.mirror.mirror_id == resource.pk
    used = set(published.values_list("themes__slug", flat=True))
    assert set(Theme.objects.values_list("slug", flat=True)) <= used
    assert published.filter(kind="good-practice", origin__isnull=False).count() >= 10
    assert Resource.objects.filter(status=Status.PROPOSED).count() == 2
    with_file = published.get(file_path__gt="")
    assert uploads.detect_type(uploads.private_storage().open(with_file.file_path)) == "pdf"
    assert Term.objects.count() >= 80
    counts = (Resource.objects.count(), Term.objects.count())
    demo.seed(scale="small", rng=random.Random(1), stdout=out)
    glossary_demo.seed(scale="small", rng=random.Random(1), stdout=out)
    assert (Resource.objects.count(), Term.objects.count()) == counts


@pytest.mark.django_db
def test_demo_makes_exactly_the_items_of_the_data_file(regions, settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    data = demo.demo_resources()
    demo.seed(scale="small", rng=random.Random(1), stdout=io.StringIO())
    rows = data["pairs"] + data["singles"] + data["proposals"]
    slug_of = {row["key"]: slugify(row["title"]) for row in rows}
    made = {r.slug: r for r in Resource.objects.select_related("mirror")}
    assert set(made) == set(slug_of.values())
    assert len(made) == len(rows) == 44
    assert Resource.objects.published().count() == len(data["pairs"] + data["singles"]) == 42
    for row in data["pairs"]:
        assert made[slug_of[row["key"]]].mirror.slug == slug_of[row["mirror"]]
    for row in data["proposals"]:
        assert made[slug_of[row["key"]]].status == Status.PROPOSED
    for row in rows:
        resource = made[slug_of[row["key"]]]
        assert (resource.title, resource.kind, resource.summary) == (
            row["title"],
            row["kind"],
            row["summary"],
        )
        assert (resource.domains, resource.phase_list) == (row["domains"], row["phases"])
