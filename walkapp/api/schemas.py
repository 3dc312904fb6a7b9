"""The JSON schemas of walkapp's API resources, for the OpenAPI document (api/openapi.py)."""

# Limits and enum values from the code that enforces them, so the description cannot drift.
from walkapp.observations.models import CheckVerdict, LocationSource, Polarity
from walkapp.observations.services import NOTE_MAX_LENGTH
from walkapp.walks.services import MAX_TRACK_BATCH, TRACK_KEY

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
        "location_source": {"type": "string", "enum": [s.value for s in LocationSource]},
        "category": {"type": "string", "description": "A category code, e.g. lighting_missing."},
        "polarity": {"type": "string", "enum": [p.value for p in Polarity]},
        "severity": {"type": "integer", "minimum": 1, "maximum": 3},
        "feeling": {"type": ["integer", "null"], "minimum": 0, "maximum": 3},
        "note": {"type": "string", "maxLength": NOTE_MAX_LENGTH},
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
            "pattern": TRACK_KEY.pattern,
            "description": "Random, made on the phone for this walk; never a participant's id.",
        },
        "points": {
            "type": "array",
            "minItems": 1,
            "maxItems": MAX_TRACK_BATCH,
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

VERDICTS = [v.value for v in CheckVerdict]

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
