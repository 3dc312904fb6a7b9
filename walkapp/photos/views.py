"""Photos are served only through this view, which checks the viewer's right to each one."""

from flask import Blueprint, Response, abort
from flask_login import current_user

from walkapp.db import get_db
from walkapp.photos import queries
from walkapp.photos.storage import get_storage
from walkapp.privacy.services import audit_read
from walkapp.security import joined_participant_ids, walk_member
from walkapp.web import commit_service

bp = Blueprint("photos", __name__, url_prefix="/photos")


@bp.route("/<int:photo_id>/<any(display, thumb, public, 'public-thumb'):variant>.jpg")
@walk_member
def show(photo_id: int, variant: str):
    db = get_db()
    # Staff of the municipality, a handler's organisation by its actions, or the author.
    photo = queries.visible_photo(db, current_user, photo_id, joined_participant_ids())
    if photo is None:
        abort(404)
    body = get_storage().get(photo.key_for(variant))
    if variant in ("display", "thumb"):  # the original as taken (public versions are not logged)
        municipality_id = queries.municipality_of(db, photo)
        commit_service(
            db,
            lambda: audit_read(
                db,
                current_user,
                f"photo {photo.id}",
                variant,
                municipality_id=municipality_id,
            ),
        )
    response = Response(body, mimetype=photo.content_type)
    # Personal data: browsers keep it privately, shared caches never.
    response.headers["Cache-Control"] = "private, max-age=86400"
    return response
