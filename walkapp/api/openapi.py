"""The OpenAPI 3.1 description of walkapp's JSON API, served at /api/openapi.json."""

ERROR = {
    "type": "object",
    "required": ["error"],
    "properties": {
        "error": {
            "type": "object",
            "required": ["code", "message"],
            "properties": {
                "code": {"type": "integer"},
                "message": {"type": "string"},
                "field": {"type": "string"},
            },
        }
    },
}

NEW_OBSERVATION = {
    "type": "object",
    "required": ["client_uuid", "lat", "lon", "category", "recorded_at"],
    "properties": {
        "client_uuid": {
            "type": "string",
            "format": "uuid",
            "description": "Made on the phone; a retry with the same id is not a duplicate.",
        },
        "lat": {"type": "number", "minimum": -90, "maximum": 90},
        "lon": {"type": "number", "minimum": -180, "maximum": 180},
        "accuracy_m": {"type": ["number", "null"], "minimum": 0},
        "location_source": {"type": "string", "enum": ["gps", "map", "photo_exif"]},
        "category": {"type": "string", "description": "A category code, e.g. lighting_missing."},
        "polarity": {"type": "string", "enum": ["problem", "proposal", "positive"]},
        "severity": {"type": "integer", "minimum": 1, "maximum": 3},
        "feeling": {"type": ["integer", "null"], "minimum": 0, "maximum": 3},
        "note": {"type": "string", "maxLength": 2000},
        "recorded_at": {"type": "string", "format": "date-time"},
    },
}

OBSERVATION = {
    "type": "object",
    "required": ["id", "client_uuid", "lat", "lon", "category", "polarity", "status", "mine"],
    "properties": {
        **NEW_OBSERVATION["properties"],
        "id": {"type": "integer"},
        "status": {"type": "string"},
        "mine": {"type": "boolean"},
        "note": {
            "type": ["string", "null"],
            "description": "Only for the phone's own observations.",
        },
        "photo_count": {"type": ["integer", "null"]},
    },
}

PHOTO = {
    "type": "object",
    "required": ["id", "sha256", "width", "height"],
    "properties": {
        "id": {"type": "integer"},
        "sha256": {"type": "string"},
        "width": {"type": "integer"},
        "height": {"type": "integer"},
        "suggested_position": {
            "type": ["array", "null"],
            "items": {"type": "number"},
            "description": "[lat, lon] from the photo's EXIF GPS, when the upload still had it.",
        },
    },
}


TRACK_POINTS = {
    "type": "object",
    "required": ["track_key", "points"],
    "properties": {
        "track_key": {
            "type": "string",
            "pattern": "^[A-Za-z0-9-]{8,36}$",
            "description": "Random, made on the phone for this walk; never a participant's id.",
        },
        "points": {
            "type": "array",
            "minItems": 1,
            "maxItems": 200,
            "items": {
                "type": "object",
                "required": ["recorded_at", "lat", "lon"],
                "properties": {
                    "recorded_at": {"type": "string", "format": "date-time"},
                    "lat": {"type": "number", "minimum": -90, "maximum": 90},
                    "lon": {"type": "number", "minimum": -180, "maximum": 180},
                    "accuracy": {"type": ["number", "null"], "minimum": 0},
                },
            },
        },
    },
}

LIVE_OBSERVATION = {
    "type": "object",
    "required": ["id", "lat", "lon", "category", "label", "polarity", "status", "recorded_at"],
    "properties": {
        "id": {"type": "integer"},
        "lat": {"type": "number"},
        "lon": {"type": "number"},
        "category": {"type": "string"},
        "label": {"type": "string"},
        "polarity": {"type": "string"},
        "status": {"type": "string"},
        "status_label": {"type": "string"},
        "recorded_at": {"type": "string", "format": "date-time"},
    },
}

VERDICTS = ["fixed", "still_a_problem", "worse"]

EARLIER_OBSERVATION = {
    "type": "object",
    "required": ["id", "lat", "lon", "category", "status"],
    "properties": {
        "id": {"type": "integer"},
        "lat": {"type": "number"},
        "lon": {"type": "number"},
        "category": {"type": "string"},
        "category_label": {"type": "string"},
        "status": {"type": "string"},
        "status_label": {"type": "string"},
        "note": {
            "type": ["string", "null"],
            "description": "The note as the public protocol shows it (masked; null if unchecked).",
        },
        "my_verdict": {"type": ["string", "null"], "enum": [*VERDICTS, None]},
    },
}

NEW_CHECK = {
    "type": "object",
    "required": ["client_uuid", "verdict", "checked_at"],
    "properties": {
        "client_uuid": {"type": "string", "format": "uuid"},
        "verdict": {"type": "string", "enum": VERDICTS},
        "checked_at": {"type": "string", "format": "date-time"},
    },
}

CHECK = {
    "type": "object",
    "required": ["id", "client_uuid", "observation_id", "verdict"],
    "properties": {
        "id": {"type": "integer"},
        "client_uuid": {"type": "string", "format": "uuid"},
        "observation_id": {"type": "integer"},
        "verdict": {"type": "string", "enum": VERDICTS},
    },
}


OPEN311_ERRORS = {
    "type": "array",
    "items": {
        "type": "object",
        "required": ["code", "description"],
        "properties": {"code": {"type": "integer"}, "description": {"type": "string"}},
    },
}

SERVICE = {
    "type": "object",
    "required": ["service_code", "service_name", "metadata", "type"],
    "properties": {
        "service_code": {"type": "string"},
        "service_name": {"type": "string"},
        "description": {"type": "string"},
        "metadata": {"type": "boolean"},
        "type": {"type": "string", "enum": ["realtime", "batch", "blackbox"]},
        "keywords": {"type": "string"},
        "group": {"type": "string"},
    },
}

SERVICE_DEFINITION = {
    "type": "object",
    "required": ["service_code", "attributes"],
    "properties": {
        "service_code": {"type": "string"},
        "attributes": {"type": "array", "items": {"type": "object"}},
    },
}

SERVICE_REQUEST = {
    "type": "object",
    "required": [
        "service_request_id",
        "status",
        "service_code",
        "requested_datetime",
        "lat",
        "long",
    ],
    "properties": {
        "service_request_id": {"type": "string"},
        "status": {"type": "string", "enum": ["open", "closed"]},
        "status_notes": {"type": "string", "description": "walkapp's own status and public note."},
        "service_name": {"type": "string"},
        "service_code": {"type": "string"},
        "description": {"type": "string", "description": "The note as masked for publication."},
        "agency_responsible": {"type": "string"},
        "service_notice": {"type": "string"},
        "requested_datetime": {"type": "string", "format": "date-time"},
        "updated_datetime": {"type": "string", "format": "date-time"},
        "expected_datetime": {"type": ["string", "null"], "format": "date-time"},
        "address": {"type": "string"},
        "address_id": {"type": "string"},
        "zipcode": {"type": "string"},
        "lat": {"type": "number"},
        "long": {"type": "number"},
        "media_url": {"type": ["string", "null"]},
    },
}

CREATED_REQUEST = {
    "type": "object",
    "required": ["service_request_id", "token"],
    "properties": {
        "service_request_id": {"type": "string"},
        "token": {"type": "string"},
        "service_notice": {"type": "string"},
        "account_id": {"type": ["string", "null"]},
    },
}


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


def _json(schema: dict, description: str) -> dict:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _errors(*codes: int) -> dict:
    texts = {
        400: "Malformed request",
        401: "Not logged in",
        403: "Not a participant of this walk",
        404: "No such walk or observation",
        409: "The id belongs to someone else's observation",
        413: "The photo is too large",
        422: "Invalid input; `field` names the field",
    }
    return {str(code): _json({"$ref": "#/components/schemas/Error"}, texts[code]) for code in codes}


WALK_ID = {"name": "walk_id", "in": "path", "required": True, "schema": {"type": "integer"}}


def openapi_document() -> dict:
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "walkapp API",
            "version": "1",
            "description": (
                "The field page's API (the session of a walk participant, joined by code or "
                "logged in; writes carry the X-CSRFToken header) and the JSON form of Open311 "
                "GeoReport v2 (no cookie: a POST carries an api_key; the XML form has the same "
                "paths with .xml)."
            ),
        },
        "paths": {
            "/api/walks/{walk_id}/observations": {
                "parameters": [WALK_ID],
                "get": {
                    "operationId": "listWalkObservations",
                    "summary": "The walk's observations (notes only for the caller's own)",
                    "responses": {
                        "200": _json(
                            {
                                "type": "array",
                                "items": {"$ref": "#/components/schemas/Observation"},
                            },
                            "The observations",
                        ),
                        **_errors(403, 404),
                    },
                },
                "post": {
                    "operationId": "createObservation",
                    "summary": "Record an observation (idempotent by client_uuid)",
                    "requestBody": {
                        "required": True,
                        "content": {
                            "application/json": {
                                "schema": {"$ref": "#/components/schemas/NewObservation"}
                            }
                        },
                    },
                    "responses": {
                        "201": _json({"$ref": "#/components/schemas/Observation"}, "Stored"),
                        "200": _json(
                            {"$ref": "#/components/schemas/Observation"},
                            "Already stored by an earlier try",
                        ),
                        **_errors(400, 403, 404, 409, 422),
                    },
                },
            },
            **OPEN311_PATHS,
            "/api/walks/{walk_id}/earlier": {
                "parameters": [WALK_ID],
                "get": {
                    "operationId": "listEarlierObservations",
                    "summary": "On a repeat walk: the earlier walk's observations to look at again",
                    "responses": {
                        "200": _json(
                            {
                                "type": "array",
                                "items": {"$ref": "#/components/schemas/EarlierObservation"},
                            },
                            "The earlier observations (none if the walk repeats no walk)",
                        ),
                        **_errors(403, 404),
                    },
                },
            },
            "/api/walks/{walk_id}/earlier/{observation_id}/checks": {
                "parameters": [
                    WALK_ID,
                    {
                        "name": "observation_id",
                        "in": "path",
                        "required": True,
                        "schema": {"type": "integer"},
                    },
                ],
                "post": {
                    "operationId": "createCheck",
                    "summary": "Judge an earlier observation: fixed, still a problem or worse",
                    "requestBody": {
                        "required": True,
                        "content": {
                            "application/json": {
                                "schema": {"$ref": "#/components/schemas/NewCheck"}
                            }
                        },
                    },
                    "responses": {
                        "201": _json({"$ref": "#/components/schemas/Check"}, "Stored"),
                        "200": _json({"$ref": "#/components/schemas/Check"}, "Already stored"),
                        **_errors(400, 403, 404, 409, 422),
                    },
                },
            },
            "/api/walks/{walk_id}/track": {
                "parameters": [WALK_ID],
                "post": {
                    "operationId": "createTrackPoints",
                    "summary": "Points of a track shared by opt-in (a retry stores nothing twice)",
                    "requestBody": {
                        "required": True,
                        "content": {
                            "application/json": {
                                "schema": {"$ref": "#/components/schemas/TrackPoints"}
                            }
                        },
                    },
                    "responses": {
                        "200": _json(
                            {
                                "type": "object",
                                "required": ["accepted"],
                                "properties": {"accepted": {"type": "integer"}},
                            },
                            "Stored (points already stored are not stored again)",
                        ),
                        **_errors(400, 403, 404, 422),
                    },
                },
            },
            "/api/walks/{walk_id}/live": {
                "parameters": [
                    WALK_ID,
                    {
                        "name": "If-None-Match",
                        "in": "header",
                        "required": False,
                        "schema": {"type": "string"},
                    },
                ],
                "get": {
                    "operationId": "listLiveObservations",
                    "summary": "The walk's pins for its leader and safety chief (ETag: mostly 304)",
                    "responses": {
                        "200": _json(
                            {
                                "type": "array",
                                "items": {"$ref": "#/components/schemas/LiveObservation"},
                            },
                            "The walk's observations, without notes",
                        ),
                        "304": {"description": "Nothing changed since the ETag sent"},
                        **_errors(401, 403, 404),
                    },
                },
            },
            "/api/walks/{walk_id}/observations/{client_uuid}/photos/{sha256}": {
                "parameters": [
                    WALK_ID,
                    {
                        "name": "client_uuid",
                        "in": "path",
                        "required": True,
                        "schema": {"type": "string", "format": "uuid"},
                    },
                    {
                        "name": "sha256",
                        "in": "path",
                        "required": True,
                        "schema": {"type": "string", "pattern": "^[0-9a-fA-F]{64}$"},
                    },
                ],
                "put": {
                    "operationId": "putObservationPhoto",
                    "summary": "Attach a photo at the URL named by its SHA-256 (idempotent)",
                    "requestBody": {
                        "required": True,
                        "content": {
                            f"image/{kind}": {"schema": {"type": "string", "format": "binary"}}
                            for kind in ("jpeg", "png", "webp", "heic")
                        },
                    },
                    "responses": {
                        "201": _json({"$ref": "#/components/schemas/Photo"}, "Stored"),
                        "200": _json({"$ref": "#/components/schemas/Photo"}, "Already stored"),
                        **_errors(400, 403, 404, 413, 422),
                    },
                },
            },
        },
        "components": {
            "schemas": {
                "Error": ERROR,
                "NewObservation": NEW_OBSERVATION,
                "Observation": OBSERVATION,
                "Photo": PHOTO,
                "EarlierObservation": EARLIER_OBSERVATION,
                "NewCheck": NEW_CHECK,
                "Check": CHECK,
                "TrackPoints": TRACK_POINTS,
                "LiveObservation": LIVE_OBSERVATION,
                "Open311Errors": OPEN311_ERRORS,
                "Service": SERVICE,
                "ServiceDefinition": SERVICE_DEFINITION,
                "ServiceRequest": SERVICE_REQUEST,
                "CreatedRequest": CREATED_REQUEST,
            }
        },
    }
