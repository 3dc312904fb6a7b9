"""The public walk protocol (trygghetsvandringsprotokoll): a page, its photos and its QR code."""

import io

import segno
from flask import Blueprint, Response, abort, current_app, render_template, url_for
from flask_babel import get_locale
from flask_babel import gettext as _

from walkapp.db import get_db
from walkapp.labels import label
from walkapp.photos.storage import get_storage
from walkapp.protocol import services
from walkapp.protocol.pdf import walk_protocol_pdf
from walkapp.security import public
from walkapp.walks.models import Represents

bp = Blueprint("protocol", __name__, url_prefix="/p")


def _walk_or_404(token: str):
    walk = services.find_published_walk(get_db(), token)
    if walk is None:
        abort(404)
    return walk


@bp.route("/walks/<token>")
@public
def show(token: str):
    db = get_db()
    walk = _walk_or_404(token)
    entries = services.protocol_entries(db, walk)
    locale = str(get_locale())
    points = [
        {
            "lat": entry.observation.lat,
            "lon": entry.observation.lon,
            "colour": "#15803d" if entry.is_fixed else "#c2410c",
            "label": entry.observation.category.label(locale),
            "url": f"#obs-{entry.observation.id}",
        }
        for entry in entries
    ]
    return render_template(
        "protocol/show.html",
        walk=walk,
        entries=entries,
        participants=[
            (label(Represents(kind)), count)
            for kind, count in services.participant_counts(db, walk)
        ],
        map_data={
            "tileUrl": current_app.config["MAP_TILE_URL"],
            "tileAttribution": current_app.config["MAP_TILE_ATTRIBUTION"],
            "points": points,
        },
    )


@bp.route("/walks/<token>/photos/<int:photo_id>/<any(public, 'public-thumb'):variant>.jpg")
@public
def photo(token: str, photo_id: int, variant: str):
    """Only the public version: blurred where the chief blurred it."""
    db = get_db()
    walk = _walk_or_404(token)
    found = services.photo_of_walk(db, walk, photo_id)
    if found is None:
        abort(404)
    response = Response(get_storage().get(found.key_for(variant)), mimetype="image/jpeg")
    # The chief may blur it later: caches must ask again soon.
    response.headers["Cache-Control"] = "public, max-age=300"
    return response


@bp.route("/walks/<token>/qr.svg")
@public
def qr_code(token: str):
    walk = _walk_or_404(token)
    buffer = io.BytesIO()
    segno.make(url_for("protocol.show", token=token, _external=True), error="m").save(
        buffer,
        kind="svg",
        scale=6,
        border=2,
        title=_("QR code of the protocol of %(walk)s", walk=walk.title),
    )
    return Response(buffer.getvalue(), mimetype="image/svg+xml")


@bp.route("/walks/<token>/protocol.pdf")
@public
def as_pdf(token: str):
    """The same protocol as a PDF, for filing and for sending to the participants."""
    db = get_db()
    walk = _walk_or_404(token)
    body = walk_protocol_pdf(
        walk,
        services.protocol_entries(db, walk),
        [(label(Represents(kind)), count) for kind, count in services.participant_counts(db, walk)],
        get_storage(),
    )
    response = Response(body, mimetype="application/pdf")
    response.headers["Content-Disposition"] = f'inline; filename="protokoll-{walk.id}.pdf"'
    return response
