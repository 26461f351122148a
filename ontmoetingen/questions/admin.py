from django.contrib import admin

from ontmoetingen.questions.models import Question, QuestionNote, ThemeProposal, Vote


class NoteInline(admin.TabularInline):
    model = QuestionNote
    extra = 0


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
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
    raw_id_fields = ("municipality", "user", "assigned_to", "answered_by")
    # the workflow (status, answer mail, publication) runs through the services in /beheer/vragen/
    readonly_fields = (
        "status",
        "answer",
        "answered_at",
        "answered_by",
        "closed_at",
        "is_published",
        "faq_question",
        "faq_answer",
        "published_at",
        "token",
        "ip_hash",
    )
    inlines = [NoteInline]

    def has_add_permission(self, request) -> bool:
        return False


class VoteInline(admin.TabularInline):
    model = Vote
    extra = 0
    raw_id_fields = ("user",)


@admin.register(ThemeProposal)
class ThemeProposalAdmin(admin.ModelAdmin):
    list_display = ("title", "purpose", "status", "created_at", "is_demo")
    list_filter = ("purpose", "status", "is_demo")
    search_fields = ("title", "description")
    raw_id_fields = ("municipality", "proposer", "taken_up_by")
    # taking up mails proposer and voters: that happens through /themas/<id>/opgepakt/
    readonly_fields = ("status", "taken_up_url", "taken_up_title", "taken_up_at", "taken_up_by")
    inlines = [VoteInline]
