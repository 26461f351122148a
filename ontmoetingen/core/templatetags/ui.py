"""Template helpers available in every template (registered as builtins in settings)."""

from django import forms, template
from django.forms import BoundField
from django.utils.safestring import SafeString

from ontmoetingen.core.markdown import render_markdown
from ontmoetingen.core.widgets import GroupedCheckboxes

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text: str) -> SafeString:
    return render_markdown(text or "")


@register.inclusion_tag("components/field.html")
def field(
    bound_field: BoundField, hint: str = "", label: str = "", hide_label: bool = False
) -> dict:
    """A form field with its label, hint and error text, linked for assistive technology."""
    widget = bound_field.field.widget
    field_id = bound_field.id_for_label or bound_field.auto_id
    describedby = []
    hint = hint or bound_field.help_text
    if hint:
        describedby.append(f"{field_id}-hint")
    if bound_field.errors:
        describedby.append(f"{field_id}-error")
    attrs = {}
    if describedby:
        attrs["aria-describedby"] = " ".join(describedby)
    if bound_field.errors:
        attrs["aria-invalid"] = "true"
    if bound_field.field.required and not getattr(widget, "allow_multiple_selected", False):
        attrs["required"] = True
    if isinstance(widget, forms.CheckboxInput):
        kind = "checkbox"
    elif isinstance(widget, GroupedCheckboxes):
        kind = "grouped"
        attrs.pop("required", None)
    elif isinstance(widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
        kind = "choices"
        attrs.pop("required", None)
    else:
        kind = "input"
    return {
        "field": bound_field,
        "field_id": field_id,
        "widget_html": bound_field.as_widget(attrs=attrs),
        "hint": hint,
        "label": label or bound_field.label,
        "hide_label": hide_label,
        "kind": kind,
        # filter forms (``show_optional = False``) leave out "(niet verplicht)": all filters are
        # optional, saying so on each one is noise
        "required": bound_field.field.required
        or not getattr(bound_field.form, "show_optional", True),
    }


ERROR_TITLE_PREFIX = "Fout: "


def _has_errors(value) -> bool:
    # type(), not isinstance(): isinstance would evaluate lazy context values such as the
    # CSRF token, which sets a cookie and keeps the page out of the page cache
    kind = type(value)
    if issubclass(kind, forms.BaseForm):
        return value.is_bound and bool(value.errors)
    if issubclass(kind, forms.BaseFormSet):
        return value.is_bound and not value.is_valid()
    return False


@register.simple_tag(takes_context=True)
def error_title_prefix(context) -> str:
    """ "Fout: " at the start of the page title when any form on the page (whatever its name
    in the context: ``form``, ``profile_form``, a formset) came back with errors, or when the
    view says so with ``page_has_errors``. One place, so no page forgets it or says it twice."""
    flat = context.flatten()
    if flat.get("page_has_errors") or any(_has_errors(value) for value in flat.values()):
        return ERROR_TITLE_PREFIX
    return ""


@register.inclusion_tag("components/error_summary.html")
def error_summary(form) -> dict:
    """The list of errors at the top of a form, each a link to its field."""
    items = []
    for name, errors in form.errors.items():
        if name == "__all__":
            items.extend({"message": e, "anchor": ""} for e in errors)
            continue
        bound = form[name]
        label = bound.label
        for error in errors:
            items.append(
                {"message": f"{label}: {error}", "anchor": bound.id_for_label or bound.auto_id}
            )
    return {"items": items, "form": form}


@register.inclusion_tag("components/pagination.html", takes_context=True)
def pagination(context, page_obj, label: str = "Paginering") -> dict:
    """Previous/next and page numbers that keep the current filters in the query string."""
    request = context["request"]
    params = request.GET.copy()
    params.pop("page", None)
    params.pop("partial", None)
    base = params.urlencode()
    paginator = page_obj.paginator
    numbers = paginator.get_elided_page_range(page_obj.number, on_each_side=2, on_ends=1)
    return {"page_obj": page_obj, "base": base, "numbers": numbers, "label": label}


@register.filter
def yesno_nl(value) -> str:
    return "ja" if value else "nee"
