"""Form fields whose limits match the database columns, so PostgreSQL never sees a value that
does not fit (SQLite would store it; PostgreSQL answers with an error, which was a 500)."""

from django import forms
from django.core.exceptions import ValidationError

from ontmoetingen.core.text import clean_name

EMAIL_MAX_LENGTH = 254  # Django's EmailField column
URL_MAX_LENGTH = 200  # Django's URLField column unless a model says otherwise


class EmailField(forms.EmailField):
    """An e-mail address of at most 254 characters, with a Dutch message."""

    def __init__(self, *, max_length: int = EMAIL_MAX_LENGTH, **kwargs):
        kwargs.setdefault("error_messages", {})
        kwargs["error_messages"].setdefault(
            "max_length",
            f"Dit e-mailadres is te lang: hoogstens {max_length} tekens (nu %(show_value)d).",
        )
        kwargs["error_messages"].setdefault(
            "invalid", "Vul een geldig e-mailadres in, zoals naam@organisatie.nl."
        )
        super().__init__(max_length=max_length, **kwargs)


class URLField(forms.URLField):
    """A link of at most the column's length (200 unless given), with a Dutch message."""

    def __init__(self, *, max_length: int = URL_MAX_LENGTH, **kwargs):
        kwargs.setdefault("error_messages", {})
        kwargs["error_messages"].setdefault(
            "max_length", f"Deze link is te lang: hoogstens {max_length} tekens."
        )
        kwargs.setdefault("assume_scheme", "https")
        super().__init__(max_length=max_length, **kwargs)


SANE_YEARS = (2000, 2100)


def validate_sane_datetime(value) -> None:
    """A date for something on the platform: refused outside 2000-2100 (a typed year 0001
    would otherwise reach the database, which cannot always convert it)."""
    if value is not None and not SANE_YEARS[0] <= value.year <= SANE_YEARS[1]:
        raise ValidationError(
            f"Kies een datum tussen {SANE_YEARS[0]} en {SANE_YEARS[1]}.", code="out_of_range"
        )


class NameField(forms.CharField):
    """A name of a person or organisation: without right-to-left overrides, zero-width and
    control characters (core.text.clean_name), so a name cannot display as something else."""

    def to_python(self, value):
        return clean_name(super().to_python(value))
