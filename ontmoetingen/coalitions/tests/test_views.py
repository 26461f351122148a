import re
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.html import escape

from ontmoetingen.accounts.tests.factories import UserFactory
from ontmoetingen.coalitions.models import CoalitionMembership, CoalitionStatus, StatusChange
from ontmoetingen.coalitions.tests.factories import CoalitionFactory, MembershipFactory
from ontmoetingen.core.models import AuditLog
from ontmoetingen.directory.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def coalition(regions):
    coalition = CoalitionFactory(
        name="Kansrijke Start Utrecht",
        municipalities=["GM0344"],
        status=CoalitionStatus.WERKEND,
        description="Wij werken **samen**.",
    )
    MembershipFactory(coalition=coalition, organisation__social=True)
    return coalition


@pytest.fixture
def coordinator(coalition):
    user = UserFactory(coordinator=True)
    coalition.coordinators.add(user)
    return user


def test_public_detail_shows_domains_as_text_and_hides_missing(client, coalition):
    OrganisationFactory(name="Praktijk Ontbreekt", service_area=["GM0344"])
    html = client.get(f"/coalities/{coalition.pk}/").content.decode()
    assert "Kansrijke Start Utrecht" in html
    assert "<strong>samen</strong>" in html
    assert "sociaal domein: aan tafel" in html
    assert "geboortezorg</span>: <strong>nog niet aan tafel</strong>" in html
    assert "Wie ontbreekt aan tafel" not in html
    assert "Praktijk Ontbreekt" not in html
    assert html.count('class="map__highlight"') == 1  # Utrecht on the map


def test_coordinator_sees_missing_grouped_with_invite(client, coalition, coordinator):
    OrganisationFactory(name="Praktijk Ontbreekt", service_area=["GM0344"])
    client.force_login(coordinator)
    html = client.get(f"/coalities/{coalition.pk}/").content.decode()
    assert "Wie ontbreekt aan tafel" in html
    assert "Praktijk Ontbreekt" in html
    assert "Uitnodigen als partner" in html


def test_list_filters_by_query_parameter(client, coalition):
    CoalitionFactory(name="Kansrijke Start Amsterdam", municipalities=["GM0363"])
    html = client.get("/coalities/?status=werkend").content.decode()
    assert "Kansrijke Start Utrecht" in html and "Kansrijke Start Amsterdam" not in html
    html = client.get("/coalities/?status=geborgd").content.decode()
    assert "Geen coalities gevonden" in html


def test_coordinator_edits_own_coalition_and_it_is_logged(client, coalition, coordinator):
    client.force_login(coordinator)
    response = client.post(
        f"/coalities/{coalition.pk}/bewerken/",
        {"ambitions": "Vroeg signaleren", "contact_name": "Anna", "contact_email": "a@b.nl"},
    )
    assert response.status_code == 302
    coalition.refresh_from_db()
    assert coalition.ambitions == "Vroeg signaleren"
    assert AuditLog.objects.filter(actor=coordinator, object_id=str(coalition.pk)).exists()
    html = client.get(f"/coalities/{coalition.pk}/").content.decode()
    assert f"gegevens gewijzigd door {escape(coordinator.full_name)}" in html


def test_edit_form_errors_keep_input(client, coalition, coordinator):
    client.force_login(coordinator)
    response = client.post(
        f"/coalities/{coalition.pk}/bewerken/",
        {
            "ambitions": "Mijn tekst",
            "contact_email": "geen-adres",
            "action_plan_date": "2999-01-01",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Mijn tekst" in html
    assert "Vul een geldig e-mailadres in" in html
    assert "Deze datum kan niet in de toekomst liggen." in html
    coalition.refresh_from_db()
    assert coalition.ambitions == ""


def test_coordinator_changes_status(client, coalition, coordinator):
    client.force_login(coordinator)
    response = client.post(
        f"/coalities/{coalition.pk}/status/",
        {"status": "geborgd", "changed_on": "2024-01-10", "note": "Structureel"},
    )
    assert response.status_code == 302
    assert StatusChange.objects.filter(
        coalition=coalition, status="geborgd", changed_on=date(2024, 1, 10), changed_by=coordinator
    ).exists()
    response = client.post(
        f"/coalities/{coalition.pk}/status/", {"status": "geborgd", "changed_on": "2024-02-01"}
    )
    assert "heeft de status &#x27;geborgd&#x27; al" in response.content.decode()
    # the same status without a new date is a confirmation, not an error
    response = client.post(f"/coalities/{coalition.pk}/status/", {"status": "geborgd"})
    assert response.status_code == 302
    assert AuditLog.objects.filter(action="status bevestigd").count() == 1


def test_coordinator_adds_and_removes_partner(client, coalition, coordinator):
    organisation = OrganisationFactory(name="Kraamzorg Vlinder")
    client.force_login(coordinator)
    html = client.get(f"/coalities/{coalition.pk}/partners/?q=vlinder").content.decode()
    assert "Kraamzorg Vlinder" in html
    client.post(
        f"/coalities/{coalition.pk}/partners/",
        {"organisation": organisation.pk, "role": "kernpartner"},
    )
    assert CoalitionMembership.objects.get(organisation=organisation).role == "kernpartner"
    # removing asks first and changes nothing yet
    response = client.post(
        f"/coalities/{coalition.pk}/partners/",
        {"organisation": organisation.pk, "action": "remove"},
    )
    assert response.status_code == 200
    assert "Kraamzorg Vlinder verwijderen als partner?" in response.content.decode()
    assert CoalitionMembership.objects.filter(organisation=organisation).exists()
    client.post(
        f"/coalities/{coalition.pk}/partners/",
        {"organisation": organisation.pk, "action": "remove", "bevestigd": "1"},
    )
    assert not CoalitionMembership.objects.filter(organisation=organisation).exists()
    client.force_login(UserFactory(project_team=True))
    log = client.get("/beheer/wijzigingen/").content.decode()
    assert "<strong>Partner</strong>: Kraamzorg Vlinder" in log
    assert "<strong>Rol</strong>: kernpartner" in log


def test_invite_from_detail(
    client, coalition, coordinator, outbox, django_capture_on_commit_callbacks
):
    organisation = OrganisationFactory(contact_email="info@praktijk.nl", service_area=["GM0344"])
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/coalities/{coalition.pk}/uitnodigen/{organisation.pk}/")
    assert response.status_code == 302
    assert [m.to for m in outbox] == [["info@praktijk.nl"]]
    html = client.get(f"/coalities/{coalition.pk}/").content.decode()
    assert "uitgenodigd op" in html


# --- refused cases ---------------------------------------------------------------------------

EDIT_PATHS = ["bewerken/", "status/", "partners/"]


@pytest.mark.parametrize("suffix", EDIT_PATHS)
def test_anonymous_is_sent_to_login(client, coalition, suffix):
    response = client.get(f"/coalities/{coalition.pk}/{suffix}")
    assert response.status_code == 302 and "/inloggen/" in response["Location"]


@pytest.mark.parametrize("suffix", EDIT_PATHS)
def test_other_coordinator_gets_404(client, coalition, suffix):
    other = CoalitionFactory(municipalities=["GM0363"])
    stranger = UserFactory(coordinator=True)
    other.coordinators.add(stranger)
    client.force_login(stranger)
    assert client.get(f"/coalities/{coalition.pk}/{suffix}").status_code == 404
    assert client.post(f"/coalities/{coalition.pk}/{suffix}", {"status": "geen"}).status_code == 404
    coalition.refresh_from_db()
    assert coalition.status == "werkend"


@pytest.mark.parametrize("role", ["professional", "partner"])
def test_other_roles_get_404(client, coalition, role):
    client.force_login(UserFactory(**{role: True}))
    assert client.get(f"/coalities/{coalition.pk}/bewerken/").status_code == 404


def test_other_coordinator_cannot_invite(client, coalition, outbox):
    organisation = OrganisationFactory(service_area=["GM0344"])
    client.force_login(UserFactory(coordinator=True))
    response = client.post(f"/coalities/{coalition.pk}/uitnodigen/{organisation.pk}/")
    assert response.status_code == 404
    assert not outbox


def test_project_team_edits_any_coalition(client, coalition):
    client.force_login(UserFactory(project_team=True))
    assert client.get(f"/coalities/{coalition.pk}/bewerken/").status_code == 200
    assert client.get(f"/coalities/{coalition.pk}/instellingen/").status_code == 200


@pytest.mark.parametrize(
    "path",
    ["/beheer/coalities/", "/beheer/coalities/nieuw/", "/beheer/wijzigingen/", "instellingen"],
)
def test_team_pages_refuse_coordinators(client, coalition, coordinator, path):
    if path == "instellingen":
        path = f"/coalities/{coalition.pk}/instellingen/"
    client.force_login(coordinator)
    assert client.get(path).status_code == 403
    client.logout()
    assert client.get(path).status_code == 302


def test_team_creates_coalition_and_clash_is_shown(client, coalition):
    client.force_login(UserFactory(project_team=True))
    response = client.post(
        "/beheer/coalities/nieuw/",
        {"name": "Dubbel", "municipalities": ["GM0344"], "status": "orienterend"},
    )
    assert response.status_code == 200
    assert "Utrecht (Kansrijke Start Utrecht)" in response.content.decode()
    response = client.post(
        "/beheer/coalities/nieuw/",
        {"name": "Amsterdam", "municipalities": ["GM0363"], "status": "in_opbouw"},
    )
    assert response.status_code == 302


def test_municipality_page_shows_coalition_and_organisations(client, coalition):
    OrganisationFactory(name="Verloskundigen Domstad", service_area=["GM0344"])
    html = client.get("/gemeenten/GM0344/").content.decode()
    assert "Kansrijke Start Utrecht" in html
    assert "Verloskundigen Domstad" in html
    html = client.get("/gemeenten/GM0363/").content.decode()
    assert "geen lokale coalitie Kansrijke Start vastgelegd" in html


def test_mine_lists_own_coalitions(client, coalition, coordinator):
    client.force_login(coordinator)
    html = client.get("/mijn/").content.decode()
    assert "Mijn coalities" in html and "Kansrijke Start Utrecht" in html


# --- query counts ------------------------------------------------------------------------------


def _queries(client, path) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(path).status_code == 200
    return len(context)


def _grow(n: int, offset: int, codes: list[str]) -> None:
    for i in range(n):
        c = CoalitionFactory(municipalities=[codes[offset + i]])
        for domain in ("birth_care", "social", "youth_health"):
            MembershipFactory(
                coalition=c,
                organisation__service_area=[codes[offset + i]],
                **{f"organisation__{domain}": True},
            )


def test_query_counts_do_not_grow(client, regions, django_assert_max_num_queries):
    from ontmoetingen.regions.models import Municipality

    codes = list(Municipality.objects.order_by("code").values_list("code", flat=True))
    user = UserFactory(project_team=True)
    client.force_login(user)
    _grow(3, 0, codes)
    target = CoalitionFactory(municipalities=[codes[-1]])
    pages = [
        "/coalities/",
        f"/coalities/{target.pk}/",
        f"/gemeenten/{codes[-1]}/",
        "/organisaties/",
        "/beheer/coalities/",
    ]
    before = {p: _queries(client, p) for p in pages}
    _grow(20, 3, codes)
    for _ in range(10):
        MembershipFactory(coalition=target, organisation__service_area=[codes[-1]])
        OrganisationFactory(service_area=[codes[-1]])
    after = {p: _queries(client, p) for p in pages}
    assert after == before


def test_personal_data_lists_coordination_and_changes(regions, coalition, coordinator):
    from ontmoetingen.accounts.selectors import user_data_export
    from ontmoetingen.coalitions import services

    services.coalition_change_status(
        coalition=coalition, status="geborgd", actor=coordinator, note="Vastgelegd"
    )
    data = user_data_export(coordinator)["coalitions"]
    assert data["coordinator_van"] == ["Kansrijke Start Utrecht"]
    assert data["statuswijzigingen"][0]["status"] == "geborgd"


def test_htmx_filter_returns_only_results(client, coalition):
    response = client.get("/coalities/?status=werkend", headers={"HX-Request": "true"})
    html = response.content.decode()
    assert html.startswith('<div id="coalitie-resultaten">')
    assert "Kansrijke Start Utrecht" in html


def test_team_stops_coalition_in_settings(client, coalition):
    from ontmoetingen.coalitions.models import CoalitionMunicipality

    client.force_login(UserFactory(project_team=True))
    response = client.post(
        f"/coalities/{coalition.pk}/instellingen/",
        {"name": coalition.name, "municipalities": ["GM0344"]},  # "active" unchecked
    )
    assert response.status_code == 302
    coalition.refresh_from_db()
    assert coalition.active is False
    assert not CoalitionMunicipality.objects.filter(active=True).exists()
    assert "geen lokale coalitie" in client.get("/gemeenten/GM0344/").content.decode()


def test_refused_settings_save_nothing(client, coalition):
    """A refused settings form leaves every part of the coalition as it was (it used to keep
    the new municipalities and their log entry while the page said the save was refused)."""
    from ontmoetingen.coalitions.models import CoalitionMunicipality

    team = UserFactory(project_team=True)
    client.force_login(team)
    client.post(
        f"/coalities/{coalition.pk}/instellingen/",
        {"name": coalition.name, "municipalities": ["GM0344"]},  # stop it
    )
    CoalitionFactory(name="Kansrijke Start Amsterdam", municipalities=["GM0363"])
    log_before = AuditLog.objects.count()
    response = client.post(
        f"/coalities/{coalition.pk}/instellingen/",
        {
            "name": "Andere naam",
            "municipalities": ["GM0344", "GM0307", "GM0363"],
            "active": "on",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Een gemeente hoort bij ten hoogste één actieve coalitie" in html
    assert re.search(r'<input type="checkbox" name="active"[^>]*checked', html)  # as chosen
    coalition.refresh_from_db()
    assert (coalition.name, coalition.active) == ("Kansrijke Start Utrecht", False)
    assert not CoalitionMunicipality.objects.filter(
        coalition=coalition, municipality_id="GM0307"
    ).exists()
    assert AuditLog.objects.count() == log_before


def test_change_log_filters_by_kind_and_links_to_the_object(client, coalition):
    from ontmoetingen.directory import services as directory_services

    team = UserFactory(project_team=True)
    client.force_login(team)
    client.post(
        f"/coalities/{coalition.pk}/bewerken/",
        {"ambitions": "Vroeg signaleren", "contact_name": "Anna", "contact_email": "a@b.nl"},
    )
    organisation = directory_services.organisation_create(
        name="Praktijk Log", type="verloskundigenpraktijk", actor=team
    )
    html = client.get("/beheer/wijzigingen/").content.decode()
    assert f'<a href="/coalities/{coalition.pk}/">Kansrijke Start Utrecht</a>' in html
    assert f'<a href="/organisaties/{organisation.pk}/">Praktijk Log</a>' in html
    for kind in ("coalitie", "coalition"):
        html = client.get(f"/beheer/wijzigingen/?soort={kind}").content.decode()
        assert "Kansrijke Start Utrecht" in html and "Praktijk Log" not in html
        assert '<option value="coalitie" selected>' in html
    html = client.get("/beheer/wijzigingen/?soort=organisatie").content.decode()
    assert "Kansrijke Start Utrecht</a>" not in html and "Praktijk Log" in html
    # an entry about an object that is gone keeps its text but loses its link
    organisation.delete()
    html = client.get("/beheer/wijzigingen/?soort=organisation").content.decode()
    assert "Praktijk Log" in html and f"/organisaties/{organisation.pk}/" not in html


def test_change_log_is_for_the_team_only(client, coalition, coordinator):
    assert client.get("/beheer/wijzigingen/").status_code == 302
    client.force_login(coordinator)
    assert client.get("/beheer/wijzigingen/").status_code == 403


def test_stopped_coalition_page_is_for_the_team_only(client, coalition, coordinator):
    coalition.active = False
    coalition.save()
    assert client.get(f"/coalities/{coalition.pk}/").status_code == 404
    client.force_login(coordinator)
    assert client.get(f"/coalities/{coalition.pk}/").status_code == 404
    client.force_login(UserFactory(project_team=True))
    assert "Kansrijke Start Utrecht" in client.get(f"/coalities/{coalition.pk}/").content.decode()


def test_backoffice_counts_and_filters_coalitions_not_updated_for_a_year(client, regions):
    from datetime import timedelta

    from django.utils import timezone

    from ontmoetingen.coalitions.models import Coalition

    old = CoalitionFactory(name="Kansrijke Start Oud", municipalities=["GM0344"])
    CoalitionFactory(name="Kansrijke Start Vers", municipalities=["GM0363"])
    Coalition.objects.update(last_confirmed_on=timezone.localdate())
    Coalition.objects.filter(pk=old.pk).update(
        last_confirmed_on=timezone.localdate() - timedelta(days=400)
    )
    client.force_login(UserFactory(project_team=True))
    html = client.get("/beheer/").content.decode()
    assert "coalities langer dan 12 maanden niet bijgewerkt" in html
    assert "/beheer/coalities/?bijgewerkt=ouder&amp;sorteer=bijgewerkt" in html
    listed = client.get("/beheer/coalities/?bijgewerkt=ouder&sorteer=bijgewerkt").content.decode()
    assert "Kansrijke Start Oud" in listed
    assert "Kansrijke Start Vers" not in listed
    assert "Laatst bijgewerkt" in listed


def test_change_log_shows_before_and_after_per_field_in_dutch(client, coalition):
    from ontmoetingen.core.audit import record

    record(
        coalition,
        "gegevens bijgewerkt",
        changes={
            "Datum plan van aanpak": [None, "2024-03-15"],
            "Plan van aanpak": [False, True],
            "Toelichting": ["eerste regel\ntweede regel", ""],
        },
    )
    client.force_login(UserFactory(project_team=True))
    html = client.get("/beheer/wijzigingen/").content.decode()
    assert "15 maart 2024" in html
    assert "<strong>Plan van aanpak</strong>: nee" in html
    assert "eerste regel tweede regel" in html
    assert "None" not in html
    assert "{&#x27;" not in html and "\\n" not in html


def test_mine_asks_coordinator_whether_an_old_status_still_holds(client, coalition, coordinator):
    from datetime import timedelta

    from django.utils import timezone

    from ontmoetingen.coalitions.models import Coalition, Invitation

    long_ago = timezone.localdate() - timedelta(days=500)
    Coalition.objects.filter(pk=coalition.pk).update(
        status_since=long_ago, last_confirmed_on=long_ago
    )
    OrganisationFactory(name="Verloskundigen Noord", service_area=["GM0344"])
    invited = OrganisationFactory(name="Kraamzorg Uitgenodigd", service_area=["GM0344"])
    Invitation.objects.create(coalition=coalition, organisation=invited, email="k@example.org")
    client.force_login(coordinator)
    html = client.get("/mijn/").content.decode()
    assert "Klopt dit nog?" in html
    assert f"sinds {long_ago.day} " in html
    assert "Nog niet aan tafel:" in html
    assert "2 organisaties in het gebied zijn nog geen partner" in html
    assert "Kraamzorg Uitgenodigd (uitgenodigd op" in html
    response = client.post(f"/coalities/{coalition.pk}/status/bevestigen/")
    assert response.status_code == 302
    coalition.refresh_from_db()
    assert coalition.last_confirmed_on == timezone.localdate()
    assert coalition.status == CoalitionStatus.WERKEND
    assert AuditLog.objects.filter(action="status bevestigd", actor=coordinator).exists()
    assert "Klopt dit nog?" not in client.get("/mijn/").content.decode()


def test_only_coordinators_can_confirm_a_status(client, coalition):
    client.force_login(UserFactory(professional=True))
    response = client.post(f"/coalities/{coalition.pk}/status/bevestigen/")
    assert response.status_code in (403, 404)
    assert not AuditLog.objects.filter(action="status bevestigd").exists()


def test_invitation_carries_personal_message_and_can_be_declined(
    client, coalition, coordinator, outbox, django_capture_on_commit_callbacks
):
    from ontmoetingen.coalitions.models import Invitation, InvitationStatus

    organisation = OrganisationFactory(contact_email="info@praktijk.nl", service_area=["GM0344"])
    client.force_login(coordinator)
    html = client.get(f"/coalities/{coalition.pk}/").content.decode()
    # who is missing comes before the public parts for someone who can invite
    assert html.index("Wie ontbreekt aan tafel?") < html.index("In het kort")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/coalities/{coalition.pk}/uitnodigen/{organisation.pk}/",
            {"bericht": "Wij zouden u graag aan tafel hebben."},
        )
    message = outbox[0]
    assert message.reply_to == [coordinator.email]
    assert "Wij zouden u graag aan tafel hebben." in message.body
    assert "Kansrijke Start Kansrijke Start" not in message.body
    token = re.search(r"/coalities/uitnodiging/([^/\s]+)/", message.body).group(1)
    client.logout()
    page = client.get(f"/coalities/uitnodiging/{token}/").content.decode()
    assert "Wat betekent partner zijn?" in page and "Nee, liever niet" in page
    assert "Kansrijke Start Kansrijke Start" not in page
    page = client.post(f"/coalities/uitnodiging/{token}/", {"antwoord": "nee"}).content.decode()
    assert "Uitnodiging afgeslagen" in page
    assert Invitation.objects.get().status == InvitationStatus.DECLINED
    assert not CoalitionMembership.objects.filter(organisation=organisation).exists()
    client.force_login(coordinator)
    assert "uitnodiging afgeslagen" in client.get(f"/coalities/{coalition.pk}/").content.decode()


def test_coalition_list_takes_dutch_url_parameters_and_still_the_old_ones(client, regions):
    CoalitionFactory(name="Kansrijke Start Utrechtse Heuvelrug", municipalities=["GM0344"])
    CoalitionFactory(name="Kansrijke Start Amstel", municipalities=["GM0363"])
    for query in ("provincie=PV26", "province=PV26"):
        html = client.get(f"/coalities/?{query}").content.decode()
        assert "Kansrijke Start Utrechtse Heuvelrug" in html, query
        assert "Kansrijke Start Amstel" not in html, query
    assert 'name="provincie"' in client.get("/coalities/").content.decode()


def test_settings_choose_municipalities_with_checkboxes_by_province(client, coalition):
    """Issue 12 §12: no 342-item <select multiple>; checkboxes in a collapsible group per
    province (fieldset and legend), the chosen ones listed and their province open; after an
    error the choices are still ticked."""
    client.force_login(UserFactory(project_team=True))
    html = client.get(f"/coalities/{coalition.pk}/instellingen/").content.decode()
    assert "<select multiple" not in html and 'name="municipalities" multiple' not in html
    assert html.count('type="checkbox" name="municipalities"') == 342
    assert html.count('<details class="picker__group"') == 12
    assert '<legend class="visually-hidden">Utrecht</legend>' in html
    utrecht = html[html.index('<summary class="picker__summary">Utrecht ') - 50 :]
    assert utrecht.startswith(" ") or "open" in utrecht[:60]
    assert re.search(r'value="GM0344" id="[^"]+" checked', html)
    assert "Gekozen (1): Utrecht" in html
    assert "core/js/picker.js" in html  # the filter box script (static file, CSP-proof)
    response = client.post(
        f"/coalities/{coalition.pk}/instellingen/",
        {"name": "", "municipalities": ["GM0344", "GM0307"], "active": "on"},
    )
    html = response.content.decode()
    assert response.status_code in (200, 400)
    assert re.search(r'value="GM0307" id="[^"]+" checked', html)
    assert "Gekozen (2): Amersfoort, Utrecht" in html


def test_list_shows_domains_compactly_with_words_for_screen_readers(client, coalition):
    """The /coalities/ "Aan tafel" column: one short word per domain (it was four full lines
    per row), the status still in words for screen readers and not by colour alone."""
    html = client.get("/coalities/").content.decode()
    column = html[html.index('class="domains domains--compact"') :]
    column = column[: column.index("</ul>")]
    assert '<abbr title="jeugdgezondheidszorg (JGZ)">JGZ</abbr>' in column
    assert "nog niet aan tafel</span>" in column or "aan tafel</span>" in column
    assert "<strong>" not in column


def test_filter_forms_do_not_say_niet_verplicht(client, coalition):
    """Issue 12 §22: a filter is optional by nature; "(niet verplicht)" on each one is noise."""
    for path in ("/coalities/", "/organisaties/", "/monitor/"):
        html = client.get(path).content.decode()
        assert "niet verplicht" not in html, path


def test_status_chips_use_the_colours_of_the_monitor_map():
    """Issue 12 §23: a chip on a coalition page and the map legend show one status alike."""
    import re
    from pathlib import Path

    from django.contrib.staticfiles import finders

    from ontmoetingen.coalitions.models import CoalitionStatus

    chips = Path(finders.find("coalitions/coalitions.css")).read_text()
    legend = Path(finders.find("monitor/monitor.css")).read_text()
    for status in CoalitionStatus.values:
        colour = f"var(--ko-status-{status})"
        chip = re.search(rf"\.status--{status} \.status__icon \{{[^}}]*background: ([^;]+);", chips)
        fill = re.search(rf"\.st-bg--{status} \{{ fill: ([^;]+);", legend)
        assert chip and fill, status
        assert chip.group(1) == fill.group(1) == colour
