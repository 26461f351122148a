"""Error responses of the API: JSON with a Dutch ``detail`` (and per field for invalid input)."""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from ninja.errors import AuthenticationError, AuthorizationError, HttpError, ValidationError

from ontmoetingen.core.errors import BusyError, ServiceError

INVALID = "De invoer klopt niet. Zie 'errors' voor wat er per veld mis is."
UNAUTHORIZED = "Geef een geldig API-token mee: 'Authorization: Bearer <token>'."
FORBIDDEN = "Met dit token mag u dit niet doen."
NOT_FOUND = "Niet gevonden."
BUSY_RETRY_SECONDS = 5

# pydantic's error types in plain Dutch; anything else gets the generic message
MESSAGES = {
    "missing": "Dit veld is verplicht.",
    "int_parsing": "Vul een geheel getal in.",
    "int_type": "Vul een geheel getal in.",
    "int_from_float": "Vul een geheel getal in.",
    "bool_parsing": "Vul true of false in.",
    "bool_type": "Vul true of false in.",
    "date_parsing": "Vul een datum in als JJJJ-MM-DD.",
    "date_from_datetime_parsing": "Vul een datum in als JJJJ-MM-DD.",
    "date_from_datetime_inexact": "Vul een datum in als JJJJ-MM-DD.",
    "date_type": "Vul een datum in als JJJJ-MM-DD.",
    "datetime_parsing": "Vul een tijdstip in als JJJJ-MM-DDTUU:MM (ISO 8601).",
    "datetime_from_date_parsing": "Vul een tijdstip in als JJJJ-MM-DDTUU:MM (ISO 8601).",
    "datetime_type": "Vul een tijdstip in als JJJJ-MM-DDTUU:MM (ISO 8601).",
    "greater_than_equal": "De waarde is te klein.",
    "greater_than": "De waarde is te klein.",
    "less_than_equal": "De waarde is te groot.",
    "less_than": "De waarde is te groot.",
    "string_too_short": "Dit veld mag niet leeg zijn.",
    "string_too_long": "Deze tekst is te lang.",
    "string_type": "Vul tekst in.",
    "string_pattern_mismatch": "Deze waarde heeft niet de juiste vorm.",
    "too_short": "Dit veld mag niet leeg zijn.",
    "too_long": "Deze tekst is te lang.",
    "list_type": "Geef een lijst.",
    "enum": "Kies een van de toegestane waarden.",
    "literal_error": "Kies een van de toegestane waarden.",
    "json_invalid": "De inhoud is geen geldige JSON.",
    "model_attributes_type": "Geef een JSON-object.",
    "dict_type": "Geef een JSON-object.",
    "value_error": "Deze waarde klopt niet.",
}
GENERIC = "Deze waarde klopt niet."


def _field(loc) -> str:
    # ("query", "limit") -> "limit"; ("body", "payload", "title") -> "title"
    parts = [str(p) for p in loc if p not in ("body", "query", "path", "header", "payload")]
    return ".".join(parts) or "__all__"


def _message(error: dict) -> str:
    if error.get("type") == "value_error":
        text = str(error.get("ctx", {}).get("error", "")) or error.get("msg", "")
        # our own validators raise Dutch messages; pydantic prefixes "Value error, "
        return text.removeprefix("Value error, ") or GENERIC
    if error.get("type") == "too_long" and error.get("ctx", {}).get("field_type") == "List":
        return "Dit zijn te veel waarden."
    return MESSAGES.get(error.get("type", ""), GENERIC)


def validation_errors(errors: list[dict]) -> dict:
    return {
        "detail": INVALID,
        "errors": [{"field": _field(e.get("loc", ())), "message": _message(e)} for e in errors],
    }


def django_validation_errors(exc: DjangoValidationError) -> dict:
    if hasattr(exc, "error_dict"):
        items = [
            {"field": name, "message": message}
            for name, messages in exc.message_dict.items()
            for message in messages
        ]
    else:
        items = [{"field": "__all__", "message": message} for message in exc.messages]
    return {"detail": INVALID, "errors": items}


def install(api) -> None:
    """Register the handlers on the NinjaAPI instance."""

    def on_validation(request, exc: ValidationError):
        return api.create_response(request, validation_errors(exc.errors), status=422)

    def on_django_validation(request, exc: DjangoValidationError):
        return api.create_response(request, django_validation_errors(exc), status=422)

    def on_service_error(request, exc: ServiceError):
        body = {"detail": exc.message, "code": exc.code}
        if exc.field:
            body = {"detail": exc.message, "errors": [{"field": exc.field, "message": exc.message}]}
            return api.create_response(request, body, status=422)
        return api.create_response(request, body, status=400)

    def on_authentication(request, exc: AuthenticationError):
        response = api.create_response(
            request, {"detail": UNAUTHORIZED, "code": "unauthorized"}, status=401
        )
        response["WWW-Authenticate"] = 'Bearer realm="api"'
        return response

    def on_authorization(request, exc: AuthorizationError):
        return api.create_response(request, {"detail": FORBIDDEN, "code": "forbidden"}, status=403)

    def on_http_error(request, exc: HttpError):
        return api.create_response(
            request, {"detail": exc.message, "code": "error"}, status=exc.status_code
        )

    def on_not_found(request, exc: Http404):
        return api.create_response(request, {"detail": NOT_FOUND, "code": "not_found"}, status=404)

    def on_busy(request, exc: BusyError):
        response = api.create_response(request, {"detail": exc.message, "code": "busy"}, status=503)
        response["Retry-After"] = str(BUSY_RETRY_SECONDS)
        return response

    api.add_exception_handler(ValidationError, on_validation)
    api.add_exception_handler(DjangoValidationError, on_django_validation)
    api.add_exception_handler(ServiceError, on_service_error)
    api.add_exception_handler(AuthenticationError, on_authentication)
    api.add_exception_handler(AuthorizationError, on_authorization)
    api.add_exception_handler(HttpError, on_http_error)
    api.add_exception_handler(Http404, on_not_found)
    api.add_exception_handler(BusyError, on_busy)
