"""The review page (filters, map and list), its map script, its map data and the popups' text."""

import json

from flask import (
    Blueprint,
    Response,
    current_app,
    jsonify,
    render_template,
    request,
    url_for,
)
from flask_babel import get_locale, ngettext
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.orm import Session
from werkzeug.datastructures import MultiDict
from wtforms.fields.choices import SelectChoice

from walkapp.auth.models import Role
from walkapp.db import get_db
from walkapp.formats import datetime_text
from walkapp.gis.export_views import export_response
from walkapp.labels import label
from walkapp.observations import queries as observation_queries
from walkapp.observations.models import (
    CategoryGroup,
    Observation,
    ObservationStatus,
    Polarity,
)
from walkapp.places import queries as place_queries
from walkapp.privacy.services import audit_export, audit_list_read, audit_read
from walkapp.promises import queries as promise_queries
from walkapp.review import queries
from walkapp.review.forms import ReviewFilterForm
from walkapp.review.grid import MAX_ZOOM
from walkapp.review.maps import asset_urls, review_map_config
from walkapp.security import get_in_scope, roles_required
from walkapp.tiles.views import map_tiles
from walkapp.walks import queries as walk_queries
from walkapp.web import commit_service, to_id

bp = Blueprint("review", __name__, url_prefix="/review")
# Administrators and the police area officer read the review of their municipalities (a national
# administrator: of every one), without the chief's tools.
READERS = frozenset(
    {Role.SAFETY_CHIEF, Role.WALK_LEADER, Role.POLICE_COORDINATOR, Role.ADMIN, Role.POLICE_AREA}
)
PER_PAGE = 50
# Where a map starts that has no municipality to start at: Sweden (centre, zoom).
SWEDEN = (62.0, 15.0, 5)


def _filter_form(db: Session) -> ReviewFilterForm:
    """The filter form read from the query string, its choices limited to what the actor sees."""
    form = ReviewFilterForm(formdata=request.args if request.args else MultiDict())
    locale = str(get_locale())
    anything = SelectChoice(0, _("All"))
    municipalities = place_queries.municipalities(db, current_user)
    form.municipality.choices = [anything] + [SelectChoice(m.id, m.name) for m in municipalities]
    # Across municipalities (a police area, the whole country) two may use the same names.
    names = {m.id: m.name for m in municipalities} if len(municipalities) > 1 else {}
    within = place_queries.listed_within(
        municipalities, request.args.get("municipality", type=to_id)
    )

    def where(municipality_id: int) -> str:
        return f" – {names[municipality_id]}" if municipality_id in names else ""

    form.locality.choices = [anything] + [
        SelectChoice(locality.id, locality.name + where(locality.municipality_id))
        for locality in place_queries.localities(db, current_user, within)
    ]
    form.walk.choices = [anything] + [
        SelectChoice(
            walk.id, f"{walk.title} ({walk.starts_at:%Y-%m-%d}){where(walk.municipality_id)}"
        )
        for walk in walk_queries.walks(db, current_user, within)
    ]
    promises = promise_queries.promises(db, current_user, within)
    form.promise.choices = [anything] + [
        SelectChoice(p.id, p.title + where(p.municipality_id)) for p in promises
    ]
    form.commitment.choices = [anything] + [
        SelectChoice(c.id, f"{c.position}. {c.text[:80]}")
        for c in promise_queries.commitments(db, current_user, within)
    ]
    form.lists_wait_for_municipality = within == ()
    form.category.choices = [
        SelectChoice(category.code, category.label(locale))
        for category in observation_queries.categories(db)
    ]
    return form


def _filters(form: ReviewFilterForm) -> queries.ReviewFilters:
    scope = queries.scope_of(current_user)
    chosen = form.municipality.data
    return queries.ReviewFilters(
        municipality_ids=(chosen,) if chosen else scope,
        locality_id=form.locality.data or None,
        walk_id=form.walk.data or None,
        promise_id=form.promise.data or None,
        commitment_id=form.commitment.data or None,
        category_codes=tuple(form.category.data or ()),
        groups=tuple(form.group.data or ()),
        polarities=tuple(form.kind.data or ()),
        statuses=tuple(form.status.data or ()),
        severities=tuple(form.severity.data or ()),
        light=tuple(form.light.data or ()),
        date_from=form.date_from.data,
        date_to=form.date_to.data,
        timezone=current_app.config["BABEL_DEFAULT_TIMEZONE"],
    )


def _legend() -> dict:
    return {
        "statuses": [(s.value, label(s)) for s in ObservationStatus],
        "groups": [(g.value, label(g)) for g in CategoryGroup],
        "polarities": [(p.value, label(p)) for p in Polarity],
    }


def _page_url(**changes) -> str:
    """This review view with some parameters changed; the filters stay as they are."""
    args = request.args.copy()
    for key, value in changes.items():
        args.setlist(key, [str(value)])
    return url_for("review.index", **args.to_dict(flat=False))


@bp.route("/")
@roles_required(READERS)
def index():
    db = get_db()
    form = _filter_form(db)
    if not form.validate():
        return render_template("review/index.html", form=form, result=None), 400
    filters = _filters(form)
    result = queries.review_page(
        db,
        current_user,
        filters,
        sort=form.sort.data or "recorded",
        descending=(form.dir.data or "desc") == "desc",
        page=form.page.data or 1,
        per_page=PER_PAGE,
    )
    if result.rows:
        # The list shows original notes: one log entry per page view, naming what was shown.
        shown = tuple((o.id, o.municipality_id) for o, _count in result.rows)
        commit_service(db, lambda: audit_list_read(db, current_user, shown))
    bounds = queries.extent(db, current_user, filters)
    # Several municipalities (a police area, the whole country): the map starts at one of them
    # and fits the observations' box; with none at all, at Sweden.
    municipality = place_queries.home(db, current_user, filters.municipality_ids)
    start = (
        (municipality.center_lat, municipality.center_lon, municipality.default_zoom)
        if municipality is not None
        else SWEDEN
    )
    data_args = request.args.copy()
    for key in ("sort", "dir", "page"):
        data_args.pop(key, None)
    map_config = {
        # The map itself; map_tiles also lets the page's CSP allow the municipality's tile host.
        **review_map_config(*start, map_tiles(municipality)),
        "dataUrl": url_for("review.map_data", **data_args.to_dict(flat=False)),
        "popupUrl": url_for("review.popup", observation_id=0),
        "bounds": [[bounds.south, bounds.west], [bounds.north, bounds.east]] if bounds else None,
        "statusLabels": {s.value: label(s) for s in ObservationStatus},
        "groupLabels": {g.value: label(g) for g in CategoryGroup},
        "polarities": [p.value for p in Polarity],
        "text": {
            "select": _("Select for an action"),
            "selected": _("Selected"),
            "open": _("Open the observation"),
            "loading": _("Loading…"),
            "failed": _("The map data could not be loaded. Try again."),
            # Both plural forms: the script picks one by the count it shows.
            "shown": {
                "one": ngettext(
                    "%(n)s observation on the map", "%(n)s observations on the map", 1, n="{n}"
                ),
                "other": ngettext(
                    "%(n)s observation on the map", "%(n)s observations on the map", 2, n="{n}"
                ),
            },
            "remove": _("Remove from the selection"),
            # A cluster's title; the script picks the form by its count.
            "cluster": {
                "one": ngettext(
                    "%(n)s observation here. Zoom in to see it.",
                    "%(n)s observations here. Zoom in to see them.",
                    1,
                    n="{n}",
                ),
                "other": ngettext(
                    "%(n)s observation here. Zoom in to see it.",
                    "%(n)s observations here. Zoom in to see them.",
                    2,
                    n="{n}",
                ),
            },
        },
    }
    return render_template(
        "review/index.html",
        form=form,
        result=result,
        legend=_legend(),
        map_config=map_config,
        map_assets=asset_urls(),
        page_url=_page_url,
        sort=form.sort.data or "recorded",
        descending=(form.dir.data or "desc") == "desc",
        can_create_actions=current_user.role == Role.SAFETY_CHIEF,
        export_urls={
            fmt: url_for("review.export", fmt=fmt, **data_args.to_dict(flat=False))
            for fmt in ("geojson", "csv", "gpkg")
        },
    )


def _bbox(value: str | None) -> queries.BBox | None:
    """west,south,east,north in degrees; ValueError when it is not a box on the earth."""
    if not value:
        return None
    west, south, east, north = (float(part) for part in value.split(","))
    if not (-180 <= west < east <= 180 and -90 <= south < north <= 90):
        raise ValueError(value)
    return queries.BBox(west, south, east, north)


def _zoom(value: str | None) -> int:
    """The map's zoom level; ValueError when it is missing or not one Leaflet draws."""
    if value is None or not value.isdigit() or int(value) > MAX_ZOOM:
        raise ValueError(value)
    return int(value)


@bp.route("/map.json")
@roles_required(READERS)
def map_data():
    """The filtered observations of the visible area (bbox=west,south,east,north) at the map's
    zoom (zoom=0..22), counted in grid cells by the database (queries.map_cells)."""
    db = get_db()
    form = _filter_form(db)
    if not form.validate():
        errors = {name: [str(e) for e in messages] for name, messages in form.errors.items()}
        return jsonify(error=_("The filters are not valid."), fields=errors), 400
    try:
        bbox = _bbox(request.args.get("bbox"))
        zoom = _zoom(request.args.get("zoom"))
    except ValueError:
        return jsonify(error=_("The map area is not valid.")), 400
    view = queries.map_cells(db, current_user, _filters(form), bbox, zoom)
    # Compact and unsorted: Flask's jsonify sorts keys and indents in debug.
    body = json.dumps(view.compact(), separators=(",", ":"))
    return Response(body, mimetype="application/json")


@bp.route("/observations/<int:observation_id>.json")
@roles_required(READERS)
def popup(observation_id: int):
    """What a map popup shows; the page escapes it by writing it as text."""
    db = get_db()
    observation = get_in_scope(db, Observation, observation_id)
    subject = f"observation {observation.id}"
    commit_service(
        db,
        lambda: audit_read(
            db, current_user, subject, "map popup", municipality_id=observation.municipality_id
        ),
    )
    locale = str(get_locale())
    return jsonify(
        id=observation.id,
        category=observation.category.label(locale),
        status=label(observation.status),
        polarity=label(observation.polarity),
        group=label(observation.category.group),
        lat=observation.lat,
        lon=observation.lon,
        severity=observation.severity,
        note=observation.note,
        recorded_at=datetime_text(observation.recorded_at, "short"),
        walk=observation.walk.title if observation.walk else None,
        url=url_for("observations.show", observation_id=observation.id),
    )


@bp.route("/export.<any(geojson, csv, gpkg):fmt>")
@roles_required(READERS)
def export(fmt: str):
    """The review's filtered observations for GIS: GeoJSON, CSV or GeoPackage."""
    db = get_db()
    form = _filter_form(db)
    if not form.validate():
        errors = {name: [str(e) for e in messages] for name, messages in form.errors.items()}
        return jsonify(error=_("The filters are not valid."), fields=errors), 400
    filters = _filters(form)
    local_epsg = place_queries.local_epsg(db, current_user, filters.municipality_ids)
    # Logged before the first byte is sent, with the rows counted: the file itself is streamed.
    counts = queries.export_counts(db, current_user, filters)
    detail = request.query_string.decode("utf-8", "replace")[:2000]
    commit_service(db, lambda: audit_export(db, current_user, fmt, counts, detail))
    locale = str(get_locale())
    return export_response(
        lambda session: queries.export_features(session, current_user, filters, locale),
        fmt,
        "observations",
        local_epsg,
    )
