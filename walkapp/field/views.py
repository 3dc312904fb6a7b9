"""Joining a walk by code or QR code; the field page, its service worker, manifest, offline page."""

import json
from itertools import groupby

from flask import (
    Blueprint,
    abort,
    current_app,
    redirect,
    render_template,
    send_from_directory,
    url_for,
)
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from walkapp.db import get_db
from walkapp.extensions import limiter
from walkapp.field.forms import JoinCodeForm, JoinForm
from walkapp.observations.models import Category
from walkapp.security import (
    participant_for_walk,
    public,
    remember_participant,
    walk_member,
)
from walkapp.walks import services
from walkapp.walks.models import Walk
from walkapp.walks.services import PLANNERS, normalise_join_code
from walkapp.web import commit_service, form_status

bp = Blueprint("field", __name__)

JOIN_LIMIT = "10 per minute"


@bp.route("/join", methods=["GET", "POST"])
@public
@limiter.limit(JOIN_LIMIT, methods=["POST"])
def join_code():
    form = JoinCodeForm()
    status = form_status()
    if form.validate_on_submit():
        code = normalise_join_code(form.code.data)
        _walk, error = commit_service(get_db(), lambda: services.find_walk_by_code(get_db(), code))
        if error is None:
            return redirect(url_for("field.join", code=code))
        status = error
    return render_template("field/join_code.html", form=form), status


@bp.route("/join/<code>", methods=["GET", "POST"])
@public
@limiter.limit(JOIN_LIMIT, methods=["POST"])
def join(code: str):
    db = get_db()
    walk, error = commit_service(db, lambda: services.find_walk_by_code(db, code))
    if error is not None:
        form = JoinCodeForm(code=code)
        return render_template("field/join_code.html", form=form), error
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
                display_name=form.display_name.data,
                represents=form.represents.data,
                consent=form.consent.data,
                feedback_email=form.feedback_email.data if form.wants_feedback.data else None,
                user=current_user if current_user.is_authenticated else None,
            ),
        )
        if error is None:
            remember_participant(participant)
            return redirect(url_for("field.field", walk_id=walk.id))
        status = error
    return render_template("field/join.html", form=form, walk=walk), status


def _planner_joins(db, walk: Walk):
    """The walk's leader or chief, logged in, needs no code; anyone else gets None."""
    if not (current_user.is_authenticated and current_user.role in PLANNERS):
        return None
    participant, _error = commit_service(
        db, lambda: services.join_as_planner(db, current_user, walk)
    )
    return participant


@bp.route("/field/<int:walk_id>")
@walk_member
def field(walk_id: int):
    db = get_db()
    walk = db.get(Walk, walk_id)
    if walk is None:
        abort(404)
    participant = participant_for_walk(db, walk) or _planner_joins(db, walk)
    if participant is None:
        abort(403)
    categories = db.scalars(
        select(Category).where(Category.is_active).order_by(Category.sort_order)
    ).all()
    locale = str(get_locale())
    config = {
        "walkId": walk.id,
        "center": [
            walk.locality.center_lat if walk.locality else walk.municipality.center_lat,
            walk.locality.center_lon if walk.locality else walk.municipality.center_lon,
        ],
        "tileUrl": current_app.config["MAP_TILE_URL"],
        "tileAttribution": current_app.config["MAP_TILE_ATTRIBUTION"],
        "observationsUrl": url_for("api.walk_observations", walk_id=walk.id),
        "labels": {c.code: c.label(locale) for c in categories},
        "messages": _field_messages(),
        # A repeat walk: the earlier observations to look at again, and where checks go.
        "earlierUrl": url_for("api.earlier_observations", walk_id=walk.id)
        if walk.repeat_of_id
        else None,
        "checkUrl": url_for("api.create_check", walk_id=walk.id, observation_id=0),
        "protocolUrl": url_for("protocol.show", token=walk.public_token),
    }
    return render_template(
        "field/field.html",
        walk=walk,
        category_groups=[
            (group, list(items)) for group, items in groupby(categories, lambda c: c.group)
        ],
        field_config=config,
    )


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
        "edit": _("Change"),
        "retry": _("Send again"),
        "chooseCategory": _("Choose what you saw."),
        "needPosition": _("The position is not known yet: wait for GPS, or tap the map."),
        "position": _("Position: ±{m} m ({source})"),
        "sourceGps": _("GPS"),
        "sourceMap": _("set on the map"),
        "sourcePhoto": _("from the photo"),
        "noGps": _("GPS is not available: tap the map where you are."),
        "photosChosen": _("{n} photo(s) chosen."),
        "tooManyPhotos": _("At most 3 photos: the first 3 are kept."),
        "saved": _("Saved on the phone. It is sent as soon as there is a connection."),
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
    # Served from the root so that it may control /field/ and /join/ (FACTS.md).
    response = send_from_directory(current_app.static_folder, "js/sw.js", max_age=0)
    response.headers["Service-Worker-Allowed"] = "/"
    response.headers["Cache-Control"] = "no-cache"
    return response


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
