"""The handler's queue of actions: filtered, on a map, the same step for several, for GIS."""

from collections.abc import Iterator
from datetime import date

from flask import abort, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user
from wtforms.fields.choices import SelectChoice

from walkapp.actions import queries, serializers, services
from walkapp.actions.forms import BulkForm, QueueFilterForm
from walkapp.actions.models import OPEN_ACTION_STATUSES, Action
from walkapp.actions.views import READERS, WORKERS, bp
from walkapp.auth.models import Role
from walkapp.db import get_db
from walkapp.gis.export_views import export_response
from walkapp.gis.writers import Feature
from walkapp.places import queries as place_queries
from walkapp.security import roles_required, safe_next
from walkapp.tiles.views import map_tiles
from walkapp.web import commit_service, to_id


def _actions_in_scope(db, ids: list[int]) -> list[Action]:
    """The actions named in a form; 404 for any the actor may not know of."""
    actions = []
    for action_id in dict.fromkeys(ids):
        action = db.get(Action, action_id)
        if action is None or not services.can_handle(current_user, action):
            abort(404)
        actions.append(action)
    return actions


def _queue_filters(db, form: QueueFilterForm) -> queries.QueueFilters:
    return queries.QueueFilters(
        statuses=tuple(form.status.data or ()) or OPEN_ACTION_STATUSES,
        priorities=tuple(form.priority.data or ()),
        organisation_id=form.organisation.data or None,
        only_overdue=bool(form.overdue.data),
        sort=form.sort.data or "due",
        municipality_id=form.municipality.data or None,
    )


def _map_points(actions: list[Action], today: date) -> list[dict]:
    return [
        point
        for action in actions
        for point in serializers.map_points(
            action, today, url_for("actions.show", action_id=action.id)
        )
    ]


def _queue_form(db) -> QueueFilterForm:
    form = QueueFilterForm(formdata=request.args if request.args else None)
    municipalities = place_queries.municipalities(db, current_user)
    form.municipality.choices = [SelectChoice(0, _("All"))] + [
        SelectChoice(m.id, m.name) for m in municipalities
    ]
    several = len(municipalities) > 1  # then an organisation is named with its municipality
    within = place_queries.listed_within(
        municipalities, request.args.get("municipality", type=to_id)
    )
    form.lists_wait_for_municipality = within == ()
    organisations = place_queries.organisations(db, current_user, within=within)
    form.organisation.choices = [SelectChoice(0, _("All"))] + [
        SelectChoice(o.id, f"{o.name} ({o.municipality.name})" if several else o.name)
        for o in organisations
    ]
    return form


@bp.route("/")
@roles_required(READERS)
def index():
    """The work queue: my organisation's actions (the chief: the municipality's), overdue first."""
    db = get_db()
    form = _queue_form(db)
    today = date.today()
    if not form.validate():
        return render_template("actions/index.html", form=form, actions=None), 400
    actions = queries.queue_actions(db, current_user, _queue_filters(db, form), today)
    return render_template(
        "actions/index.html",
        form=form,
        actions=actions,
        today=today,
        bulk_form=BulkForm(formdata=None) if current_user.role in WORKERS else None,
        several_municipalities=len(form.municipality.choices) > 2,
        map_data={
            **map_tiles(place_queries.home(db, current_user)),
            "points": _map_points(actions, today),
        },
    )


@bp.route("/bulk", methods=["POST"])
@roles_required(Role.SAFETY_CHIEF, Role.HANDLER)
def bulk():
    """The same next step for the actions ticked in the queue: all of them, or none."""
    db = get_db()
    actions = _actions_in_scope(db, request.form.getlist("action_ids", type=to_id))
    form = BulkForm()
    back = safe_next(request.form.get("next"), url_for("actions.index"))
    if not form.validate_on_submit():
        flash(_("Please correct the marked fields."), "error")
        return redirect(back, 303)
    _result, error = commit_service(
        db,
        lambda: services.bulk_change_status(
            db,
            current_user,
            actions,
            form.status.data,
            today=date.today(),
            public_note=form.public_note.data or "",
            planned_on=form.planned_on.data,
            confirmed_personal_data=form.confirmed_personal_data.data,
        ),
    )
    if error is None:
        flash(
            ngettext("%(num)d action was updated.", "%(num)d actions were updated.", len(actions)),
            "success",
        )
    return redirect(back, 303)


@bp.route("/export.<any(geojson, csv, gpkg):fmt>")
@roles_required(READERS)
def export(fmt: str):
    """The queue's actions for GIS, placed at their first observation."""
    db = get_db()
    form = _queue_form(db)
    if not form.validate():
        return jsonify(error=_("The filters are not valid.")), 400
    filters, today = _queue_filters(db, form), date.today()

    def features(session) -> Iterator[Feature]:
        """Read with the export's own session while the file is being sent."""
        for action in queries.queue_actions_in_batches(session, current_user, filters, today):
            if action.observations:
                first = action.observations[0]
                yield Feature(action.id, first.lat, first.lon, serializers.gis_properties(action))

    chosen = (form.municipality.data,) if form.municipality.data else ()
    local_epsg = place_queries.local_epsg(db, current_user, chosen)
    return export_response(features, fmt, "actions", local_epsg)
