"""Schemathesis against the published OpenAPI schema: for every operation a bounded number of
generated requests (valid and invalid), with a fixed seed; no response may be a 5xx, and every
status code, content type, header and body must be the one the schema documents.

Reads go anonymously; the writes carry a project-team token, so generated events really go
through the events services (and their validation) instead of stopping at 401.
"""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from ontmoetingen.accounts.tests.factories import UserFactory
from ontmoetingen.api import services
from ontmoetingen.coalitions.tests.factories import CoalitionFactory
from ontmoetingen.events.tests.factories import EventFactory
from ontmoetingen.glossary.tests.factories import TermFactory
from ontmoetingen.toolkit.tests.factories import ResourceFactory

MAX_EXAMPLES = 50
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())


@pytest.fixture
def keep_connection():
    """Django's WSGI handler closes the database connection after each request; the test
    transaction lives on it, so (like Django's test client) keep it open while testing."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def api_data(regions, keep_connection):
    """Some rows of every kind, so the lists have items to serialise."""
    CoalitionFactory(municipalities=["GM0344"])
    EventFactory(slug="regiotour-utrecht")
    ResourceFactory(slug="startgids")
    TermFactory(term="VSV", slug="vsv")
    user = UserFactory(project_team=True)
    _, secret = services.token_create(name="schemathesis", user=user, actor=None)
    return {"Authorization": f"Bearer {secret}"}


@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_api_conforms_to_its_schema(case, api_data):
    headers = api_data if case.method.upper() != "GET" else None
    case.call_and_validate(headers=headers, checks=CHECKS)
