"""Demo toolkit: 42 fictional resources (10 mirrored pairs, every theme), two proposals
waiting for moderation, and one PDF to download. Idempotent: nothing happens when the demo
resources are there already."""

import json
from datetime import timedelta
from pathlib import Path

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from ontmoetingen.accounts.models import User
from ontmoetingen.core.models import Theme
from ontmoetingen.regions.models import Municipality
from ontmoetingen.toolkit import uploads
from ontmoetingen.toolkit.models import FileType, Resource, Status
from ontmoetingen.toolkit.services import resource_set_mirror, unique_slug

DATA_FILE = Path(__file__).resolve().parent / "data" / "demo_resources.json"
PDF_KEY = "factsheet-1000"
MAX_AGE_DAYS = 400


def demo_resources(path: Path = DATA_FILE) -> dict[str, list[dict]]:
    """The demo items from the data file: ``pairs`` (mirrored, each row names its ``mirror``),
    ``singles`` and ``proposals``; every row has key, title, kind, domains, phases, themes,
    origin (CBS code or null), org, summary and body."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return {group: data[group] for group in ("pairs", "singles", "proposals")}


def demo_pdf(title: str) -> bytes:
    """A small valid one-page PDF with the title on it (no PDF library needed)."""
    text = title.encode("latin-1", "replace").replace(b"(", b"[").replace(b")", b"]")
    stream = (
        b"BT /F1 16 Tf 56 780 Td ("
        + text
        + b") Tj 0 -24 Td (Voorbeeld - Kansrijke Ontmoetingen) Tj ET"
    )
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return bytes(out)


def _build(
    row: dict, *, status: str, published_at, themes: dict, places: dict, user=None
) -> Resource:
    resource = Resource(
        title=row["title"],
        slug=unique_slug(row["title"]),
        kind=row["kind"],
        summary=row["summary"],
        body=row["body"],
        source_organisation=row["org"],
        origin=places.get(row["origin"]),
        url=row.get("url", ""),
        status=status,
        published_at=published_at,
        is_demo=True,
        proposed_by=user,
    )
    resource.domains = row["domains"]
    resource.phase_list = row["phases"]
    resource.save()
    resource.themes.set([themes[slug] for slug in row["themes"] if slug in themes])
    return resource


def seed(*, scale: str, rng, stdout) -> None:
    if Resource.objects.filter(is_demo=True).exists():
        stdout.write("  toolkit: voorbeelden staan er al")
        return
    data = demo_resources()
    pairs, singles, proposals = data["pairs"], data["singles"], data["proposals"]
    themes = {t.slug: t for t in Theme.objects.all()}
    codes = {r["origin"] for r in pairs + singles + proposals if r["origin"]}
    places = {m.code: m for m in Municipality.objects.filter(code__in=codes)}
    now = timezone.now()
    made: dict[str, Resource] = {}
    with transaction.atomic():
        for row in pairs + singles:
            published = now - timedelta(
                days=rng.randint(1, MAX_AGE_DAYS), minutes=rng.randint(0, 600)
            )
            made[row["key"]] = _build(
                row, status=Status.PUBLISHED, published_at=published, themes=themes, places=places
            )
        for row in pairs:
            if made[row["key"]].mirror_id is None:
                resource_set_mirror(resource=made[row["key"]], mirror=made[row["mirror"]])
        proposer = User.objects.filter(email="professional@demo.kansrijke-ontmoetingen.nl").first()
        for row in proposals:
            _build(
                row,
                status=Status.PROPOSED,
                published_at=None,
                themes=themes,
                places=places,
                user=proposer,
            )
        factsheet = made[PDF_KEY]
        content = demo_pdf(factsheet.title)
        upload = ContentFile(content, name="factsheet-eerste-1000-dagen.pdf")
        checked = uploads.check_upload(upload)
        factsheet.file_path = uploads.store(upload, checked)
        factsheet.file_name, factsheet.file_type, factsheet.file_size = (
            checked.name,
            FileType.PDF,
            checked.size,
        )
        factsheet.save()
    stdout.write(
        f"  toolkit: {len(made)} voorbeelden ({len(pairs) // 2} gespiegelde paren), "
        f"{len(proposals)} voorstellen"
    )
