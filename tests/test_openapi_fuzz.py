"""schemathesis against our own OpenAPI document, every check, positive and negative input, on the WSGI app.

A few examples per operation keep the suite fast (a PDF report costs about a second); `bench/fuzz.py` runs
1,000 per operation, phase and mode.
"""
import secrets

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from regiewijzer.service import create_app

pytestmark = pytest.mark.slow        # schemathesis over every operation

ADMIN_PREFIX = "/api/v1/admin/"
EXAMPLES_PER_OPERATION = 8


@pytest.fixture(scope="module")
def api_schema():
    # an admin token is set (one the fuzzer cannot know), so that the admin action exists and its check is fuzzed
    app = create_app({"TESTING": True, "RATE_LIMIT": "0", "ADMIN_TOKEN": secrets.token_urlsafe(32)})
    loaded = schemathesis.openapi.from_dict(app.test_client().get("/api/v1/openapi.json").json)
    loaded.app = app            # as from_wsgi does, but keeping the document's own operation under test
    return loaded


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@settings(max_examples=EXAMPLES_PER_OPERATION, deadline=None, suppress_health_check=list(HealthCheck))
def test_every_operation_keeps_its_contract(case):
    response = case.call_and_validate()
    if case.path.startswith(ADMIN_PREFIX):
        assert response.status_code >= 400, f"admin action {case.path} accepted without a valid token"
