"""The observation page: photos, place, walk, timeline, possible duplicates, triage, merging."""

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user
from sqlalchemy import select
from wtforms.fields.choices import SelectChoice

from walkapp.auth.models import Role
from walkapp.db import get_db
from walkapp.events.models import SubjectType
from walkapp.events.services import timeline
from walkapp.labels import label
from walkapp.observations import services
from walkapp.observations.forms import TriageForm
from walkapp.observations.models import Observation, ObservationStatus
from walkapp.photos.models import Photo
from walkapp.security import get_in_scope, roles_required
from walkapp.web import commit_service, form_status

bp = Blueprint("observations", __name__, url_prefix="/observations")
READERS = frozenset({Role.SAFETY_CHIEF, Role.WALK_LEADER})


def _triage_form(observation: Observation) -> TriageForm:
    form = TriageForm()
    form.status.choices = [
        SelectChoice(status.value, label(status)) for status in services.triage_choices(observation)
    ]
    return form


def _page(db, observation: Observation, form: TriageForm, status: int):
    duplicates = services.duplicates_of(db, observation)
    # The survivor shows its duplicates' photos too: their support, without moving anything.
    photos = db.scalars(
        select(Photo)
        .where(Photo.observation_id.in_([observation.id] + [d.id for d in duplicates]))
        .order_by(Photo.id)
    ).all()
    is_chief = current_user.role == Role.SAFETY_CHIEF
    return render_template(
        "observations/show.html",
        observation=observation,
        photos=photos,
        duplicates=duplicates,
        events=timeline(db, SubjectType.OBSERVATION, observation.id),
        nearby=services.nearby_observations(db, observation, current_app.config["NEARBY_RADIUS_M"]),
        form=form if is_chief else None,
        can_merge=is_chief,
        observation_status=ObservationStatus,
    ), status


@bp.route("/<int:observation_id>", methods=["GET", "POST"])
@roles_required(READERS)
def show(observation_id: int):
    db = get_db()
    observation = get_in_scope(db, Observation, observation_id)
    form = _triage_form(observation)
    status = form_status()
    if request.method == "POST" and current_user.role != Role.SAFETY_CHIEF:
        abort(403)
    if form.validate_on_submit():
        _result, error = commit_service(
            db,
            lambda: services.triage_observation(
                db,
                current_user,
                observation,
                form.status.data,
                public_note=form.public_note.data or "",
                internal_note=form.internal_note.data or "",
            ),
        )
        if error is None:
            flash(_("The decision has been saved."), "success")
            return redirect(url_for("observations.show", observation_id=observation.id), 303)
        status = error
    return _page(db, observation, form, status)


@bp.route("/<int:observation_id>/merge", methods=["POST"])
@roles_required(Role.SAFETY_CHIEF)
def merge(observation_id: int):
    """Merge the chosen observations into this one (they become its duplicates)."""
    db = get_db()
    survivor = get_in_scope(db, Observation, observation_id)
    merged = [
        db.get(Observation, merge_id) for merge_id in request.form.getlist("merge_ids", type=int)
    ]
    if any(observation is None for observation in merged):
        abort(404)
    _result, error = commit_service(
        db, lambda: services.merge_observations(db, current_user, survivor, merged)
    )
    if error is not None:
        return _page(db, survivor, _triage_form(survivor), error)
    flash(
        ngettext(
            "%(num)d observation was merged into this one.",
            "%(num)d observations were merged into this one.",
            len(merged),
        ),
        "success",
    )
    return redirect(url_for("observations.show", observation_id=survivor.id), 303)
