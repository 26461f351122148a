"""Model rows to the API's output shapes (schemas.py), field by field."""

from __future__ import annotations

from datetime import date

from django.urls import reverse

from ontmoetingen.core.domain import TABLE_DOMAINS
from ontmoetingen.events.models import Event, EventKind
from ontmoetingen.glossary.models import Term
from ontmoetingen.toolkit.models import Kind, Resource, Status


def region(obj) -> dict | None:
    return {"code": obj.code, "name": obj.name} if obj is not None else None


def municipality(m) -> dict:
    return {
        "code": m.code,
        "name": m.name,
        "active": m.active,
        "province": region(m.province),
        "ggd_region": region(m.ggd_region),
        "successor": m.successor_id,
        "url": m.get_absolute_url(),
    }


def ggd_region(g) -> dict:
    return {"code": g.code, "name": g.name, "province": g.province_id}


def domains_at_table(domains) -> list[dict]:
    return [{"domain": str(d), "label": d.label, "present": d in domains} for d in TABLE_DOMAINS]


def coalition(item) -> dict:
    """A coalition as of a date (selectors.CoalitionAsOf)."""
    facts = item.facts
    return {
        "id": facts.id,
        "name": facts.name,
        "status": facts.status,
        "status_label": facts.status_label,
        "status_since": facts.status_since,
        "action_plan": facts.action_plan,
        "birth_care_at_table": facts.birth_care,
        "domains_at_table": domains_at_table(facts.domains),
        "municipalities": [
            {"code": row.code, "name": row.name}
            for row in sorted(item.municipalities, key=lambda r: (r.name, r.code))
        ],
        "url": facts.url,
    }


def coalition_detail(item, model, *, as_of: date) -> dict:
    """``item`` as of the date, with the coalition's public texts and the partners that had
    joined by then (organisations only: no coordinators, no contact person)."""
    partners = [
        {
            "organisation": membership.organisation.name,
            "domain": membership.organisation.domain,
            "role": membership.role,
            "since": membership.since,
        }
        for membership in model.memberships.all()
        if membership.since <= as_of
    ]
    return {
        **coalition(item),
        "as_of": as_of,
        "ambitions": model.ambitions,
        "themes": [theme.slug for theme in model.themes.all()],
        "partners": partners,
    }


def event(e: Event) -> dict:
    places_left = None if e.capacity is None else max(0, e.capacity - e.confirmed_count)
    is_open, _ = e.registration_state()
    return {
        "slug": e.slug,
        "title": e.title,
        "kind": e.kind,
        "kind_label": EventKind(e.kind).label if e.kind in EventKind.values else e.kind,
        "status": e.status,
        "summary": e.summary,
        "starts_at": e.starts_at,
        "ends_at": e.ends_at,
        "is_online": e.is_online,
        "venue": e.venue,
        "address": e.address,
        "municipality": region(e.municipality),
        "is_national": e.is_national,
        "provinces": [region(p) for p in e.provinces.all()],
        "ggd_regions": [region(g) for g in e.ggd_regions.all()],
        "municipalities": [region(m) for m in e.municipalities.all()],
        "audience": e.audience_domains,
        "themes": [t.slug for t in e.themes.all()],
        "co_organisers": e.co_organisers,
        "capacity": e.capacity,
        "places_left": places_left,
        "registration_open": is_open,
        "url": e.get_absolute_url(),
    }


def event_detail(e: Event) -> dict:
    return {
        **event(e),
        "description": e.description,
        "sessions": [
            {
                "title": s.title,
                "description": s.description,
                "starts_at": s.starts_at,
                "ends_at": s.ends_at,
                "capacity": s.capacity,
            }
            for s in e.sessions.all()
        ],
    }


def resource(r: Resource) -> dict:
    origin = r.origin
    mirror = r.mirror if r.mirror_id and r.mirror.status == Status.PUBLISHED else None
    return {
        "slug": r.slug,
        "title": r.title,
        "kind": r.kind,
        "kind_label": Kind(r.kind).label if r.kind in Kind.values else r.kind,
        "summary": r.summary,
        "domains": r.domains,
        "phases": r.phase_list,
        "themes": [slug for slug, _ in r.theme_pairs],
        "origin": region(origin),
        "origin_province": region(origin.province) if origin is not None else None,
        "mirror": mirror.slug if mirror is not None else None,
        "published_at": r.published_at,
        "url": r.get_absolute_url(),
    }


def resource_detail(r: Resource) -> dict:
    return {
        **resource(r),
        "body": r.body,
        "source_organisation": r.source_organisation,
        "link": r.url or (reverse("toolkit:download", args=[r.slug]) if r.file_path else ""),
    }


def term(t: Term) -> dict:
    return {
        "slug": t.slug,
        "term": t.term,
        "abbreviation": t.abbreviation,
        "domain": t.domain,
        "definition": t.definition,
        "url": t.get_absolute_url(),
    }


def term_detail(t: Term) -> dict:
    return {
        **term(t),
        "explanation": t.explanation,
        "synonyms": t.synonym_list,
        "related": [other.slug for other in t.related.all()],
        "source": t.source,
    }
