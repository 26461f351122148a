from django.contrib import admin

from ontmoetingen.directory.models import Organisation


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    """For inspection only: organisations are added and changed in /beheer/organisaties/,
    whose service validates the type, expands the working area and records the audit entry."""

    list_display = ["name", "type", "domain", "location", "active", "is_demo"]
    list_filter = ["domain", "type", "active", "is_demo"]
    search_fields = ["name"]
    list_select_related = ["location"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
