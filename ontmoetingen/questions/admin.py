"""The questions in Django admin are for looking up, not for changing: status, assignment,
answers, FAQ texts, notes, proposals and votes each have a service with its rules and mails,
used by /beheer/vragen/ and /themas/. Deleting stays possible (no service owns it)."""

from django.contrib import admin

from ontmoetingen.questions.models import Question, QuestionNote, ThemeProposal, Vote


class ViewOnly:
    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


class NoteInline(ViewOnly, admin.TabularInline):
    model = QuestionNote
    extra = 0

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Question)
class QuestionAdmin(ViewOnly, admin.ModelAdmin):
    list_display = (
        "pk",
        "kind",
        "status",
        "domain",
        "theme",
        "created_at",
        "is_published",
        "is_demo",
    )
    list_filter = ("status", "kind", "domain", "is_published", "is_demo")
    search_fields = ("text", "faq_question")
    inlines = [NoteInline]


class VoteInline(ViewOnly, admin.TabularInline):
    model = Vote
    extra = 0

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(ThemeProposal)
class ThemeProposalAdmin(ViewOnly, admin.ModelAdmin):
    list_display = ("title", "purpose", "status", "created_at", "is_demo")
    list_filter = ("purpose", "status", "is_demo")
    search_fields = ("title", "description")
    inlines = [VoteInline]
