"""The public walk protocol (trygghetsvandringsprotokoll): a page, its photos and its QR code."""

import io

import segno
from flask import Blueprint, Response, abort, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _

from walkapp.db import get_db
from walkapp.observations import serializers
from walkapp.photos.storage import get_storage
from walkapp.protocol import queries
from walkapp.protocol.participants import who_walked
from walkapp.protocol.pdf import walk_protocol_pdf
from walkapp.security import public
from walkapp.tiles.views import map_tiles
from walkapp.walks import queries as walk_queries
from walkapp.walks import serializers as walk_serializers

bp = Blueprint("protocol", __name__, url_prefix="/p")


def _walk_or_404(token: str):
    walk = queries.find_published_walk(get_db(), token)
    if walk is None:
        abort(404)
    return walk


@bp.route("/walks/<token>")
@public
def show(token: str):
    db = get_db()
    walk = _walk_or_404(token)
    entries = queries.protocol_entries(db, walk)
    locale = str(get_locale())
    points = [
        serializers.map_point(
            entry.observation,
            kind="fixed" if entry.is_fixed else "open",  # the colour: walkapp.css
            label_text=entry.observation.category.label(locale),
            url=f"#obs-{entry.observation.id}",
        )
        for entry in entries
    ]
    return render_template(
        "protocol/show.html",
        walk=walk,
        entries=entries,
        who_walked=who_walked(
            queries.participant_counts(db, walk), queries.participant_organisations(db, walk)
        ),
        map_data={
            **map_tiles(walk.municipality),
            "points": points,
            **walk_serializers.route_map(walk, walk_queries.walked_lines(db, walk)),
        },
    )


@bp.route(
    "/walks/<token>/photos/<int:photo_id>/v<int:version>/<any(public, 'public-thumb'):variant>.jpg"
)
@public
def photo(token: str, photo_id: int, version: int, variant: str):
    """Only an approved photo, in its current public version: blurred where the chief blurred it.

    Another version's address, and a photo not (or no longer) approved, answer 404.
    """
    db = get_db()
    walk = _walk_or_404(token)
    found = queries.photo_of_walk(db, walk, photo_id, version)
    if found is None:
        abort(404)
    key = found.key_for(variant)
    response = Response(get_storage().get(key), mimetype="image/jpeg")
    # The address changes with every new public version, but the chief may also withdraw a photo
    # at its current address: a long max-age would let caches go on serving it after that. So
    # caches may keep it but must ask every time (no-cache); the ETag makes asking a cheap 304.
    response.headers["Cache-Control"] = "public, no-cache"
    response.set_etag(f"{key}:{version}")
    return response.make_conditional(request)


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
        queries.protocol_entries(db, walk),
        who_walked(
            queries.participant_counts(db, walk), queries.participant_organisations(db, walk)
        ),
        get_storage(),
    )
    response = Response(body, mimetype="application/pdf")
    response.headers["Content-Disposition"] = f'inline; filename="protokoll-{walk.id}.pdf"'
    return response
