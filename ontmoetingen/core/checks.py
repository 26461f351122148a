"""System checks of the platform's own deployment settings (``check --deploy``)."""

from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.security, "ontmoetingen", deploy=True)
def proxy_count_check(app_configs, **kwargs):
    """Behind HTTPS there is almost always a reverse proxy; without TRUSTED_PROXY_COUNT every
    visitor seems to come from the proxy, so per-address limits and the login lockout would
    treat the whole country as one visitor."""
    if settings.SITE_URL.startswith("https://") and settings.TRUSTED_PROXY_COUNT <= 0:
        return [
            Warning(
                "SITE_URL is https, maar TRUSTED_PROXY_COUNT is 0.",
                hint=(
                    "Staat er een reverse proxy of load balancer voor de app-servers, zet "
                    "TRUSTED_PROXY_COUNT op het aantal proxies; anders gelden limieten per adres "
                    "en de inlogblokkade voor alle bezoekers tegelijk. Zie docs/deployment.md."
                ),
                id="core.W001",
            )
        ]
    return []


@register(Tags.security, "ontmoetingen", deploy=True)
def mfa_check(app_configs, **kwargs):
    """Two-step verification protects the accounts that see everyone's personal data."""
    if not settings.MFA_REQUIRED:
        return [
            Warning(
                "MFA_REQUIRED staat uit: het projectteam logt in zonder tweestapsverificatie.",
                hint="Alleen voor de demo; haal MFA_REQUIRED=0 uit de omgeving.",
                id="core.W002",
            )
        ]
    return []
