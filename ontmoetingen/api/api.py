"""The public API at /api/v1/: one NinjaAPI with the read and write routers, Dutch errors,
conditional GETs and the documentation page from the package's static files."""

from __future__ import annotations

from ninja import NinjaAPI
from ninja.renderers import JSONRenderer

from ontmoetingen.api import (
    caching,
    errors,
    writes,  # noqa: F401 - adds the write operations to the router
)
from ontmoetingen.api.auth import ANONYMOUS, OptionalTokenAuth, TokenAuth
from ontmoetingen.api.docs import SiteSwagger
from ontmoetingen.api.public import router as public_router

DESCRIPTION = """De openbare gegevens van Kansrijke Ontmoetingen als JSON.

Lezen kan zonder token. Partners (Pharos, NCJ) en het projectteam sturen een token mee
(`Authorization: Bearer <token>`) om bijeenkomsten aan te melden en te publiceren.
Lijsten zijn gepagineerd met `limit` (hoogstens 100) en `offset`. Elke leesopdracht geeft een
`ETag`; stuur die terug in `If-None-Match` en u krijgt `304 Not Modified` zolang er niets
veranderde."""


class DutchJSONRenderer(JSONRenderer):
    # "Fryslân", not "Frysl\u00e2n": the body is UTF-8 anyway
    json_dumps_params = {"ensure_ascii": False}


class Api(NinjaAPI):
    def create_response(self, request, data, *, status=None, temporal_response=None):
        response = super().create_response(
            request, data, status=status, temporal_response=temporal_response
        )
        auth = getattr(request, "auth", ANONYMOUS)
        return caching.conditional(request, response, anonymous=auth is ANONYMOUS)

    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        """Reads take a token but do not need one: say so with an empty alternative."""
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        optional = OptionalTokenAuth.__name__
        required = TokenAuth.__name__
        for operations in schema.get("paths", {}).values():
            for operation in operations.values():
                security = operation.get("security")
                if security == [{optional: []}]:
                    operation["security"] = [{}, {required: []}]
        schemes = schema.get("components", {}).get("securitySchemes", {})
        if optional in schemes:
            schemes.setdefault(required, schemes.pop(optional))
        return schema


api = Api(
    title="Kansrijke Ontmoetingen API",
    version="1.0.0",
    description=DESCRIPTION,
    urls_namespace="api-v1",
    docs=SiteSwagger(),
    docs_url="/docs",
    openapi_url="/openapi.json",
    auth=OptionalTokenAuth(),
    renderer=DutchJSONRenderer(),
)
errors.install(api)
api.add_router("/", public_router)
