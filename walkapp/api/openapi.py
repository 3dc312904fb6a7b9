"""The OpenAPI 3.1 description of walkapp's JSON API, served at /api/openapi.json."""

from walkapp.api.openapi_open311 import OPEN311_PATHS
from walkapp.api.schemas import (
    CHECK,
    CREATED_REQUEST,
    EARLIER_OBSERVATION,
    ERROR,
    LIVE_OBSERVATION,
    NEW_CHECK,
    NEW_OBSERVATION,
    OBSERVATION,
    OPEN311_ERRORS,
    PHOTO,
    SERVICE,
    SERVICE_DEFINITION,
    SERVICE_REQUEST,
    TRACK_POINTS,
)


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
