from django.contrib import admin

from ontmoetingen.events.models import Event, Feedback, Question, Registration, Session


class SessionInline(admin.TabularInline):
    model = Session
    extra = 0


class QuestionInline(admin.TabularInline):
    model = Question
    extra = 0


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "status", "starts_at", "capacity", "is_demo"]
    list_filter = ["kind", "status", "is_online", "is_demo"]
    search_fields = ["title"]
    inlines = [SessionInline, QuestionInline]
    raw_id_fields = ["municipality"]
    filter_horizontal = ["provinces", "ggd_regions", "municipalities", "themes"]


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    """Read-only: capacity rules live in the services, so changes go through the back-office."""

    list_display = ["name", "email", "event", "status", "domain", "created_at"]
    list_filter = ["status", "domain"]
    search_fields = ["name", "email"]
    list_select_related = ["event"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False


@admin.register(Feedback)
class FeedbackAdmin(admin.ModelAdmin):
    list_display = ["registration", "rating", "created_at"]
