"""An observation as a dict: one serializer, and the shapes each reader gets cut from it."""

from walkapp.formats import utc_seconds, utc_text
from walkapp.labels import label
from walkapp.observations.models import Observation


def as_dict(observation: Observation, locale: str | None = None) -> dict:
    """Every field any reader may get; the shapes below pick from it, so none drifts.

    `note` is the author's own text (it may name people); `published_note` is what the public
    may read. Labels need a locale and are left out without one.
    """
    o = observation
    data = {
        "id": o.id,
        "client_uuid": str(o.client_uuid),
        "lat": o.lat,
        "lon": o.lon,
        "accuracy_m": o.accuracy_m,
        "location_source": o.location_source.value,
        "category": o.category_code,
        "category_group": o.category.group.value,
        "polarity": o.polarity.value,
        "severity": o.severity,
        "feeling": o.feeling,
        "status": o.status.value,
        "recorded_at": o.recorded_at.isoformat().replace("+00:00", "Z"),
        "received_at": utc_text(o.received_at),
        "note": o.note,
        "published_note": o.published_note,
        "walk": o.walk.title if o.walk else None,
    }
    if locale is not None:
        data["category_label"] = o.category.label(locale)
        data["status_label"] = label(o.status)
    return data


def _pick(data: dict, *names: str) -> dict:
    return {name: data[name] for name in names}


def for_phone(observation: Observation, participant_id: int, photo_count: int) -> dict:
    """The field API: a participant's phone; other participants' notes are never sent."""
    data = as_dict(observation)
    mine = observation.author_id == participant_id
    return {
        **_pick(
            data,
            "id",
            "client_uuid",
            "lat",
            "lon",
            "accuracy_m",
            "location_source",
            "category",
            "polarity",
            "severity",
            "feeling",
            "status",
            "recorded_at",
        ),
        "mine": mine,
        # Other participants' notes may name people: each phone sees only its own.
        "note": data["note"] if mine else None,
        "photo_count": photo_count if mine else None,
    }


def for_earlier(observation: Observation, locale: str, my_verdict: str | None) -> dict:
    """A repeat walk: the earlier observation, with only what the public protocol shows."""
    data = as_dict(observation, locale)
    return {
        **_pick(data, "id", "lat", "lon", "category", "category_label", "status", "status_label"),
        "note": data["published_note"],
        "my_verdict": my_verdict,
    }


def for_live_map(observation: Observation, locale: str) -> dict:
    """The walk leader's live map."""
    data = as_dict(observation, locale)
    return {
        **_pick(data, "id", "lat", "lon", "category"),
        "label": data["category_label"],
        **_pick(data, "polarity", "status", "status_label", "recorded_at"),
    }


def gis_properties(observation: Observation, locale: str) -> dict:
    """The attributes of an observation in GIS exports (GeoJSON, CSV, GeoPackage)."""
    data = as_dict(observation, locale)
    return {
        "category_code": data["category"],
        "category": data["category_label"],
        "category_group": data["category_group"],
        "kind": data["polarity"],
        "status": data["status"],
        "severity": data["severity"],
        "recorded_at": utc_seconds(observation.recorded_at),
        "walk": data["walk"] or "",
        "note": data["published_note"] or "",
        "accuracy_m": data["accuracy_m"] if data["accuracy_m"] is not None else -1.0,
    }


def for_subject_access(observation: Observation) -> dict:
    """A person's own observations in their data export (the note as they wrote it)."""
    data = as_dict(observation)
    return {
        **_pick(data, "id", "category", "note", "lat", "lon"),
        "recorded_at": utc_text(observation.recorded_at),
        "status": data["status"],
    }


def map_point(observation: Observation, *, kind: str, label_text: str, url: str) -> dict:
    """A pin on a page's map: the colour's class (walkapp.css) and what the popup says."""
    return {
        "lat": observation.lat,
        "lon": observation.lon,
        "kind": kind,
        "label": label_text,
        "url": url,
    }
