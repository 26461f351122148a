"""Form fields whose limits match the database columns, so PostgreSQL never sees a value that
does not fit (SQLite would store it; PostgreSQL answers with an error, which was a 500)."""

from django import forms

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
