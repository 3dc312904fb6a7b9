"""Activities that count toward commitments: log one from a promise, edit it, delete it."""

from datetime import date

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import format_decimal
from flask_babel import gettext as _
from flask_login import current_user
from wtforms.fields.choices import SelectChoice

from walkapp.db import get_db, utcnow
from walkapp.labels import label
from walkapp.personal_data import find_personal_data
from walkapp.promises import activities, queries
from walkapp.promises.forms import ActivityDeleteForm, ActivityForm
from walkapp.promises.models import Activity, ActivityKind, Commitment, Promise
from walkapp.promises.units import QUANTITY_UNITS, quantity_text, quantity_unit
from walkapp.security import get_in_scope, roles_required
from walkapp.web import commit_service, form_status

bp = Blueprint("activities", __name__)


@bp.app_template_filter("activity_quantity")
def activity_quantity(activity: Activity) -> str:
    """An activity's quantity with its unit ("140 vehicles checked"); empty without one."""
    if activity.quantity is None:
        return ""
    if quantity_unit(activity.kind) is None:
        return format_decimal(activity.quantity)
    return quantity_text(activity.kind, activity.quantity)


def _commitment_choices(form: ActivityForm, commitments: list[Commitment]) -> list:
    """The checkboxes, grouped by promise for the page: [(promise, [checkbox, ...]), ...]."""
    form.commitment_ids.choices = [
        SelectChoice(c.id, f"{c.position}. {c.text}") for c in commitments
    ]
    promise_of = {c.id: c.promise for c in commitments}
    groups: dict[int, tuple[Promise, list]] = {}
    for box in form.commitment_ids:
        promise = promise_of[box.data]
        groups.setdefault(promise.id, (promise, []))[1].append(box)
    return list(groups.values())


def _chosen(form: ActivityForm, commitments: list[Commitment]) -> list[Commitment]:
    ids = set(form.commitment_ids.data or [])
    return [c for c in commitments if c.id in ids]


def _values(form: ActivityForm, chosen: list[Commitment]) -> activities.ActivityValues:
    return activities.ActivityValues(
        kind=ActivityKind(form.kind.data),
        done_on=form.done_on.data,
        count=form.count.data,
        quantity=form.quantity.data,
        note=form.note.data or "",
        commitments=tuple(chosen),
    )


def _units_hint() -> str:
    return " · ".join(f"{label(kind)}: {unit.name}" for kind, unit in QUANTITY_UNITS.items())


def _page(form, promise, activity, groups, status):
    return render_template(
        "promises/activity_form.html",
        form=form,
        promise=promise,
        activity=activity,
        groups=groups,
        units_hint=_units_hint(),
    ), status


def _refused(form: ActivityForm, status: int) -> int:
    """A note refused for personal data is not shown again: the page keeps the rest."""
    if find_personal_data(form.note.data or ""):
        form.note.data = ""
    return status


def _back(promise: Promise, commitments: list[Commitment]) -> str:
    anchor = f"#c{commitments[0].id}" if commitments else ""
    return url_for("promises.show", promise_id=promise.id) + anchor


@bp.route("/promises/<int:promise_id>/activities/new", methods=["GET", "POST"])
@roles_required(activities.AUTHORS)
def new(promise_id: int):
    db = get_db()
    promise = get_in_scope(db, Promise, promise_id)
    if not activities.may_log(current_user, promise.municipality_id):
        abort(403)
    commitments = queries.commitments_during(
        db, current_user, promise.municipality_id, promise.starts_on, promise.ends_on
    )
    form = ActivityForm()
    if request.method == "GET":
        form.done_on.data = min(date.today(), promise.ends_on)
        chosen = request.args.get("commitment", type=int)
        for commitment in commitments:
            if commitment.id == chosen:
                form.commitment_ids.data = [commitment.id]
                if commitment.activity_kind not in activities.WALK_KINDS:
                    form.kind.data = commitment.activity_kind.value
    groups = _commitment_choices(form, commitments)
    status = form_status()
    if form.validate_on_submit():
        chosen = _chosen(form, commitments)
        _activity, error = commit_service(
            db,
            lambda: activities.log_activity(
                db,
                current_user,
                promise.municipality_id,
                _values(form, chosen),
                today=date.today(),
            ),
        )
        if error is None:
            flash(_("The activity has been logged."), "success")
            return redirect(_back(promise, chosen), 303)
        status = _refused(form, error.status)
    return _page(form, promise, None, groups, status)


def _changeable(db, activity_id: int) -> tuple[Activity, Promise]:
    """The activity (another municipality's: 404) if the actor may change it (else 403)."""
    activity = get_in_scope(db, Activity, activity_id)
    if not activities.may_change(current_user, activity):
        abort(403)
    if not activity.commitments:  # every activity counts toward one; never shown without
        abort(404)
    return activity, activity.commitments[0].promise


@bp.route("/activities/<int:activity_id>/edit", methods=["GET", "POST"])
@roles_required(activities.AUTHORS)
def edit(activity_id: int):
    db = get_db()
    activity, promise = _changeable(db, activity_id)
    promises = [c.promise for c in activity.commitments]
    commitments = queries.commitments_during(
        db,
        current_user,
        activity.municipality_id,
        min(p.starts_on for p in promises),
        max(p.ends_on for p in promises),
    )
    form = ActivityForm(obj=activity if request.method == "GET" else None)
    if request.method == "GET":
        form.kind.data = ActivityKind(activity.kind).value
        form.commitment_ids.data = [c.id for c in activity.commitments]
    groups = _commitment_choices(form, commitments)
    status = form_status()
    if form.validate_on_submit():
        chosen = _chosen(form, commitments)
        _saved, error = commit_service(
            db,
            lambda: activities.update_activity(
                db, current_user, activity, _values(form, chosen), today=date.today()
            ),
        )
        if error is None:
            flash(_("The activity has been saved."), "success")
            return redirect(_back(promise, chosen), 303)
        status = _refused(form, error.status)
    return _page(form, promise, activity, groups, status)


@bp.route("/activities/<int:activity_id>/delete", methods=["GET", "POST"])
@roles_required(activities.AUTHORS)
def delete(activity_id: int):
    db = get_db()
    activity, promise = _changeable(db, activity_id)
    back = _back(promise, activity.commitments)
    form = ActivityDeleteForm()
    if form.validate_on_submit():
        _done, error = commit_service(
            db, lambda: activities.delete_activity(db, current_user, activity, now=utcnow())
        )
        if error is None:
            flash(_("The activity has been deleted."), "success")
            return redirect(back, 303)
        abort(error.status)
    return render_template(
        "promises/activity_delete.html",
        form=form,
        promise=promise,
        activity=activity,
        back=back,
    ), form_status()
