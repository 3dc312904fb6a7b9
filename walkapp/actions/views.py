"""Creating an action from selected observations, and the action's page."""

from datetime import date

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
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from wtforms.fields.choices import SelectChoice

from walkapp.actions import services
from walkapp.actions.forms import ActionForm
from walkapp.actions.models import Action, ActionStatus
from walkapp.auth.models import Role
from walkapp.db import get_db
from walkapp.errors import DomainError
from walkapp.events.models import SubjectType
from walkapp.events.services import timeline
from walkapp.observations.models import Observation
from walkapp.photos.models import Photo
from walkapp.places.models import Organisation
from walkapp.security import get_in_scope, roles_required, safe_next
from walkapp.web import commit_service, form_status

bp = Blueprint("actions", __name__, url_prefix="/actions")


def _selected_observations(db) -> list[Observation]:
    """The observations named in the request; 404 for any the chief may not know of."""
    source = request.form if request.method == "POST" else request.args
    ids = list(dict.fromkeys(source.getlist("observation_ids", type=int)))
    return [get_in_scope(db, Observation, observation_id) for observation_id in ids]


@bp.route("/new", methods=["GET", "POST"])
@roles_required(Role.SAFETY_CHIEF)
def new():
    db = get_db()
    observations = _selected_observations(db)
    form = ActionForm()
    back = safe_next(request.values.get("next"), url_for("review.index"))
    organisations = db.scalars(
        select(Organisation)
        .where(
            Organisation.municipality_id == current_user.municipality_id,
            Organisation.is_active,
        )
        .order_by(Organisation.name)
    ).all()
    form.organisation_id.choices = [SelectChoice(o.id, o.name) for o in organisations]
    today = date.today()
    try:
        proposal = services.propose_action(
            db,
            current_user,
            observations,
            today,
            priority_by_severity=current_app.config["ACTION_PRIORITY_BY_SEVERITY"],
            due_days=current_app.config["ACTION_DUE_DAYS"],
            locale=str(get_locale()),
        )
    except DomainError as error:
        flash(error.message, "error")
        return render_template(
            "actions/new.html", form=None, observations=observations, back=back
        ), error.status_code
    if request.method == "GET":
        form.title.data = proposal.title
        form.priority.data = proposal.priority.value
        form.due_on.data = proposal.due_on
        form.organisation_id.data = proposal.organisation.id if proposal.organisation else None
        form.next.data = back
    status = form_status()
    if form.validate_on_submit():
        action, error = commit_service(
            db,
            lambda: services.create_action(
                db,
                current_user,
                observations,
                organisation=db.get(Organisation, form.organisation_id.data),
                title=form.title.data,
                description=form.description.data or "",
                priority=form.priority.data,
                due_on=form.due_on.data,
                today=today,
            ),
        )
        if error is None:
            flash(
                _(
                    "The action “%(title)s” was created and sent to %(organisation)s.",
                    title=action.title,
                    organisation=action.organisation.name,
                ),
                "success",
            )
            return redirect(back, 303)
        status = error
    return render_template(
        "actions/new.html",
        form=form,
        observations=observations,
        proposal=proposal,
        back=back,
    ), status


def _may_see(action: Action) -> bool:
    if current_user.role == Role.HANDLER:
        return current_user.organisation_id == action.organisation_id
    return True


@bp.route("/<int:action_id>")
@roles_required(Role.SAFETY_CHIEF, Role.HANDLER)
def show(action_id: int):
    db = get_db()
    action = get_in_scope(db, Action, action_id)
    if not _may_see(action):
        abort(404)
    photos = db.scalars(
        select(Photo)
        .where(Photo.observation_id.in_([o.id for o in action.observations]))
        .order_by(Photo.id)
    ).all()
    return render_template(
        "actions/show.html",
        action=action,
        photos=photos,
        events=timeline(db, SubjectType.ACTION, action.id),
        action_status=ActionStatus,
        today=date.today(),
    )
