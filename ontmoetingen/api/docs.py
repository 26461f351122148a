"""The interactive API documentation: Swagger UI from django-ninja's bundled static files,
inside the site's own layout (Dutch, skip link, landmarks), under the strict CSP: the settings
travel as a JSON data block and the scripts are files from the site itself."""

from __future__ import annotations

from django.shortcuts import render
from ninja.openapi.docs import DocsBase


class SiteSwagger(DocsBase):
    template = "api/docs.html"
    settings = {
        "layout": "BaseLayout",
        "deepLinking": True,
        "defaultModelsExpandDepth": 0,
        "tryItOutEnabled": False,
    }

    def render_page(self, request, api, **kwargs):
        openapi_url = self.get_openapi_url(api, kwargs)
        context = {
            "swagger_settings": {**self.settings, "url": openapi_url},
            "openapi_url": openapi_url,
            "api": api,
            "breadcrumbs": [{"label": "API-documentatie"}],
        }
        return render(request, self.template, context)
