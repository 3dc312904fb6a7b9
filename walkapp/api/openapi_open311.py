"""The Open311 GeoReport v2 paths of the OpenAPI document (walkapp/api/openapi.py)."""


def _query(name: str, description: str, required: bool = False, schema=None) -> dict:
    return {
        "name": name,
        "in": "query",
        "required": required,
        "description": description,
        "schema": schema or {"type": "string"},
    }


JURISDICTION = _query(
    "jurisdiction_id", "The municipality's web domain, e.g. strangnas.se", required=True
)


def _open311(schema: dict, description: str, *codes: int) -> dict:
    responses = {
        "200": {"description": description, "content": {"application/json": {"schema": schema}}}
    }
    for code in codes:
        responses[str(code)] = {
            "description": "Open311 error",
            "content": {
                "application/json": {"schema": {"$ref": "#/components/schemas/Open311Errors"}}
            },
        }
    return responses


def _array(ref: str) -> dict:
    return {"type": "array", "items": {"$ref": f"#/components/schemas/{ref}"}}


OPEN311_PATHS = {
    "/open311/v2/discovery.json": {
        "get": {
            "operationId": "open311Discovery",
            "summary": "Open311 discovery",
            "tags": ["Open311"],
            "responses": _open311({"type": "object"}, "Endpoints and formats"),
        }
    },
    "/open311/v2/services.json": {
        "get": {
            "operationId": "open311Services",
            "summary": "The services (walkapp's categories)",
            "tags": ["Open311"],
            "parameters": [JURISDICTION],
            "responses": _open311(_array("Service"), "The services", 400, 404),
        }
    },
    "/open311/v2/services/{service_code}.json": {
        "get": {
            "operationId": "open311ServiceDefinition",
            "summary": "A service's attributes",
            "tags": ["Open311"],
            "parameters": [
                {
                    "name": "service_code",
                    "in": "path",
                    "required": True,
                    "schema": {"type": "string"},
                },
                JURISDICTION,
            ],
            "responses": _open311(
                {"$ref": "#/components/schemas/ServiceDefinition"}, "The definition", 400, 404
            ),
        }
    },
    "/open311/v2/requests.json": {
        "get": {
            "operationId": "open311Requests",
            "summary": "Service requests (the last 90 days and at most 1,000 by default)",
            "tags": ["Open311"],
            "parameters": [
                JURISDICTION,
                _query("service_request_id", "Comma-separated ids"),
                _query("service_code", "Comma-separated service codes"),
                _query(
                    "start_date", "W3C datetime", schema={"type": "string", "format": "date-time"}
                ),
                _query(
                    "end_date", "W3C datetime", schema={"type": "string", "format": "date-time"}
                ),
                _query("status", "open, closed or both (comma-separated)"),
                _query("page", "From 1", schema={"type": "integer"}),
                _query("page_size", "1 to 1000", schema={"type": "integer"}),
            ],
            "responses": _open311(_array("ServiceRequest"), "The requests", 400, 404),
        },
        "post": {
            "operationId": "open311CreateRequest",
            "summary": "Report an observation (needs an api_key of the jurisdiction)",
            "tags": ["Open311"],
            "requestBody": {
                "required": True,
                "content": {
                    "application/x-www-form-urlencoded": {
                        "schema": {
                            "type": "object",
                            "required": [
                                "api_key",
                                "jurisdiction_id",
                                "service_code",
                                "lat",
                                "long",
                            ],
                            "properties": {
                                "api_key": {"type": "string"},
                                "jurisdiction_id": {"type": "string"},
                                "service_code": {"type": "string"},
                                "lat": {"type": "number"},
                                "long": {"type": "number"},
                                "description": {"type": "string"},
                                "attribute[polarity]": {"type": "string"},
                                "attribute[severity]": {"type": "string"},
                            },
                        }
                    }
                },
            },
            "responses": {
                "201": {
                    "description": "Stored for the safety chief to assess",
                    "content": {"application/json": {"schema": _array("CreatedRequest")}},
                },
                **{
                    str(code): {
                        "description": "Open311 error",
                        "content": {
                            "application/json": {
                                "schema": {"$ref": "#/components/schemas/Open311Errors"}
                            }
                        },
                    }
                    for code in (400, 403, 404, 429)
                },
            },
        },
    },
    "/open311/v2/requests/{service_request_id}.json": {
        "get": {
            "operationId": "open311Request",
            "summary": "One service request",
            "tags": ["Open311"],
            "parameters": [
                {
                    "name": "service_request_id",
                    "in": "path",
                    "required": True,
                    "schema": {"type": "string"},
                },
                JURISDICTION,
            ],
            "responses": _open311(_array("ServiceRequest"), "The request", 400, 404),
        }
    },
    "/open311/v2/tokens/{token}.json": {
        "get": {
            "operationId": "open311Token",
            "summary": "The request id for the token a POST returned",
            "tags": ["Open311"],
            "parameters": [
                {"name": "token", "in": "path", "required": True, "schema": {"type": "string"}}
            ],
            "responses": _open311(_array("CreatedRequest"), "The request id", 404),
        }
    },
}
