"""Photos are served only through this view, which checks the viewer's right to each one."""

from flask import Blueprint, Response, abort
from flask_login import current_user

from walkapp.actions.models import Action
from walkapp.db import get_db
from walkapp.observations.models import Observation
from walkapp.photos.models import Photo
from walkapp.photos.storage import get_storage
from walkapp.security import STAFF, in_scope, participant_for_walk, walk_member
from walkapp.walks.models import Walk

bp = Blueprint("photos", __name__, url_prefix="/photos")


def _may_see(db, photo: Photo) -> bool:
    observation = db.get(Observation, photo.observation_id) if photo.observation_id else None
    municipality_id = observation.municipality_id if observation else None
    if photo.action_id is not None:
        municipality_id = db.get(Action, photo.action_id).municipality_id
    if current_user.is_authenticated and current_user.role in STAFF:
        return in_scope(current_user, municipality_id)
    if observation is not None and observation.walk_id is not None:
        participant = participant_for_walk(db, db.get(Walk, observation.walk_id))
        return participant is not None and participant.id == observation.author_id
    return False


@bp.route("/<int:photo_id>/<any(display, thumb, public, 'public-thumb'):variant>.jpg")
@walk_member
def show(photo_id: int, variant: str):
    db = get_db()
    photo = db.get(Photo, photo_id)
    if photo is None or not _may_see(db, photo):
        abort(404)
    response = Response(get_storage().get(photo.key_for(variant)), mimetype=photo.content_type)
    # Personal data: browsers keep it privately, shared caches never.
    response.headers["Cache-Control"] = "private, max-age=86400"
    return response
