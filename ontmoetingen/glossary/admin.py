"""Terms are kept here by the project team; every save and delete goes through the services
(audit log), as the list of related terms does."""

from django.contrib import admin

from ontmoetingen.glossary import services
from ontmoetingen.glossary.models import Term
from ontmoetingen.glossary.permissions import can_edit_terms


@admin.register(Term)
class TermAdmin(admin.ModelAdmin):
    list_display = ["term", "abbreviation", "domain", "source", "updated_at"]
    list_filter = ["domain"]
    search_fields = ["term", "abbreviation", "synonyms", "definition"]
    prepopulated_fields = {"slug": ["term"]}
    filter_horizontal = ["related"]

    def has_add_permission(self, request) -> bool:
        return super().has_add_permission(request) and can_edit_terms(request.user)

    def has_change_permission(self, request, obj=None) -> bool:
        return super().has_change_permission(request, obj) and can_edit_terms(request.user)

    def has_delete_permission(self, request, obj=None) -> bool:
        return super().has_delete_permission(request, obj) and can_edit_terms(request.user)

    def save_model(self, request, obj, form, change):
        services.term_save(term=obj, related=form.cleaned_data["related"], actor=request.user)

    def save_related(self, request, form, formsets, change):
        """The related terms were saved by term_save; there are no inlines."""

    def delete_model(self, request, obj):
        services.term_delete(term=obj, actor=request.user)

    def delete_queryset(self, request, queryset):
        for term in queryset:
            services.term_delete(term=term, actor=request.user)
