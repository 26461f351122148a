"""How areas plug into shared pages without core importing them.

An area's AppConfig may declare:
- ``home_sections``: list of (template, "dotted.path.to.context_function") shown on the home page;
  the function takes the request and returns a dict for the template.
- ``mine_sections``: the same for /mijn/.
- ``municipality_sections``: the same for /gemeenten/<code>/, called with (request, municipality).
- ``organisation_sections``: the same for /organisaties/<id>/, called with (request, organisation).
- ``personal_data``: dotted path of fn(user) -> dict for the personal data export.
- ``processing_register`` / ``not_personal``: dotted paths of the area's lines of the processing
  register (core.privacy.Processing / NotPersonal), shown on /beheer/verwerkingen/.
- ``find_personal_data`` / ``erase_personal_data``: dotted paths of fn(email, user) that find /
  erase everything the area keeps on a person (the AVG request page, account deletion).
- ``backoffice_links``: list of (url name, label, description) for the project team's start page.
- ``backoffice_attention``: dotted path of ``fn() -> list[dict]`` with what needs the team's
  attention: ``{"label", "count", "url", "hint"}`` (``url`` opens the filtered list); shown as
  counts on /beheer/.
- ``periodic_tasks``: list of dotted paths to django-tasks tasks the scheduler enqueues regularly.
- ``demo_logins``: dotted path of ``fn() -> [(role, email, password)]`` that ``demo`` prints.
- ``text_marker``: dotted path of ``fn(html) -> html`` run over every rendered text (the
  glossary marks its terms this way).
- ``demo_seed``: dotted path of ``seed(*, scale: str, rng: random.Random, stdout) -> None``;
  ``seed_demo`` calls these in INSTALLED_APPS order.
"""

import functools
from collections.abc import Iterator

from django.apps import apps
from django.utils.module_loading import import_string


def _area_configs() -> Iterator:
    for config in apps.get_app_configs():
        if config.name.startswith("ontmoetingen."):
            yield config


def sections(hook: str, *args) -> list[dict]:
    """Page sections other areas contribute: AppConfig.<hook> = [(template, "path.to.fn")].

    Each function gets ``*args`` (the request, or the request and the object shown) and returns
    the context for its template, or None to leave the section out.
    """
    found = []
    for config in _area_configs():
        for template, context_path in getattr(config, hook, []):
            context = import_string(context_path)(*args)
            if context is not None:
                found.append({"template": template, "context": context})
    return found


def home_sections(request) -> list[dict]:
    return sections("home_sections", request)


def backoffice_links() -> list[dict]:
    from django.urls import NoReverseMatch, reverse

    links = []
    for config in _area_configs():
        for url_name, label, description in getattr(config, "backoffice_links", []):
            try:
                links.append(
                    {
                        "url": reverse(url_name),
                        "label": label,
                        "description": description,
                        "area": config.verbose_name,
                    }
                )
            except NoReverseMatch:
                continue
    return links


def periodic_tasks() -> list:
    return [
        import_string(path)
        for config in _area_configs()
        for path in getattr(config, "periodic_tasks", [])
    ]


def demo_seeders() -> list:
    return [
        (config.label, import_string(config.demo_seed))
        for config in _area_configs()
        if getattr(config, "demo_seed", None)
    ]


def mine_sections(request) -> list[dict]:
    """Sections on /mijn/ (AppConfig.mine_sections), each called with the request."""
    return sections("mine_sections", request)


def personal_data(user) -> dict:
    """Everything the platform holds on a user: AppConfig.personal_data = "path.to.fn(user)->dict"."""
    data = {}
    for config in _area_configs():
        path = getattr(config, "personal_data", None)
        if path:
            data[config.label] = import_string(path)(user)
    return data


@functools.cache
def text_markers() -> tuple:
    """Functions that enrich rendered text (AppConfig.text_marker), in INSTALLED_APPS order."""
    return tuple(
        import_string(config.text_marker)
        for config in _area_configs()
        if getattr(config, "text_marker", None)
    )


def demo_logins() -> list:
    """The demo's logins (AppConfig.demo_logins), for the demo command to print."""
    return [
        login
        for config in _area_configs()
        if getattr(config, "demo_logins", None)
        for login in import_string(config.demo_logins)()
    ]


def backoffice_attention() -> list[dict]:
    """What needs attention on /beheer/, from every area (AppConfig.backoffice_attention)."""
    items = []
    for config in _area_configs():
        path = getattr(config, "backoffice_attention", None)
        if path:
            for item in import_string(path)():
                items.append({**item, "area": config.verbose_name})
    return items


def processing_register() -> list[tuple[str, list]]:
    """Per area (verbose name) its lines of the processing register:
    AppConfig.processing_register = "ontmoetingen.<area>.processing.REGISTER"."""
    return [
        (config.verbose_name, import_string(config.processing_register))
        for config in _area_configs()
        if getattr(config, "processing_register", None)
    ]


def not_personal() -> list:
    """Fields declared not personal (AppConfig.not_personal = "path.NOT_PERSONAL")."""
    return [
        entry
        for config in _area_configs()
        if getattr(config, "not_personal", None)
        for entry in import_string(config.not_personal)
    ]


def personal_data_hooks(hook: str) -> list[tuple[str, object]]:
    """(area label, function) for AppConfig.<hook> = "path.to.fn": ``find_personal_data`` and
    ``erase_personal_data``, both called with ``(email, user)`` (user may be None)."""
    return [
        (config.label, import_string(getattr(config, hook)))
        for config in _area_configs()
        if getattr(config, hook, None)
    ]
