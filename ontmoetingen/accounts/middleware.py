"""Two-step verification is required for the project team and superusers.

After their password they reach only the set-up/verify pages and logout until this session is
verified with a code (django-otp's ``OTPMiddleware``, earlier in the chain, tells whether it is).
``MFA_REQUIRED`` is False only in the test settings, so tests that log in team users need no
codes; the tests of this middleware switch it on.
"""

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from ontmoetingen.accounts.mfa import mfa_device, mfa_required

OPEN_URL_NAMES = ("accounts:mfa_setup", "accounts:mfa_verify", "accounts:logout")


class MfaRequiredMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if getattr(settings, "MFA_REQUIRED", True) and self._must_verify(request):
            return self._send_to_verification(request)
        return self.get_response(request)

    @staticmethod
    def _must_verify(request) -> bool:
        user = request.user
        if not mfa_required(user) or user.is_verified():
            return False
        return request.path not in {reverse(name) for name in OPEN_URL_NAMES}

    @staticmethod
    def _send_to_verification(request):
        name = "accounts:mfa_verify" if mfa_device(request.user) else "accounts:mfa_setup"
        url = f"{reverse(name)}?{urlencode({'next': request.get_full_path()})}"
        if request.headers.get("HX-Request"):
            response = HttpResponse(status=204)
            response["HX-Redirect"] = url
            return response
        return redirect(url)
