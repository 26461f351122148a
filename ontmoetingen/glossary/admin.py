from django.contrib import admin

from ontmoetingen.glossary.models import Term


@admin.register(Term)
class TermAdmin(admin.ModelAdmin):
    list_display = ["term", "abbreviation", "domain", "source", "updated_at"]
    list_filter = ["domain"]
    search_fields = ["term", "abbreviation", "synonyms", "definition"]
    prepopulated_fields = {"slug": ["term"]}
    filter_horizontal = ["related"]
