"""A walk as data: one serializer, and the shapes each reader gets cut from it."""

from walkapp.formats import utc_text
from walkapp.walks.models import Walk, WalkParticipant
from walkapp.walks.route import route_line, route_stops


def as_dict(walk: Walk) -> dict:
    """Every field any reader may get; the shapes below pick from it, so none drifts.

    `starts_at` keeps the stored offset (the follow-up reports read it so); `protocol_token`
    is the address of the walk's public protocol.
    """
    return {
        "id": walk.id,
        "title": walk.title,
        "kind": walk.kind.value,
        "status": walk.status.value,
        "starts_at": walk.starts_at.isoformat(),
        "locality": walk.locality.name if walk.locality else None,
        "protocol_token": walk.public_token,
    }


def _pick(data: dict, *names: str) -> dict:
    return {name: data[name] for name in names}


def for_report(walk: Walk) -> dict:
    """A walk held in a follow-up report's period (frozen into its published versions)."""
    return _pick(as_dict(walk), "title", "kind", "starts_at", "locality", "protocol_token")


def for_commitment(walk: Walk) -> dict:
    """A walk counted toward a commitment, in the report's table of commitments."""
    return _pick(as_dict(walk), "title", "starts_at")


def for_subject_access(participant: WalkParticipant) -> dict:
    """A person's part in a walk, in their data export (the name they gave on the walk)."""
    return {
        "walk": participant.walk.title,
        "walk_date": utc_text(participant.walk.starts_at),
        "name_on_walk": participant.display_name,
        "represents": participant.represents.value,
        "consent_given_at": utc_text(participant.consent_given_at),
        "feedback_email": participant.feedback_email,
        "anonymised_at": utc_text(participant.anonymised_at),
    }


def centre(walk: Walk) -> list[float]:
    """Where a map of the walk opens: its locality, else its municipality, as [lat, lon]."""
    place = walk.locality or walk.municipality
    return [place.center_lat, place.center_lon]


def route_map(walk: Walk, walked: list[list[tuple[float, float]]]) -> dict:
    """The planned route and stops, and the lines walked: lines only, never whose."""
    return {
        "route": route_line(walk.route_geojson),
        "stops": [stop.__dict__ for stop in route_stops(walk.route_geojson)],
        "walked": walked,
    }
