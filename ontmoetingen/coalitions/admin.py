from django.contrib import admin

from ontmoetingen.coalitions.models import (
    Coalition,
    CoalitionMembership,
    CoalitionMunicipality,
    Invitation,
    StatusChange,
)


class MunicipalityInline(admin.TabularInline):
    model = CoalitionMunicipality
    extra = 0
    raw_id_fields = ["municipality"]


class MembershipInline(admin.TabularInline):
    model = CoalitionMembership
    extra = 0
    raw_id_fields = ["organisation"]


class StatusChangeInline(admin.TabularInline):
    model = StatusChange
    extra = 0
    readonly_fields = ["status", "changed_on", "changed_by", "note", "recorded_at"]
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Coalition)
class CoalitionAdmin(admin.ModelAdmin):
    """For inspection; status changes go through the site so history and log stay complete."""

    list_display = ["name", "status", "status_since", "action_plan", "active", "is_demo"]
    list_filter = ["status", "active", "action_plan", "is_demo"]
    search_fields = ["name"]
    readonly_fields = ["status", "status_since"]
    filter_horizontal = ["themes", "coordinators"]
    inlines = [MunicipalityInline, MembershipInline, StatusChangeInline]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["organisation", "coalition", "email", "invited_at", "status"]
    list_filter = ["status"]
    raw_id_fields = ["coalition", "organisation", "invited_by"]
