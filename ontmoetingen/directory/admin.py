from django.contrib import admin

from ontmoetingen.directory.models import EditLog, Organisation


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    """Read-mostly view; edits go through /beheer/organisaties/ so they are logged."""

    list_display = ["name", "type", "domain", "location", "active", "is_demo"]
    list_filter = ["domain", "type", "active", "is_demo"]
    search_fields = ["name"]
    raw_id_fields = ["location"]
    filter_horizontal = ["service_area"]


@admin.register(EditLog)
class EditLogAdmin(admin.ModelAdmin):
    list_display = ["at", "actor", "object_type", "object_repr", "action"]
    list_filter = ["object_type"]
    search_fields = ["object_repr", "action"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
