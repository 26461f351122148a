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


class BusyError(Exception):
    """The database lock could not be had in time: ask the user to try again shortly.

    Not a ServiceError: a busy database is no refusal by a rule, so a view's
    ``except ServiceError`` never swallows it; it reaches BusyDatabaseMiddleware (503 page).
    """

    def __init__(
        self,
        message: str = "Het is op dit moment erg druk. Probeer het over een paar seconden opnieuw.",
    ):
        super().__init__(message)
        self.message = message


BUSY_MARKERS = (
    "database is locked",
    "lock timeout",
    "could not obtain lock",
    "canceling statement due to lock timeout",
)


def is_lock_error(exc: BaseException) -> bool:
    """Whether a database error means "a lock could not be had in time" (SQLite or PostgreSQL)."""
    text = str(exc).lower()
    return any(marker in text for marker in BUSY_MARKERS)
