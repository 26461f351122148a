"""Demo toolkit: 42 fictional resources (10 mirrored pairs, every theme), two proposals
waiting for moderation; every published item has a real file to download (PDF or Word,
made by demo_files from the item's own text). Idempotent: nothing happens when the demo
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
from ontmoetingen.toolkit.demo_files import demo_file
from ontmoetingen.toolkit.models import Resource, Status
from ontmoetingen.toolkit.services import resource_set_mirror, unique_slug

DATA_FILE = Path(__file__).resolve().parent / "data" / "demo_resources.json"
MAX_AGE_DAYS = 400


def demo_resources(path: Path = DATA_FILE) -> dict[str, list[dict]]:
    """The demo items from the data file: ``pairs`` (mirrored, each row names its ``mirror``),
    ``singles`` and ``proposals``; every row has key, title, kind, domains, phases, themes,
    origin (CBS code or null), org, summary and body."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return {group: data[group] for group in ("pairs", "singles", "proposals")}


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


def _attach_file(resource: Resource, row: dict) -> None:
    name, content = demo_file(row)
    upload = ContentFile(content, name=name)
    checked = uploads.check_upload(upload)
    resource.file_path = uploads.store(upload, checked)
    resource.file_name, resource.file_type, resource.file_size = (
        checked.name,
        checked.file_type,
        checked.size,
    )
    resource.save(update_fields=["file_path", "file_name", "file_type", "file_size"])


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
        for row in pairs + singles:
            _attach_file(made[row["key"]], row)
    stdout.write(
        f"  toolkit: {len(made)} voorbeelden ({len(pairs) // 2} gespiegelde paren), "
        f"{len(proposals)} voorstellen"
    )
