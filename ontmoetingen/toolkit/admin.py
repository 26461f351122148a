from django import forms
from django.contrib import admin

from ontmoetingen.core.domain import Domain
from ontmoetingen.core.errors import ServiceError
from ontmoetingen.toolkit import services, uploads
from ontmoetingen.toolkit.models import Phase, Resource, Status

# The team sets these; proposals are published or rejected by moderation.
EDITABLE_STATUSES = [(s.value, s.label) for s in (Status.DRAFT, Status.PUBLISHED)]


class ResourceAdminForm(forms.ModelForm):
    domain_choices = forms.MultipleChoiceField(
        label="Voor welke domeinen", choices=Domain.choices, widget=forms.CheckboxSelectMultiple
    )
    phase_choices = forms.MultipleChoiceField(
        label="Fase", choices=Phase.choices, widget=forms.CheckboxSelectMultiple, required=False
    )
    mirror_choice = forms.ModelChoiceField(
        label="Gespiegelde tool",
        queryset=Resource.objects.none(),
        required=False,
        help_text="De tegenhanger voor het andere domein; de koppeling geldt beide kanten op.",
    )
    upload = forms.FileField(
        label="Bestand (PDF, DOCX, XLSX, PPTX; hoogstens 20 MB)", required=False
    )

    class Meta:
        model = Resource
        fields = [
            "title",
            "slug",
            "kind",
            "summary",
            "body",
            "themes",
            "origin",
            "source_organisation",
            "url",
            "status",
            "is_demo",
            "published_at",
            "rejection_reason",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        others = Resource.objects.order_by("title")
        if self.instance.pk:
            others = others.exclude(pk=self.instance.pk)
            self.fields["domain_choices"].initial = self.instance.domains
            self.fields["phase_choices"].initial = self.instance.phase_list
            self.fields["mirror_choice"].initial = self.instance.mirror_id
        self.fields["mirror_choice"].queryset = others
        if "status" in self.fields:
            self.fields["status"].choices = EDITABLE_STATUSES

    def clean_upload(self):
        upload = self.cleaned_data.get("upload")
        if upload:
            try:
                uploads.check_upload(upload)
            except ServiceError as error:
                raise forms.ValidationError(error.message) from error
        return upload


@admin.register(Resource)
class ResourceAdmin(admin.ModelAdmin):
    """Adding and editing toolkit items goes through services.resource_save (audit log, files,
    mirrored pairs); a proposal's status is moderation's business, with its mail."""

    form = ResourceAdminForm
    list_display = ["title", "kind", "status", "published_at", "is_demo", "mirror"]
    list_filter = ["status", "kind", "is_demo", "themes"]
    search_fields = ["title", "summary"]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["themes"]
    raw_id_fields = ["origin"]
    readonly_fields = [
        "file_name",
        "file_type",
        "file_size",
        "proposed_by",
        "moderated_by",
        "rejection_reason",
    ]
    list_select_related = ["mirror"]

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None and obj.status in services.MODERATED:
            fields.append("status")
        return fields

    def save_model(self, request, obj, form, change):
        obj.domains = form.cleaned_data["domain_choices"]
        obj.phase_list = form.cleaned_data["phase_choices"]
        services.resource_save(
            resource=obj,
            themes=form.cleaned_data["themes"],
            mirror=form.cleaned_data.get("mirror_choice"),
            upload=form.cleaned_data.get("upload") or None,
            actor=request.user,
        )

    def save_related(self, request, form, formsets, change):
        """The themes were saved by resource_save; there are no inlines."""

    def delete_model(self, request, obj):
        services.resource_delete(resource=obj, actor=request.user)

    def delete_queryset(self, request, queryset):
        for resource in queryset:
            services.resource_delete(resource=resource, actor=request.user)
