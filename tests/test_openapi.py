"""Every operation /api/openapi.json describes, run with generated input: no 500, no answer
that breaks the description (schemathesis, on hypothesis)."""

import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from walkapp.places.models import Municipality

# Enough to reach every branch of input checking; the suite must stay quick.
EXAMPLES = 30
# No 500, and every answer as described: its status, its media type, its body. Not whether a
# schema-valid request is also valid by the rules (a 91-day range is valid JSON, refused by 400).
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


def test_every_described_operation_keeps_its_promise(app, db):
    # A jurisdiction to find, so generated requests get past the first check too.
    db.add(
        Municipality(
            name="Strängnäs kommun",
            slug="strangnas",
            web_domain="strangnas.se",
            center_lat=59.37,
            center_lon=17.03,
        )
    )
    db.commit()
    schema = schemathesis.openapi.from_wsgi("/api/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 12  # the field API and every Open311 JSON route
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            derandomize=True,
            database=None,
        )
        def keeps_its_promise(case):
            case.call_and_validate(checks=CHECKS)

        keeps_its_promise()
