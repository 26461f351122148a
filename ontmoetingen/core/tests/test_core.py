import pytest
from django.core import mail as django_mail
from django.core.mail import EmailMessage
from django.db import OperationalError, transaction
from django.urls import reverse

from ontmoetingen.core.markdown import render_markdown

pytestmark = pytest.mark.django_db


def test_home_is_dutch_and_links_to_existing_sections(client):
    response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="nl">' in html
    assert "Samen werken aan een kansrijke start" in html
    assert 'href="/gemeenten/"' in html
    assert "Direct naar de inhoud" in html


def test_security_headers_on_every_response(client):
    response = client.get("/")
    csp = response["Content-Security-Policy"]
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert "object-src 'none'" in csp
    assert "frame-ancestors 'none'" in csp
    assert "script-src 'self' 'nonce-" in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    # htmx is served from our own static files with the page's nonce
    nonce = csp.split("'nonce-")[1].split("'")[0]
    assert f'nonce="{nonce}"' in response.content.decode()
    assert "django_htmx/htmx" in response.content.decode()


def test_healthz_ok(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_healthz_503_when_database_fails(client, monkeypatch):
    from ontmoetingen.core import views

    class Broken:
        def cursor(self):
            raise OperationalError("server closed the connection")

    monkeypatch.setattr(views, "connection", Broken())
    response = client.get("/healthz")
    assert response.status_code == 503


def test_about_page_carries_attribution(client):
    html = client.get(reverse("core:about")).content.decode()
    assert "CBS / PDOK" in html and "cartomap/nl" in html


def test_404_is_dutch_page(client):
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404
    assert "Pagina niet gevonden" in response.content.decode()


def test_mail_leaves_only_after_commit(django_capture_on_commit_callbacks, outbox):
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        EmailMessage("Onderwerp", "Tekst", to=["a@voorbeeld.nl"]).send()
        assert outbox == []
    assert [m.subject for m in outbox] == ["Onderwerp"]


def test_no_mail_when_transaction_rolls_back(django_capture_on_commit_callbacks, outbox):
    with django_capture_on_commit_callbacks(execute=True):
        try:
            with transaction.atomic():
                EmailMessage("Onderwerp", "Tekst", to=["a@voorbeeld.nl"]).send()
                raise RuntimeError
        except RuntimeError:
            pass
    assert outbox == []


def test_failed_delivery_is_retried_later(settings, monkeypatch):
    from ontmoetingen.core import mail

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}

    def fail(self, *args, **kwargs):
        raise ConnectionRefusedError("smtp down")

    monkeypatch.setattr(django_mail.backends.locmem.EmailBackend, "send_messages", fail)
    data = mail.message_to_data(EmailMessage("Onderwerp", "Tekst", to=["a@voorbeeld.nl"]))
    assert mail.deliver_mail.call(data, 1) == "retry"
    from django_tasks import default_task_backend

    queued = default_task_backend.results
    assert len(queued) == 1 and queued[0].args == [data, 2]
    assert queued[0].task.run_after is not None
    # the attempts that count are those on the message's delivery row
    from ontmoetingen.core.models import MailDelivery

    MailDelivery.objects.update(attempts=settings.MAIL_MAX_ATTEMPTS - 1)
    with pytest.raises(mail.DeliveryFailed, match="smtp down"):
        mail.deliver_mail.call(data, settings.MAIL_MAX_ATTEMPTS)
    assert MailDelivery.objects.get().status == "failed"


def test_attachments_survive_the_queue(django_capture_on_commit_callbacks, outbox):
    with django_capture_on_commit_callbacks(execute=True):
        message = EmailMessage("Met bijlage", "Tekst", to=["a@voorbeeld.nl"])
        message.attach("agenda.ics", b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", "text/calendar")
        message.send()
    assert outbox[0].attachments[0][0] == "agenda.ics"
    assert "BEGIN:VCALENDAR" in outbox[0].attachments[0][1]  # text/* comes back decoded


def test_markdown_is_sanitised_and_headings_shifted():
    html = render_markdown(
        "# Kop\n\n<script>alert(1)</script> [x](javascript:alert(1)) **vet**", mark_terms=False
    )
    # raw HTML and links with other schemes stay text, never markup
    assert "<script" not in html and 'href="javascript' not in html
    assert "<h2>Kop</h2>" in html and "<strong>vet</strong>" in html


def test_busy_database_gives_friendly_503(rf):
    from ontmoetingen.core.middleware import BusyDatabaseMiddleware

    request = rf.get("/")
    request.user = None
    response = BusyDatabaseMiddleware(lambda r: None).process_exception(
        request, OperationalError("database is locked")
    )
    assert response.status_code == 503
    assert "Het is even druk" in response.content.decode()


def test_committed_catalogue_is_compiled_from_the_po(tmp_path, settings):
    import polib

    po = settings.LOCALE_PATHS[0] / "nl" / "LC_MESSAGES" / "django.po"
    mo = po.with_suffix(".mo")
    fresh = tmp_path / "django.mo"
    polib.pofile(str(po)).save_as_mofile(str(fresh))
    assert mo.read_bytes() == fresh.read_bytes(), (
        "run `ontmoetingen compile_catalogue` and commit the .mo"
    )


def test_form_errors_use_the_projects_dutch_wording(client):
    response = client.post(reverse("accounts:login"), {"username": "", "password": ""})
    assert "Vul dit veld in." in response.content.decode()


def test_client_ip_trusts_only_the_configured_proxies(rf, settings):
    from ontmoetingen.core.http import client_ip

    request = rf.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9")
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip(request) == "10.0.0.1"  # no proxy: the header is ignored
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip(request) == "203.0.113.9"  # the address our proxy saw, not the spoofed one


def test_static_files_carry_the_security_headers_too(client):
    response = client.get("/static/core/css/site.css")
    assert response.status_code == 200
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"


def test_privacy_statement_names_controller_purposes_retention_and_the_authority(client, settings):
    settings.PERSONAL_DATA_RETENTION_DAYS = 90
    html = client.get("/over/privacy/").content.decode()
    assert "College Perinatale Zorg" in html
    assert "Grondslag" in html
    assert "tot 90 dagen na de bijeenkomst" in html
    assert "Autoriteit Persoonsgegevens" in html
    assert settings.PRIVACY_CONTACT_EMAIL in html


def test_accessibility_statement_follows_the_model(client):
    html = client.get("/over/toegankelijkheid/").content.decode()
    assert "WCAG 2.1 niveau A en AA" in html
    assert "gedeeltelijk" in html
    assert "Bekende problemen" in html
    footer = client.get("/").content.decode()
    assert 'href="/over/privacy/"' in footer and 'href="/over/toegankelijkheid/"' in footer


def test_deploy_check_warns_when_mfa_is_off(settings):
    from ontmoetingen.core.checks import mfa_check

    settings.MFA_REQUIRED = True
    assert mfa_check(None) == []
    settings.MFA_REQUIRED = False
    assert [w.id for w in mfa_check(None)] == ["core.W002"]
