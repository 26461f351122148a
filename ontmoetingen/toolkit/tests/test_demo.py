import io
import random
import re
import zipfile
from xml.etree import ElementTree

import pytest
from django.utils.text import slugify

from ontmoetingen.core.models import Theme
from ontmoetingen.glossary import demo as glossary_demo
from ontmoetingen.glossary.models import Term
from ontmoetingen.toolkit import demo, demo_files, uploads
from ontmoetingen.toolkit.demo_files import W
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
    for resource in published:
        stored = uploads.private_storage().open(resource.file_path)
        assert uploads.detect_type(stored) == resource.file_type, resource.title
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


def check_pdf(content: bytes) -> str:
    """Parse the PDF's structure the way a reader does: every xref offset points at its object,
    the trailer names the catalog; returns the text shown (WinAnsi strings)."""
    assert content.startswith(b"%PDF-1.4") and content.rstrip().endswith(b"%%EOF")
    start = int(re.search(rb"startxref\n(\d+)\n", content)[1])
    assert content[start:].startswith(b"xref\n")
    header = re.match(rb"xref\n0 (\d+)\n", content[start:])
    count = int(header[1])
    entries = content[start + header.end() :].split(b"\n")[:count]
    for number, entry in enumerate(entries[1:], start=1):
        offset = int(entry[:10])
        assert content[offset:].startswith(f"{number} 0 obj".encode()), number
    assert b"/Root 1 0 R" in content and b"/Type /Catalog" in content
    for length, stream in re.findall(rb"/Length (\d+) >>\nstream\n(.*?)\nendstream", content, re.S):
        assert int(length) == len(stream)
    shown = re.findall(rb"\((.*?)\) Tj", content)
    return " ".join(s.replace(b"\\(", b"(").replace(b"\\)", b")").decode("cp1252") for s in shown)


@pytest.mark.django_db
def test_demo_files_open_as_real_pdf_and_word(regions, settings, tmp_path):
    """Issue 12 #28: the demo items have files a user can open: a gesprekskaart as PDF,
    a verwijsschema as Word with its steps in a table."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    demo.seed(scale="small", rng=random.Random(1), stdout=io.StringIO())
    storage = uploads.private_storage()
    card = Resource.objects.get(title="Gesprekskaart geldzorgen voor verloskundigen")
    assert card.file_type == "pdf" and card.file_name.endswith(".pdf")
    text = check_pdf(storage.open(card.file_path).read())
    assert "Gesprekskaart geldzorgen voor verloskundigen" in text
    assert "Lukt het om alle rekeningen te betalen?" in text and "fictief" in text
    route = Resource.objects.get(title="Verwijsroute: van verloskundige naar wijkteam")
    assert route.file_type == "docx" and route.file_name.startswith("verwijsschema-")
    with zipfile.ZipFile(storage.open(route.file_path)) as archive:
        assert archive.testzip() is None
        ElementTree.fromstring(archive.read("[Content_Types].xml"))
        document = ElementTree.fromstring(archive.read("word/document.xml"))
    words = "".join(node.text or "" for node in document.iter(f"{{{W}}}t"))
    assert "Verwijsroute: van verloskundige naar wijkteam" in words
    cells = [
        "".join(t.text for t in cell.iter(f"{{{W}}}t")) for cell in document.iter(f"{{{W}}}tc")
    ]
    assert cells[:2] == ["Stap", "Wat er gebeurt"] and "1" in cells
    # long texts run onto a second page instead of off the first
    long = demo_files.pdf_document("Lang", "test", [demo_files.Block("p", "woord " * 3000)])
    assert int(re.search(rb"/Count (\d+)", long)[1]) >= 2
    check_pdf(long)
    # the same item gives the same bytes (idempotent, deterministic demo)
    row = next(r for r in demo.demo_resources()["pairs"] if r["key"] == "route-vk")
    assert demo_files.demo_file(row) == demo_files.demo_file(row)
