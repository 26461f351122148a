"""Read-only views for support; every change goes through the services and the back office."""

from django.contrib import admin

from ontmoetingen.encounters.models import (
    AbuseReport,
    Consent,
    Introduction,
    Invitation,
    Professional,
)


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Professional)
class ProfessionalAdmin(ReadOnly):
    list_display = ["user", "domain", "profession", "published", "is_demo"]
    list_filter = ["published", "domain", "is_demo"]
    search_fields = ["user__full_name"]


@admin.register(Invitation)
class InvitationAdmin(ReadOnly):
    list_display = ["email", "role", "coalition", "created_at", "accepted_at", "withdrawn_at"]


@admin.register(Introduction)
class IntroductionAdmin(ReadOnly):
    list_display = ["requester", "recipient", "status", "created_at"]
    list_filter = ["status"]


@admin.register(Consent)
class ConsentAdmin(ReadOnly):
    list_display = ["user", "kind", "version", "given_at", "withdrawn_at"]


@admin.register(AbuseReport)
class AbuseReportAdmin(ReadOnly):
    list_display = ["reporter", "reported", "created_at", "handled_at"]
