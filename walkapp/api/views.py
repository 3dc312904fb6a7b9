"""JSON API for the field page: a walk's observations, and photos put to their own URL."""

from datetime import timedelta

from flask import Blueprint, abort, current_app, jsonify, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user

from walkapp.actions import checks
from walkapp.api import forms
from walkapp.api.openapi import openapi_document
from walkapp.db import get_db, utcnow
from walkapp.extensions import limiter
from walkapp.observations import photos as observation_photos
from walkapp.observations import queries as observation_queries
from walkapp.observations import serializers, services
from walkapp.observations.models import Observation
from walkapp.photos import queries as photo_queries
from walkapp.photos.settings import photo_settings
from walkapp.photos.storage import get_storage
from walkapp.security import participant_for_walk, public, roles_required, walk_member
from walkapp.walks import queries as walk_queries
from walkapp.walks import services as walk_services
from walkapp.walks.models import Walk
from walkapp.walks.services import WALK_STAFF
from walkapp.web import commit_service, json_error, json_error_response

bp = Blueprint("api", __name__, url_prefix="/api")
# A phone sends a few requests per observation; this only stops a runaway client or a flood.
limiter.limit("600 per minute")(bp)


def _late_grace() -> timedelta:
    """How long after its walk closed what a phone recorded during it is still taken."""
    return timedelta(hours=current_app.config["LATE_OBSERVATION_GRACE_HOURS"])


_error = json_error_response


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
    return serializers.for_phone(observation, participant_id, photo_count)


def _photo_counts(db, observation_ids: list[int]) -> dict[int, int]:
    return photo_queries.photo_counts(db, observation_ids)


@bp.route("/walks/<int:walk_id>/observations", methods=["GET"])
@walk_member
def walk_observations(walk_id: int):
    db, _walk, participant = _participant(walk_id)
    observations = observation_queries.observations_for_member(db, participant)
    counts = _photo_counts(db, [o.id for o in observations])
    items = [observation_json(o, participant.id, counts.get(o.id, 0)) for o in observations]
    response = jsonify(items)
    # The phone asks again at every load and sync: unchanged, the answer is a 304 without a body.
    # Weak: the same list is sent compressed or not. Private: the participant's own view.
    response.headers["Cache-Control"] = "private, no-cache"
    response.add_etag(weak=True)
    return response.make_conditional(request)


@bp.route("/walks/<int:walk_id>/observations", methods=["POST"])
@walk_member
def create_observation(walk_id: int):
    db, _walk, participant = _participant(walk_id)
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        return _error(400, _("Send the observation as a JSON object."))
    late_grace, now = _late_grace(), utcnow()
    result, refusal = commit_service(
        db,
        render=json_error,
        call=lambda: services.record_observation(
            db, participant, forms.observation_input(data, now), late_grace=late_grace, now=now
        ),
    )
    if refusal is not None:
        return refusal.response
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
    observations = observation_queries.earlier_observations(db, walk)
    mine = observation_queries.verdicts_of(db, participant)
    locale = str(get_locale())
    # Only what the public protocol shows: the note as masked, if checked.
    return jsonify([serializers.for_earlier(o, locale, mine.get(o.id)) for o in observations])


@bp.route("/walks/<int:walk_id>/earlier/<int:observation_id>/checks", methods=["POST"])
@walk_member
def create_check(walk_id: int, observation_id: int):
    db, _walk, participant = _participant(walk_id)
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        return _error(400, _("Send the check as a JSON object."))
    late_grace, now = _late_grace(), utcnow()
    result, refusal = commit_service(
        db,
        render=json_error,
        call=lambda: checks.record_check(
            db,
            participant,
            observation_id,
            forms.check_input(data, now),
            late_grace=late_grace,
            now=now,
        ),
    )
    if refusal is not None:
        return refusal.response
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
    db, _walk, participant = _participant(walk_id)
    observation = observation_queries.observation_by_client_uuid(db, participant, client_uuid)
    if observation is None:
        return _error(404, _("The observation has not arrived yet; its data is sent first."))
    if len(sha256) != 64 or any(c not in "0123456789abcdef" for c in sha256.lower()):
        return _error(400, _("The photo's address is not a SHA-256 hash."))
    result, refusal = commit_service(
        db,
        render=json_error,
        call=lambda: observation_photos.attach_photo(
            db,
            get_storage(),
            participant,
            observation,
            sha256,
            request.get_data(),
            settings=photo_settings(),
        ),
    )
    if refusal is not None:
        return refusal.response
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


@bp.route("/walks/<int:walk_id>/track", methods=["POST"])
@walk_member
def create_track_points(walk_id: int):
    """Points of a track shared by opt-in; the body's track_key is the phone's, not a person's."""
    db, _walk, participant = _participant(walk_id)
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        return _error(400, _("Send the track points as a JSON object."))
    late_grace, now = _late_grace(), utcnow()
    count, refusal = commit_service(
        db,
        render=json_error,
        call=lambda: walk_services.record_track_points(
            db, participant, *forms.track_input(data, now), now=now, late_grace=late_grace
        ),
    )
    if refusal is not None:
        return refusal.response
    return jsonify(accepted=count)


@bp.route("/walks/<int:walk_id>/live", methods=["GET"])
@roles_required(WALK_STAFF)
def live_observations(walk_id: int):
    """The walk's pins for its leader's live map; polled with If-None-Match, so mostly a 304.

    Only the walk's leader, safety chief and kommunpolis: participants see what the field API
    shows them.
    """
    db = get_db()
    version = walk_queries.live_version(db, current_user, walk_id)
    if version is None:
        return _error(404, _("The walk could not be found."))
    tag = f"{version}-{get_locale()}"
    if request.if_none_match.contains_weak(tag):
        response = current_app.response_class(status=304)
    else:
        locale = str(get_locale())
        response = jsonify(
            [
                serializers.for_live_map(o, locale)
                for o in walk_queries.live_observations(db, current_user, walk_id)
            ]
        )
    response.set_etag(tag, weak=True)
    # Each poll must reach the server (or the 304 could not tell of a new pin), yet it is cheap.
    response.headers["Cache-Control"] = "private, no-cache"
    return response


@bp.route("/openapi.json")
@public
def openapi():
    return jsonify(openapi_document())
