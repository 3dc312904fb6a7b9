"""Joining a walk by code or QR code; the field page, its service worker, manifest, offline page."""

import json
import re
from itertools import groupby

from flask import (
    Blueprint,
    abort,
    current_app,
    redirect,
    render_template,
    url_for,
)
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from walkapp import assets
from walkapp.db import get_db
from walkapp.extensions import limiter
from walkapp.field.forms import JoinCodeForm, JoinForm
from walkapp.observations import queries as observation_queries
from walkapp.observations.models import CheckVerdict
from walkapp.observations.services import MAX_PHOTOS, NOTE_MAX_LENGTH
from walkapp.photos.pipeline import DISPLAY_SIZE
from walkapp.security import (
    in_scope,
    participant_for_walk,
    public,
    remember_participant,
    roles_required,
    walk_member,
)
from walkapp.tiles.views import field_tiles
from walkapp.walks import serializers as walk_serializers
from walkapp.walks import services
from walkapp.walks.models import Represents, Walk, WalkStatus
from walkapp.walks.services import WALK_STAFF, normalise_join_code
from walkapp.walks.views import field_route_config
from walkapp.web import commit_service, form_status

bp = Blueprint("field", __name__)
# The templates' indentation: the field page is loaded at every visit, over one bar. Safe there:
# it has no <pre>, and its one <textarea> starts empty.
_INDENT = re.compile(r"\n[ \t]+")

# Wrong codes per client address, by GET or POST on either page, counted in the limiter's
# storage (shared by every worker when RATELIMIT_STORAGE_URI is set). Only wrong codes count, so
# a class on one school network joining the walk never meets it; a script guessing codes does.
JOIN_LIMIT = "10 per minute"
join_code_limit = limiter.shared_limit(
    JOIN_LIMIT, scope="join-code", deduct_when=lambda response: response.status_code == 404
)


@bp.route("/join", methods=["GET", "POST"])
@public
@join_code_limit
def join_code():
    form = JoinCodeForm()
    status = form_status()
    if form.validate_on_submit():
        code = normalise_join_code(form.code.data)
        _walk, error = commit_service(get_db(), lambda: services.find_walk_by_code(get_db(), code))
        if error is None:
            return redirect(url_for("field.join", code=code))
        status = error.status
    return render_template("field/join_code.html", form=form), status


@bp.route("/join/<code>", methods=["GET", "POST"])
@public
@join_code_limit
def join(code: str):
    db = get_db()
    walk, error = commit_service(db, lambda: services.find_walk_by_code(db, code))
    if error is not None:
        form = JoinCodeForm(code=code)
        return render_template("field/join_code.html", form=form), error.status
    if participant_for_walk(db, walk) is not None:
        return redirect(url_for("field.field", walk_id=walk.id))
    form = JoinForm()
    if current_user.is_authenticated and not form.display_name.data:
        form.display_name.data = current_user.name
    status = form_status()
    if form.validate_on_submit():
        participant, error = commit_service(
            db,
            lambda: services.join_walk(
                db,
                code,
                services.Joiner(
                    display_name=form.display_name.data,
                    represents=Represents(form.represents.data),
                    consent=form.consent.data,
                    feedback_email=form.feedback_email.data if form.wants_feedback.data else None,
                    user=current_user if current_user.is_authenticated else None,
                ),
            ),
        )
        if error is None:
            remember_participant(participant)
            return redirect(url_for("field.field", walk_id=walk.id))
        status = error.status
    return render_template("field/join.html", form=form, walk=walk), status


def _may_join_as_staff(walk: Walk) -> bool:
    """The walk's leader, chief or kommunpolis, logged in, needs no code: a button joins them."""
    return (
        current_user.is_authenticated
        and current_user.role in WALK_STAFF
        and in_scope(current_user, walk.municipality_id)
        and walk.status == WalkStatus.ACTIVE
    )


@bp.route("/field/<int:walk_id>/join", methods=["POST"])
@roles_required(WALK_STAFF)
def join_as_staff(walk_id: int):
    db = get_db()
    walk = db.get(Walk, walk_id)
    if walk is None or not in_scope(current_user, walk.municipality_id):
        abort(404)
    _participant, error = commit_service(
        db, lambda: services.join_as_planner(db, current_user, walk)
    )
    if error is not None:
        return render_template("field/join_staff.html", walk=walk), error.status
    return redirect(url_for("field.field", walk_id=walk.id), 303)


@bp.route("/field/<int:walk_id>")
@walk_member
def field(walk_id: int):
    db = get_db()
    walk = db.get(Walk, walk_id)
    if walk is None:
        abort(404)
    participant = participant_for_walk(db, walk)
    if participant is None and _may_join_as_staff(walk):
        # A GET changes nothing: staff not yet in the walk are offered a button instead.
        return render_template("field/join_staff.html", walk=walk)
    if participant is None:
        abort(403)
    categories = observation_queries.active_categories(db)
    config = {
        "walkId": walk.id,
        "center": walk_serializers.centre(walk),
        **field_tiles(db, walk),
        "observationsUrl": url_for("api.walk_observations", walk_id=walk.id),
        "messages": _field_messages(),
        # Limits the phone applies before saving, from the server's own rules.
        "maxPhotos": MAX_PHOTOS,
        "noteMaxLength": NOTE_MAX_LENGTH,
        "photoSize": DISPLAY_SIZE,
        "verdicts": [verdict.value for verdict in CheckVerdict],
        # EXIF is read on the phone by exifr, loaded when the form first opens (field/exif.js).
        "exifrUrl": url_for("static", filename="vendor/exifr/exifr-mini.esm.mjs"),
        # A repeat walk: the earlier observations to look at again, and where checks go.
        "earlierUrl": url_for("api.earlier_observations", walk_id=walk.id)
        if walk.repeat_of_id
        else None,
        "checkUrl": url_for("api.create_check", walk_id=walk.id, observation_id=0),
        "protocolUrl": url_for("protocol.show", token=walk.public_token),
        # The planned route, the opt-in shared track and the staff's live pins (field/route.js).
        **field_route_config(walk, current_user),
    }
    page = render_template(
        "field/field.html",
        walk=walk,
        category_groups=[
            (group, list(items)) for group, items in groupby(categories, lambda c: c.group)
        ],
        field_config=config,
    )
    # Personal (a CSRF token, this participant's walk): never in a shared cache, and never reused
    # for a visit without asking. The browser may still store it: the service worker takes this
    # very response from there to keep the page for offline reloads (sw.js, "keep").
    return _INDENT.sub("\n", page), {"Cache-Control": "private, no-cache"}


def _field_messages() -> dict[str, str]:
    """The field script's texts, translated here so that the script holds none."""
    return {
        "waiting": _("Waiting to be sent"),
        "sending": _("Sending…"),
        "sent": _("Sent"),
        "rejected": _("Not accepted"),
        "allSent": _("Everything is sent."),
        "offline": _("No connection: your observations are kept on the phone."),
        "someWaiting": _("%(n)s waiting to be sent.", n="{n}"),
        # A time of day: "kl. 18.05" in Swedish.
        "clock": _("{h}:{m}"),
        "edit": _("Change"),
        "retry": _("Send again"),
        "chooseCategory": _("Choose what you saw."),
        "needPosition": _("The position is not known yet: wait for GPS, or tap the map."),
        "position": _("Position: ±{m} m ({source})"),
        "sourceGps": _("GPS"),
        "sourceMap": _("set on the map"),
        "sourcePhoto": _("from the photo"),
        "noGps": _("GPS is not available: tap the map where you are."),
        "lookingForPosition": _("Looking for your position…"),
        # One sentence per possible count, so that each language makes its own plural.
        "photosChosen": [
            ngettext("%(num)d photo chosen.", "%(num)d photos chosen.", n)
            for n in range(1, MAX_PHOTOS + 1)
        ],
        "tooManyPhotos": ngettext(
            "At most %(num)d photo: the first is kept.",
            "At most %(num)d photos: the first %(num)d are kept.",
            MAX_PHOTOS,
        ),
        "saved": _("Saved on the phone. It is sent as soon as there is a connection."),
        "savedWaiting": _("Observation saved, waiting to be sent."),
        "sentOne": _("Observation sent."),
        "myPin": _("My observation"),
        "pin": _("Observation"),
        "youAreHere": _("You are here"),
        "fixed": _("It is fixed"),
        "still_a_problem": _("Still a problem"),
        "worse": _("It is worse"),
        "checkOf": _("Looked at again: %(category)s", category="{category}"),
        "yourVerdict": _("You said: {verdict}"),
    }


@bp.route("/offline")
@public
def offline():
    return render_template("field/offline.html")


@bp.route("/sw.js")
@public
def service_worker():
    # Served from the root so that it may control /field/ and /join/ (FACTS.md); with the
    # build's cache name and hashed URLs, never cached, so a deploy reaches the next load.
    return assets.service_worker_response()


@bp.route("/manifest.webmanifest")
@public
def manifest():
    response = current_app.response_class(
        json.dumps(
            {
                "name": "walkapp",
                "short_name": "walkapp",
                "description": _("Safety and traffic walks: pin what you see."),
                "lang": "sv",
                "start_url": url_for("field.join_code"),
                "scope": "/",
                "display": "standalone",
                "background_color": "#ffffff",
                "theme_color": "#0b3d2e",
                "icons": [
                    {
                        "src": url_for("static", filename=f"icons/walkapp-{size}.png"),
                        "sizes": f"{size}x{size}",
                        "type": "image/png",
                        "purpose": "any maskable",
                    }
                    for size in (192, 512)
                ],
            }
        ),
        mimetype="application/manifest+json",
    )
    return response
