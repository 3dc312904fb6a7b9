"""The phone's JSON bodies as the typed values the services take, or InvalidFieldInput.

Each field is checked in the order the phone's form shows them, and the error names the field,
so the phone can put the message beside it. What needs the database (the category, the walk's
window, a resent observation) is the services' to check.
"""

import uuid
from collections.abc import Mapping
from datetime import UTC, datetime

from flask_babel import lazy_gettext as _l

from walkapp.actions.checks import CheckInput
from walkapp.observations.models import CheckVerdict, LocationSource, Polarity
from walkapp.observations.services import NOTE_MAX_LENGTH, ObservationInput
from walkapp.walks.services import MAX_TRACK_BATCH, TRACK_KEY, TrackPoint
from walkapp.walks.timing import InvalidFieldInput, phone_time

JsonObject = Mapping[str, object]


def _number(value: object, field: str, low: float, high: float, message) -> float:
    # JSON's true and false are ints to Python: a position of `true` is no number.
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise InvalidFieldInput(field, message)
    if not low <= value <= high:
        raise InvalidFieldInput(field, message)
    return float(value)


def _client_uuid(data: JsonObject, message) -> uuid.UUID:
    try:
        return uuid.UUID(str(data.get("client_uuid")))
    except ValueError:
        raise InvalidFieldInput("client_uuid", message) from None


def observation_input(data: JsonObject, now: datetime) -> ObservationInput:
    """An observation as the phone sends it (see NEW_OBSERVATION in api/schemas.py)."""
    client_uuid = _client_uuid(data, _l("The observation has no valid id."))
    position_message = _l("The position is missing or impossible.")
    lat = _number(data.get("lat"), "lat", -90, 90, position_message)
    lon = _number(data.get("lon"), "lon", -180, 180, position_message)
    accuracy = data.get("accuracy_m")
    if accuracy is not None:
        accuracy = _number(accuracy, "accuracy_m", 0, 100_000, position_message)
    try:
        source = LocationSource(data.get("location_source", "gps"))
    except ValueError:
        raise InvalidFieldInput("location_source", position_message) from None
    polarity = data.get("polarity")
    try:
        polarity = Polarity(polarity) if polarity else None
    except ValueError:
        raise InvalidFieldInput("polarity", _l("Choose problem, proposal or safe place.")) from None
    severity = int(_number(data.get("severity", 2), "severity", 1, 3, _l("Severity is 1, 2 or 3.")))
    feeling = data.get("feeling")
    if feeling is not None:
        feeling = int(_number(feeling, "feeling", 0, 3, _l("The feeling is 0 to 3.")))
    note = data.get("note") or ""
    if not isinstance(note, str):
        raise InvalidFieldInput("note", _l("The note must be text."))
    if len(note) > NOTE_MAX_LENGTH:
        raise InvalidFieldInput(
            "note", _l("The note is too long (at most %(n)d characters).", n=NOTE_MAX_LENGTH)
        )
    recorded_at = phone_time(
        data.get("recorded_at"), "recorded_at", _l("The time of the observation is missing."), now
    )
    return ObservationInput(
        client_uuid=client_uuid,
        lat=lat,
        lon=lon,
        accuracy_m=accuracy,
        location_source=source,
        category_code=str(data.get("category", "")),
        polarity=polarity,
        severity=severity,
        feeling=feeling,
        note=note,
        recorded_at=recorded_at,
    )


def check_input(data: JsonObject, now: datetime) -> CheckInput:
    """A look at an earlier observation on a repeat walk (see NEW_CHECK in api/schemas.py)."""
    client_uuid = _client_uuid(data, _l("The check has no valid id."))
    try:
        verdict = CheckVerdict(data.get("verdict"))
    except ValueError:
        raise InvalidFieldInput("verdict", _l("Choose fixed, still a problem or worse.")) from None
    checked_at = phone_time(
        data.get("checked_at"), "checked_at", _l("The time of the check is missing."), now
    )
    return CheckInput(client_uuid=client_uuid, verdict=verdict, checked_at=checked_at)


def _track_point(item: object, now: datetime) -> TrackPoint:
    message = _l("Each track point needs recorded_at, lat and lon.")
    if not isinstance(item, dict):
        raise InvalidFieldInput("points", message)
    lat = _number(item.get("lat"), "lat", -90, 90, message)
    lon = _number(item.get("lon"), "lon", -180, 180, message)
    accuracy = item.get("accuracy")
    if accuracy is not None:
        accuracy = _number(accuracy, "accuracy", 0, 100_000, message)
    recorded_at = phone_time(item.get("recorded_at"), "recorded_at", message, now)
    return TrackPoint(
        lat=lat, lon=lon, accuracy_m=accuracy, recorded_at=recorded_at.astimezone(UTC)
    )


def track_input(data: JsonObject, now: datetime) -> tuple[str, tuple[TrackPoint, ...]]:
    """A batch of a shared track: the phone's key for it and its points (see TRACK_POINTS)."""
    track_key = data.get("track_key")
    if not isinstance(track_key, str) or not TRACK_KEY.match(track_key):
        raise InvalidFieldInput("track_key", _l("The track key is missing or malformed."))
    points = data.get("points")
    if not isinstance(points, list) or not 1 <= len(points) <= MAX_TRACK_BATCH:
        raise InvalidFieldInput(
            "points", _l("Send between 1 and %(n)d track points.", n=MAX_TRACK_BATCH)
        )
    return track_key, tuple(_track_point(item, now) for item in points)
