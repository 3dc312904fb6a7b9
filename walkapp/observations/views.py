"""The observation page: photos, position, walk, timeline, possible duplicates and the triage."""

from flask import Blueprint, current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
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


@bp.route("/<int:observation_id>", methods=["GET", "POST"])
@roles_required(READERS)
def show(observation_id: int):
    db = get_db()
    observation = get_in_scope(db, Observation, observation_id)
    form = TriageForm()
    form.status.choices = [
        SelectChoice(status.value, label(status)) for status in services.triage_choices(observation)
    ]
    status = form_status()
    if current_user.role == Role.SAFETY_CHIEF and form.validate_on_submit():
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
    elif form.is_submitted() and current_user.role != Role.SAFETY_CHIEF:
        status = 403
    photos = db.scalars(
        select(Photo).where(Photo.observation_id == observation.id).order_by(Photo.id)
    ).all()
    return render_template(
        "observations/show.html",
        observation=observation,
        photos=photos,
        events=timeline(db, SubjectType.OBSERVATION, observation.id),
        nearby=services.nearby_observations(db, observation, current_app.config["NEARBY_RADIUS_M"]),
        form=form if current_user.role == Role.SAFETY_CHIEF else None,
        observation_status=ObservationStatus,
    ), status
