"""Every form page of the site, opened by a role that may use it (issue 12 point 22): the
rendered form is Dutch (no "---------", no English labels, help or error texts), checkboxes
and filters never say "(niet verplicht)", and after a failed submit (empty data) the page title
starts with "Fout:" and the error summary takes focus (``autofocus``).

The URLs come from the resolver (as in test_url_matrix), so a new form page is swept too."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from tests.test_url_matrix import (
    ADMIN,
    COORDINATOR,
    LINK,
    LOGIN,
    OWNER,
    PARAM,
    POST,
    PUBLIC,
    TEAM,
    World,
    _real_links,
    access_of,
    all_patterns,
    fill,
)

ROLE_FOR = {PUBLIC: "anonymous", LINK: "anonymous", LOGIN: "professional", OWNER: "owner"}
ROLE_FOR.update({TEAM: "team", COORDINATOR: "team"})
# pages where logging in changes the form (a logged-in person sees more)
ALSO_LOGGED_IN = {PUBLIC, LINK}

ENGLISH = (
    "This field",
    "Enter a valid",
    "Select a valid choice",
    "Currently",
    "Change:",
    ">Change<",
    ">Clear<",
    "Clear</label>",
    "Themes",
    "Ensure this value",
    "is required",
    "Upload a valid",
    "No file chosen",
)
FORM = re.compile(r"<form\b([^>]*)>(.*?)</form>", re.S | re.I)
TITLE = re.compile(r"<title>(.*?)</title>", re.S)
VISIBLE_INPUT = re.compile(
    r"<(?:textarea|select)\b|<input\b(?![^>]*type=\"(?:hidden|submit|button)\")", re.I
)
# how a page shows that a field was not filled in right (ours, or Django's default rendering)
ERROR_MARKS = (
    'class="field__error"',
    'id="foutmeldingen"',
    'class="errorlist',
    'aria-invalid="true"',
)
OPTIONAL = '<span class="field__optional">(niet verplicht)</span>'


def _main(html: str) -> str:
    start = html.find("<main")
    return html[start : html.find("</main>", start)] if start != -1 else html


def _forms(html: str):
    """(method, action, inner html) of each form in the page's main part with a field to fill."""
    for attrs, inner in FORM.findall(_main(html)):
        if not VISIBLE_INPUT.search(inner):
            continue
        method = re.search(r'method="(\w+)"', attrs, re.I)
        action = re.search(r'action="([^"]*)"', attrs)
        yield (
            (method.group(1).lower() if method else "get"),
            action.group(1) if action else "",
            inner,
        )


SKIPPED_INPUTS = ("checkbox", "radio", "file", "submit")
INPUT = re.compile(r"<(input|textarea|select)\b([^>]*)>", re.I)


def _attr(attrs: str, name: str) -> str | None:
    found = re.search(rf'\b{name}="([^"]*)"', attrs)
    return found.group(1) if found else None


def _empty_submit(inner: str) -> dict:
    """What a browser sends for the form submitted without filling anything in: hidden
    values as they are (a formset's counts), every other field empty, no boxes ticked."""
    data = {}
    for _tag, attrs in INPUT.findall(inner):
        name = _attr(attrs, "name")
        kind = (_attr(attrs, "type") or "").lower()
        if not name or name == "csrfmiddlewaretoken" or kind in SKIPPED_INPUTS:
            continue
        data[name] = (_attr(attrs, "value") or "") if kind == "hidden" else ""
    return data


def _markup_problems(url: str, html: str) -> list[str]:
    problems = []
    for method, _action, inner in _forms(html):
        if "---------" in inner:
            problems.append(f"{url}: lege keuze '---------'")
        for word in ENGLISH:
            if word in inner:
                problems.append(f"{url}: Engels '{word}'")
        if method == "get" and OPTIONAL in inner:
            problems.append(f"{url}: '(niet verplicht)' in een filter")
        for block in re.findall(
            r'<div class="field field--checkbox.*?</div>\s*</div>', inner, re.S
        ):
            if "(niet verplicht)" in block:
                problems.append(f"{url}: '(niet verplicht)' bij een vinkje")
    return problems


def _failed_submit_problems(url: str, html: str) -> list[str]:
    title = TITLE.search(html).group(1).strip()
    problems = []
    if not title.startswith("Fout: ") or title.startswith("Fout: Fout:"):
        problems.append(f"{url}: titel na fout '{title}'")
    summary = html.find('id="foutmeldingen"')
    if summary == -1:
        problems.append(f"{url}: geen foutsamenvatting")
    else:
        tag = html[html.rfind("<", 0, summary) : html.find(">", summary)]
        first_autofocus = html.find("autofocus")
        if "autofocus" not in tag or first_autofocus < html.rfind("<", 0, summary):
            problems.append(f"{url}: de foutsamenvatting krijgt geen focus")
    return problems


class Clients:
    def __init__(self, world: World):
        self.users = {**world.users, "owner": world.owner}

    def get(self, role: str) -> Client:
        """A fresh client per request series: a submit may log out or change the session."""
        client = Client(raise_request_exception=False)
        if self.users.get(role) is not None:
            client.force_login(self.users[role])
        return client


def _targets(world: World):
    links = _real_links(world)
    for route, name in all_patterns():
        access = access_of(name)
        if access in (ADMIN, POST, None) or name.startswith(("api-v1:", "admin:")):
            continue
        if access == LINK:
            url = "/" + PARAM.sub(lambda m, name=name: links[name], route)
        else:
            url = fill(route, name, world)
        roles = [ROLE_FOR[access]]
        if access in ALSO_LOGGED_IN:
            roles.append("professional")
        for role in roles:
            yield name, url, role


def _is_error_page(response) -> bool:
    if response.status_code not in (200, 400, 422):
        return False
    if "text/html" not in response.get("Content-Type", ""):
        return False
    html = response.content.decode()
    return any(mark in html for mark in ERROR_MARKS)


@pytest.mark.django_db
def test_every_form_page_is_dutch_and_a_failed_submit_says_fout_and_takes_focus(regions, settings):
    settings.DEBUG_PROPAGATE_EXCEPTIONS = False
    world = World(regions)
    clients = Clients(world)
    problems, form_pages, failed_submits = [], set(), set()
    for name, url, role in _targets(world):
        response = clients.get(role).get(url)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        html = response.content.decode()
        forms_here = list(_forms(html))
        if not forms_here:
            continue
        form_pages.add(name)
        problems += [f"{role} {p}" for p in _markup_problems(url, html)]
        for method, action, _inner in forms_here:
            if method != "post":
                continue
            target = action or url
            answer = clients.get(role).post(target, _empty_submit(_inner))
            if _is_error_page(answer):
                failed_submits.add(name)
                page = answer.content.decode()
                problems += [
                    f"{role} POST {target}: {p}" for p in _failed_submit_problems(url, page)
                ]
                problems += [f"{role} POST {target}: {p}" for p in _markup_problems(url, page)]
    # the sweep reaches the forms it is meant for (a broken walk would pass vacuously)
    for expected in (
        "accounts:signup",
        "accounts:name_change",
        "questions:new",
        "toolkit:propose",
        "coalitions:edit",
        "events:register",
        "events:manage_create",
    ):
        assert expected in form_pages, f"{expected} niet bereikt: {sorted(form_pages)}"
    assert len(failed_submits) >= 10, sorted(failed_submits)
    assert problems == [], f"{len(problems)} problemen:\n" + "\n".join(sorted(set(problems)))
