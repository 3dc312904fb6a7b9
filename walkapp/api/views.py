"""JSON API for the field page: a walk's observations, and photos put to their own URL."""

from flask import Blueprint, abort, jsonify, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from sqlalchemy import func, select

from walkapp.api.openapi import openapi_document
from walkapp.db import get_db
from walkapp.errors import DomainError
from walkapp.extensions import limiter
from walkapp.labels import label
from walkapp.observations import services
from walkapp.observations.models import Observation, ObservationCheck
from walkapp.photos.models import Photo
from walkapp.photos.storage import get_storage
from walkapp.security import participant_for_walk, public, walk_member
from walkapp.walks.models import Walk

bp = Blueprint("api", __name__, url_prefix="/api")
# A phone sends a few requests per observation; this only stops a runaway client or a flood.
limiter.limit("600 per minute")(bp)


def _error(status: int, message: str, field: str | None = None):
    body = {"error": {"code": status, "message": message}}
    if field:
        body["error"]["field"] = field
    return jsonify(body), status


def _run(db, call):
    """Run a service and commit, or roll back and answer with its error as JSON."""
    try:
        result = call()
    except DomainError as error:
        db.rollback()
        return None, _error(error.status_code, str(error.message), getattr(error, "field", None))
    db.commit()
    return result, None


def _participant(walk_id: int):
    db = get_db()
    walk = db.get(Walk, walk_id)
    if walk is None:
        abort(404)
    participant = participant_for_walk(db, walk)
    if participant is None:
        abort(403)
    return db, walk, participant


def observation_json(observation: Observation, participant_id: int, photo_count: int) -> dict:
    mine = observation.author_id == participant_id
    return {
        "id": observation.id,
        "client_uuid": str(observation.client_uuid),
        "lat": observation.lat,
        "lon": observation.lon,
        "accuracy_m": observation.accuracy_m,
        "location_source": observation.location_source.value,
        "category": observation.category_code,
        "polarity": observation.polarity.value,
        "severity": observation.severity,
        "feeling": observation.feeling,
        "status": observation.status.value,
        "recorded_at": observation.recorded_at.isoformat().replace("+00:00", "Z"),
        "mine": mine,
        # Other participants' notes may name people: each phone sees only its own.
        "note": observation.note if mine else None,
        "photo_count": photo_count if mine else None,
    }


def _photo_counts(db, observation_ids: list[int]) -> dict[int, int]:
    rows = db.execute(
        select(Photo.observation_id, func.count(Photo.id))
        .where(Photo.observation_id.in_(observation_ids))
        .group_by(Photo.observation_id)
    )
    return dict(rows.all())


@bp.route("/walks/<int:walk_id>/observations", methods=["GET"])
@walk_member
def walk_observations(walk_id: int):
    db, walk, participant = _participant(walk_id)
    observations = db.scalars(
        select(Observation).where(Observation.walk_id == walk.id).order_by(Observation.id)
    ).all()
    counts = _photo_counts(db, [o.id for o in observations])
    return jsonify([observation_json(o, participant.id, counts.get(o.id, 0)) for o in observations])


@bp.route("/walks/<int:walk_id>/observations", methods=["POST"])
@walk_member
def create_observation(walk_id: int):
    db, _walk, participant = _participant(walk_id)
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        return _error(400, _("Send the observation as a JSON object."))
    result, failure = _run(db, lambda: services.record_observation(db, participant, data))
    if failure is not None:
        return failure
    observation, created = result
    counts = _photo_counts(db, [observation.id])
    response = jsonify(observation_json(observation, participant.id, counts.get(observation.id, 0)))
    response.status_code = 201 if created else 200
    response.headers["Location"] = url_for(
        "api.walk_observations", walk_id=walk_id, _anchor=str(observation.client_uuid)
    )
    return response


@bp.route("/walks/<int:walk_id>/earlier", methods=["GET"])
@walk_member
def earlier_observations(walk_id: int):
    """On a repeat walk: the earlier walk's observations, with what this phone said of each."""
    db, walk, participant = _participant(walk_id)
    observations = services.earlier_observations(db, walk)
    mine = dict(
        db.execute(
            select(ObservationCheck.observation_id, ObservationCheck.verdict)
            .where(ObservationCheck.participant_id == participant.id)
            .order_by(ObservationCheck.id)
        ).all()
    )
    locale = str(get_locale())
    return jsonify(
        [
            {
                "id": o.id,
                "lat": o.lat,
                "lon": o.lon,
                "category": o.category_code,
                "category_label": o.category.label(locale),
                "status": o.status.value,
                "status_label": label(o.status),
                # Only what the public protocol shows: the note as masked, if checked.
                "note": o.published_note,
                "my_verdict": mine.get(o.id),
            }
            for o in observations
        ]
    )


@bp.route("/walks/<int:walk_id>/earlier/<int:observation_id>/checks", methods=["POST"])
@walk_member
def create_check(walk_id: int, observation_id: int):
    db, _walk, participant = _participant(walk_id)
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        return _error(400, _("Send the check as a JSON object."))
    result, failure = _run(db, lambda: services.record_check(db, participant, observation_id, data))
    if failure is not None:
        return failure
    check, created = result
    return jsonify(
        id=check.id,
        client_uuid=str(check.client_uuid),
        observation_id=check.observation_id,
        verdict=check.verdict.value,
    ), (201 if created else 200)


@bp.route("/walks/<int:walk_id>/observations/<uuid:client_uuid>/photos/<sha256>", methods=["PUT"])
@walk_member
def put_photo(walk_id: int, client_uuid, sha256: str):
    db, walk, participant = _participant(walk_id)
    observation = db.scalar(
        select(Observation).where(
            Observation.client_uuid == client_uuid, Observation.walk_id == walk.id
        )
    )
    if observation is None:
        return _error(404, _("The observation has not arrived yet; its data is sent first."))
    if len(sha256) != 64 or any(c not in "0123456789abcdef" for c in sha256.lower()):
        return _error(400, _("The photo's address is not a SHA-256 hash."))
    result, failure = _run(
        db,
        lambda: services.attach_photo(
            db, get_storage(), participant, observation, sha256, request.get_data()
        ),
    )
    if failure is not None:
        return failure
    photo, made = result
    suggested = made.suggested_position if made is not None else None
    response = jsonify(
        {
            "id": photo.id,
            "sha256": photo.sha256,
            "width": photo.width,
            "height": photo.height,
            # The camera's position only suggests a pin; the phone asks before it moves one.
            "suggested_position": list(suggested) if suggested else None,
        }
    )
    response.status_code = 201 if made is not None else 200
    return response


@bp.route("/openapi.json")
@public
def openapi():
    return jsonify(openapi_document())
