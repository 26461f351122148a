from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from ontmoetingen.accounts.models import User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "full_name", "is_active", "is_staff", "date_joined"]
    list_filter = ["is_active", "is_staff", "groups"]
    search_fields = ["email", "full_name"]
    # Roles, (de)activation and invitations go through the back office (/beheer/mensen/),
    # whose services keep coordinatorships and the audit log in step; here they are read-only.
    readonly_fields = ["groups", "is_active", "last_login", "date_joined", "email_verified_at"]
    fieldsets = (
        (None, {"fields": ("email", "full_name", "password")}),
        ("Rollen en rechten", {"fields": ("is_active", "is_staff", "is_superuser", "groups")}),
        ("Data", {"fields": ("last_login", "date_joined", "email_verified_at")}),
    )
    add_fieldsets = (
        (None, {"classes": ("wide",), "fields": ("email", "full_name", "password1", "password2")}),
    )


@admin.register(TOTPDevice, StaticDevice)
class DeviceAdmin(admin.ModelAdmin):
    """Authenticator apps and recovery codes are set up and wiped through the project's own MFA
    pages (accounts/mfa.py, audited). Registered here, before django-otp's own admin (which shows
    another person's secret and QR code and answers an unknown device id with a server error),
    so the superuser sees only who has which device."""

    list_display = ["user", "name", "confirmed"]
    fields = ["user", "name", "confirmed"]
    readonly_fields = fields
    search_fields = ["user__email"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
