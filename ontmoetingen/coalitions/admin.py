"""Coalitions in the Django admin: for inspection only.

Every change to a coalition goes through the site (``coalitions.services``), which keeps the
status history, the one-active-coalition-per-municipality rule, invitations and the audit log
complete; the admin would write around all of that.
"""

from django.contrib import admin

from ontmoetingen.coalitions.models import (
    Coalition,
    CoalitionMembership,
    CoalitionMunicipality,
    Invitation,
    StatusChange,
)


class ReadOnlyMixin:
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class MunicipalityInline(ReadOnlyMixin, admin.TabularInline):
    model = CoalitionMunicipality
    extra = 0


class MembershipInline(ReadOnlyMixin, admin.TabularInline):
    model = CoalitionMembership
    extra = 0


class StatusChangeInline(ReadOnlyMixin, admin.TabularInline):
    model = StatusChange
    extra = 0


@admin.register(Coalition)
class CoalitionAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["name", "status", "status_since", "action_plan", "active", "is_demo"]
    list_filter = ["status", "active", "action_plan", "is_demo"]
    search_fields = ["name"]
    inlines = [MunicipalityInline, MembershipInline, StatusChangeInline]


@admin.register(Invitation)
class InvitationAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["organisation", "coalition", "email", "invited_at", "status"]
    list_filter = ["status"]
    list_select_related = ["organisation", "coalition"]
