"""Django admin for events: for looking only. Every write goes through the services (capacity,
waiting list, change mails, audit log), which the back-office at /beheer/agenda/ calls."""

from django.contrib import admin

from ontmoetingen.events.models import (
    Event,
    Feedback,
    Registration,
    RegistrationQuestion,
    Session,
)


class ReadOnly:
    """No add, change or delete in the admin: a service owns every rule on these rows."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class SessionInline(ReadOnly, admin.TabularInline):
    model = Session
    extra = 0


class RegistrationQuestionInline(ReadOnly, admin.TabularInline):
    model = RegistrationQuestion
    extra = 0


@admin.register(Event)
class EventAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ["title", "kind", "status", "starts_at", "capacity", "is_demo"]
    list_filter = ["kind", "status", "is_online", "is_demo"]
    search_fields = ["title"]
    inlines = [SessionInline, RegistrationQuestionInline]


@admin.register(Registration)
class RegistrationAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ["name", "email", "event", "status", "domain", "created_at"]
    list_filter = ["status", "domain"]
    search_fields = ["name", "email"]
    list_select_related = ["event"]


@admin.register(Feedback)
class FeedbackAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ["registration", "rating", "created_at"]
    list_select_related = ["registration", "registration__event"]
