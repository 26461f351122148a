"""The project's own error type: services raise it with a message fit for the user."""


class ServiceError(Exception):
    """A rule refused the action. ``message`` is Dutch and may be shown as-is; ``field`` names
    the form field it belongs to, if any; ``code`` lets callers and tests tell cases apart."""

    def __init__(self, message: str, *, code: str = "invalid", field: str | None = None):
        super().__init__(message)
        self.message = message
        self.code = code
        self.field = field

    def add_to_form(self, form) -> None:
        """Show the message next to the field it concerns, or above the form."""
        field = self.field if self.field in getattr(form, "fields", {}) else None
        form.add_error(field, self.message)


class BusyError(ServiceError):
    """The database lock could not be had in time: ask the user to try again shortly."""

    def __init__(
        self,
        message: str = "Het is op dit moment erg druk. Probeer het over een paar seconden opnieuw.",
    ):
        super().__init__(message, code="busy")
