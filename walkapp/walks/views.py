"""Walk pages for walk leaders and safety chiefs: list, plan, start, close, rotate the join code."""

import io
import json
from collections import Counter

import segno
from flask import (
    Blueprint,
    Response,
    abort,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import get_locale, ngettext
from flask_babel import gettext as _
from flask_login import current_user
from wtforms.fields.choices import SelectChoice

from walkapp.db import get_db
from walkapp.errors import NotFound
from walkapp.events.models import SubjectType
from walkapp.events.queries import timeline
from walkapp.labels import label
from walkapp.observations import queries as observation_queries
from walkapp.observations import serializers
from walkapp.places import queries as place_queries
from walkapp.places.models import Locality
from walkapp.promises.models import Commitment
from walkapp.security import in_scope, roles_required
from walkapp.tiles.views import map_tiles
from walkapp.walks import queries, services
from walkapp.walks import serializers as walk_serializers
from walkapp.walks.forms import RouteForm, WalkForm
from walkapp.walks.models import Walk, WalkStatus
from walkapp.walks.route import (
    MAX_ROUTE_POINTS,
    MAX_STOP_NAME,
    MAX_STOPS,
    stored_route,
)
from walkapp.walks.services import PLANNERS, WALK_STAFF, format_join_code
from walkapp.web import commit_service, form_status, local_to_utc, to_id

bp = Blueprint("walks", __name__, url_prefix="/walks")


def _walk_or_404(walk_id: int) -> Walk:
    try:
        return services.get_walk(get_db(), current_user, walk_id)
    except NotFound:
        abort(404)


@bp.route("/")
@roles_required(WALK_STAFF)
def index():
    walks = queries.walks(get_db(), current_user)
    return render_template("walks/index.html", walks=walks)


def _walk_form() -> WalkForm:
    db = get_db()
    form = WalkForm()
    form.locality_id.choices = [SelectChoice(0, _("Whole municipality"))] + [
        SelectChoice(locality.id, locality.name)
        for locality in place_queries.localities(db, current_user)
    ]
    commitments = queries.commitments_to_walk_for(db, current_user)
    form.commitment_ids.choices = [
        SelectChoice(commitment.id, f"{promise.title}: {commitment.text}")
        for commitment, promise in commitments
    ]
    form.repeat_of_id.choices = [SelectChoice(0, _("None: a first walk"))] + [
        SelectChoice(walk.id, f"{walk.title} ({walk.starts_at:%Y-%m-%d})")
        for walk in queries.repeatable_walks(db, current_user)
    ]
    return form


def _prefill_repeat(form: WalkForm, earlier: Walk) -> None:
    """A repeat walk starts as a copy of the earlier one: same place, kind, light, promises."""
    form.repeat_of_id.data = earlier.id
    form.title.data = _("Repeat walk: %(title)s", title=earlier.title)[:200]
    form.kind.data = earlier.kind.value
    form.locality_id.data = earlier.locality_id or 0
    form.light_conditions.data = earlier.light_conditions.value
    form.commitment_ids.data = [commitment.id for commitment in earlier.commitments]


@bp.route("/new", methods=["GET", "POST"])
@roles_required(PLANNERS)
def new():
    db = get_db()
    form = _walk_form()
    status = form_status()
    repeat_of = request.args.get("repeat_of", type=to_id)
    if request.method == "GET" and repeat_of:
        _prefill_repeat(form, _walk_or_404(repeat_of))
    if form.validate_on_submit():
        walk, error = commit_service(
            db,
            lambda: services.plan_walk(
                db,
                current_user,
                municipality=current_user.municipality,
                kind=form.kind.data,
                title=form.title.data,
                starts_at=local_to_utc(form.starts_at.data),
                light_conditions=form.light_conditions.data,
                locality=db.get(Locality, form.locality_id.data) if form.locality_id.data else None,
                commitments=[db.get(Commitment, cid) for cid in form.commitment_ids.data or []],
                weather_note=form.weather_note.data or "",
                repeat_of=db.get(Walk, form.repeat_of_id.data) if form.repeat_of_id.data else None,
            ),
        )
        if error is None:
            flash(_("The walk has been planned."), "success")
            return redirect(url_for("walks.show", walk_id=walk.id))
        status = error.status
    return render_template("walks/form.html", form=form), status


@bp.route("/<int:walk_id>")
@roles_required(WALK_STAFF)
def show(walk_id: int):
    db = get_db()
    walk = _walk_or_404(walk_id)
    observations = observation_queries.observations_of_walk(db, current_user, walk.id)
    represented = Counter(participant.represents for participant in walk.participants)
    locale = str(get_locale())
    by_category = Counter(o.category for o in observations)
    map_data = {
        **map_tiles(walk.municipality),
        "points": [
            # The colour's class (walkapp.css .map-dot--problem...); the popup says it in words.
            serializers.map_point(
                o,
                kind=o.polarity.value,
                label_text=f"{o.category.label(locale)} – {label(o.status)}",
                url=url_for("observations.show", observation_id=o.id),
            )
            for o in observations
        ],
        **_route_map_data(db, walk),
    }
    return render_template(
        "walks/show.html",
        **_route_editor_context(walk),
        walk=walk,
        observations=observations,
        represented=represented.most_common(),
        by_category=sorted(by_category.items(), key=lambda item: (-item[1], item[0].sort_order)),
        by_status=Counter(o.status for o in observations).most_common(),
        map_data=map_data,
        join_code=format_join_code(walk.join_code) if walk.join_code else None,
        join_url=url_for("field.join", code=walk.join_code, _external=True)
        if walk.join_code
        else None,
        events=timeline(db, SubjectType.WALK, walk.id),
        walk_status=WalkStatus,
        can_plan=current_user.role in PLANNERS,
    )


def _route_map_data(db, walk: Walk) -> dict:
    """The route, the walked lines and, during the walk, where the live map polls for new pins."""
    live = walk.status == WalkStatus.ACTIVE
    return {
        "center": walk_serializers.centre(walk),
        **walk_serializers.route_map(walk, queries.walked_lines(db, walk)),
        "liveUrl": url_for("api.live_observations", walk_id=walk.id) if live else None,
        "liveModule": url_for("static", filename="js/live-view.js") if live else None,
        "messages": {
            # Both plural forms: the live map picks one by the count it shows.
            "livePins": {
                form: ngettext(
                    "%(n)s observation on the map; the newest: %(label)s",
                    "%(n)s observations on the map; the newest: %(label)s",
                    count,
                    n="{n}",
                    label="{label}",
                )
                for form, count in (("one", 1), ("other", 2))
            },
        },
    }


def _route_editor_context(walk: Walk) -> dict:
    route_form = RouteForm()
    route = stored_route(walk.route_geojson)
    route_form.route.data = json.dumps(route) if route else ""
    return {
        "route_form": route_form,
        "route_editable": walk.status != WalkStatus.FOLLOWED_UP,
        "route_editor": {
            "center": walk_serializers.centre(walk),
            **map_tiles(walk.municipality),
            "limits": {"points": MAX_ROUTE_POINTS, "stops": MAX_STOPS, "name": MAX_STOP_NAME},
            "messages": {
                "stop": _("Stop %(n)s", n="{n}"),
                "point": _("Route point %(n)s", n="{n}"),
                "name": _("Name"),
                "lat": _("Latitude"),
                "lon": _("Longitude"),
                "moveUp": _("Move up"),
                "moveDown": _("Move down"),
                "remove": _("Remove"),
                "noStops": _("No stops yet."),
                "noPoints": _("No route points yet."),
                "badNumber": _(
                    "%(item)s: %(field)s is not a valid number.", field="{field}", item="{item}"
                ),
                "needName": _("%(item)s needs a name.", item="{item}"),
                "onePoint": _("A route needs at least two points, or none."),
                "tooMany": _("There are too many points or stops."),
                "unsaved": _("Changed: save the route to keep the changes."),
            },
        },
    }


def field_route_config(walk: Walk, user) -> dict:
    """What the field page needs for the route, the shared track and (staff) the live pins."""
    staff = (
        user.is_authenticated and user.role in WALK_STAFF and in_scope(user, walk.municipality_id)
    )
    return {
        "route": stored_route(walk.route_geojson),
        "trackUrl": url_for("api.create_track_points", walk_id=walk.id),
        "liveUrl": url_for("api.live_observations", walk_id=walk.id) if staff else None,
    }


@bp.route("/<int:walk_id>/route", methods=["POST"])
@roles_required(PLANNERS)
def save_route(walk_id: int):
    """Save the route drawn in the editor; a refused route is explained on the page (422)."""
    db = get_db()
    walk = _walk_or_404(walk_id)
    form = RouteForm()
    if not form.validate_on_submit():
        abort(400)
    _walk, error = commit_service(
        db, lambda: services.set_walk_route(db, current_user, walk, form.route.data or "")
    )
    if error is None:
        flash(_("The route has been saved."), "success")
        return redirect(url_for("walks.show", walk_id=walk_id, _anchor="route-heading"), 303)
    if error.status != 422:
        abort(error.status)
    return show(walk_id), 422


def _transition(walk_id: int, service, message: str):
    """Run a walk transition; a refused one is explained on the walk page (flashed)."""
    db = get_db()
    walk = _walk_or_404(walk_id)
    _result, error = commit_service(db, lambda: service(db, current_user, walk))
    if error is None:
        flash(message, "success")
    elif error.status != 422:
        abort(error.status)
    return redirect(url_for("walks.show", walk_id=walk_id), code=303)


@bp.route("/<int:walk_id>/start", methods=["POST"])
@roles_required(PLANNERS)
def start(walk_id: int):
    return _transition(walk_id, services.start_walk, _("The walk has started. Share the code."))


@bp.route("/<int:walk_id>/close", methods=["POST"])
@roles_required(PLANNERS)
def close(walk_id: int):
    return _transition(
        walk_id, services.close_walk, _("The walk is closed; its code no longer works.")
    )


@bp.route("/<int:walk_id>/join-code", methods=["POST"])
@roles_required(PLANNERS)
def rotate_code(walk_id: int):
    return _transition(
        walk_id,
        services.rotate_join_code,
        _("The walk has a new code; the old one no longer works."),
    )


@bp.route("/<int:walk_id>/qr.svg")
@roles_required(WALK_STAFF)
def qr_code(walk_id: int):
    """The join link as a QR code, to show on the leader's phone or print on the invitation."""
    walk = _walk_or_404(walk_id)
    if not walk.join_code:
        abort(404)
    buffer = io.BytesIO()
    segno.make(url_for("field.join", code=walk.join_code, _external=True), error="m").save(
        buffer, kind="svg", scale=8, border=2, title=_("QR code to join %(walk)s", walk=walk.title)
    )
    response = Response(buffer.getvalue(), mimetype="image/svg+xml")
    response.headers["Cache-Control"] = "no-store"
    return response
