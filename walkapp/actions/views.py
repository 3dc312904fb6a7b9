"""Actions: created from observations, the handler's queue, the action page and its lifecycle."""

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
from wtforms.fields.choices import SelectChoice

from walkapp.actions import assignment, links, proposals, queries, services
from walkapp.actions.forms import (
    ActionForm,
    AssignForm,
    CommentForm,
    ReassignForm,
    TransitionForm,
)
from walkapp.actions.models import OPEN_ACTION_STATUSES, Action, ActionStatus
from walkapp.auth import queries as auth_queries
from walkapp.auth.models import Role, User
from walkapp.db import get_db, utcnow
from walkapp.errors import DomainError
from walkapp.events.models import SubjectType
from walkapp.events.queries import timeline
from walkapp.labels import label
from walkapp.observations.models import Observation
from walkapp.photos import queries as photo_queries
from walkapp.photos.settings import photo_settings
from walkapp.photos.storage import get_storage
from walkapp.places import queries as place_queries
from walkapp.places.models import Organisation
from walkapp.security import get_in_scope, roles_required, safe_next
from walkapp.web import commit_service, form_status, to_id

bp = Blueprint("actions", __name__, url_prefix="/actions")
# Who works actions (the chief all of the municipality's, a handler its organisation's), and who
# also reads them: the kommunpolis, the police area officer and the administrators follow their
# municipalities' actions without changing them.
WORKERS = frozenset({Role.SAFETY_CHIEF, Role.HANDLER})
READERS = WORKERS | {Role.POLICE_COORDINATOR, Role.POLICE_AREA, Role.ADMIN}


def _selected_observations(db) -> list[Observation]:
    """The observations named in the request; 404 for any the chief may not know of."""
    source = request.form if request.method == "POST" else request.args
    ids = list(dict.fromkeys(source.getlist("observation_ids", type=to_id)))
    return [get_in_scope(db, Observation, observation_id) for observation_id in ids]


@bp.route("/new", methods=["GET", "POST"])
@roles_required(Role.SAFETY_CHIEF)
def new():
    db = get_db()
    observations = _selected_observations(db)
    form = ActionForm()
    back = safe_next(request.values.get("next"), url_for("review.index"))
    organisations = place_queries.organisations(db, current_user, active_only=True)
    form.organisation_id.choices = [SelectChoice(o.id, o.name) for o in organisations]
    today = date.today()
    try:
        proposal = proposals.propose_action(
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
    if proposal.organisation is None:
        # Nobody proposed: the list must not quietly offer whichever name comes first.
        form.organisation_id.choices.insert(0, SelectChoice(0, _("Choose an organisation")))
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
                link_days=current_app.config["ACTION_LINK_DAYS"],
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
        status = error.status
    return render_template(
        "actions/new.html",
        form=form,
        observations=observations,
        proposal=proposal,
        back=back,
    ), status


def _get_action(db, action_id: int) -> Action:
    action = queries.action(db, current_user, action_id)
    if action is None:
        abort(404)
    # Readers who work none (kommunpolis, police area, administrators) read what is scoped above.
    if current_user.role in WORKERS and not services.can_handle(current_user, action):
        abort(404)
    return action


def _action_page(db, action: Action, status: int = 200, **forms):
    transition = forms.get("transition") or TransitionForm(formdata=None)
    transition.status.choices = [
        SelectChoice(s.value, label(s)) for s in services.transition_choices(current_user, action)
    ]
    assign = forms.get("assign") or AssignForm(formdata=None, assignee_id=action.assignee_id or 0)
    handlers = auth_queries.handlers_of(db, current_user, action.organisation_id)
    assign.assignee_id.choices = [SelectChoice(0, _("The whole organisation"))] + [
        SelectChoice(user.id, user.name) for user in handlers
    ]
    observation_ids = [o.id for o in action.observations]
    photos = photo_queries.photos_of_action(db, current_user, action.id, observation_ids)
    today = date.today()
    return render_template(
        "actions/show.html",
        action=action,
        photos=[p for p in photos if p.action_id is None],
        after_photos=[p for p in photos if p.action_id == action.id],
        events=timeline(db, SubjectType.ACTION, action.id),
        action_status=ActionStatus,
        transition_form=transition,
        assign_form=assign,
        comment_form=forms.get("comment") or CommentForm(formdata=None),
        reassign_form=_reassign_form(db, action, forms.get("reassign")),
        action_links=links.links_for_page(db, current_user, action, utcnow()),
        today=today,
        can_work=current_user.role in WORKERS,
    ), status


@bp.route("/<int:action_id>", methods=["GET", "POST"])
@roles_required(READERS)
def show(action_id: int):
    """The action, its observations and history; POST takes the next step of its lifecycle."""
    db = get_db()
    action = _get_action(db, action_id)
    if request.method == "GET":
        return _action_page(db, action)
    if current_user.role not in WORKERS:
        abort(403)
    form = TransitionForm()
    form.status.choices = [
        SelectChoice(s.value, label(s)) for s in services.transition_choices(current_user, action)
    ]
    if not form.validate_on_submit():
        return _action_page(db, action, 422, transition=form)
    upload = form.photo.data
    # Read once: commit_service may run the step a second time, and a stream reads only once.
    photo = upload.read() if upload and upload.filename else None

    def step():
        if photo is not None:
            services.attach_after_photo(
                db,
                get_storage(),
                current_user,
                action,
                photo,
                settings=photo_settings(),
            )
        return services.change_action_status(
            db,
            current_user,
            action,
            form.status.data,
            today=date.today(),
            public_note=form.public_note.data or "",
            internal_note=form.internal_note.data or "",
            planned_on=form.planned_on.data,
            confirmed_personal_data=form.confirmed_personal_data.data,
        )

    _result, error = commit_service(db, step)
    if error is not None:
        return _action_page(db, action, error.status, transition=form)
    flash(_("Saved: %(status)s.", status=label(action.status)), "success")
    return redirect(url_for("actions.show", action_id=action.id), 303)


@bp.route("/<int:action_id>/assign", methods=["POST"])
@roles_required(Role.SAFETY_CHIEF, Role.HANDLER)
def assign(action_id: int):
    db = get_db()
    action = _get_action(db, action_id)
    # Any id is taken here; the service checks that it is a person of the organisation.
    assignee_id = request.form.get("assignee_id", type=lambda v: 0 if v in ("0", "") else to_id(v))
    if assignee_id is None:
        return _action_page(db, action, 422)
    assignee = db.get(User, assignee_id) if assignee_id else None
    # A person of another organisation or municipality is "not there", like a missing id: the
    # same 404, so the form cannot tell which ids exist elsewhere.
    if assignee_id and (assignee is None or assignee.organisation_id != action.organisation_id):
        abort(404)
    _result, error = commit_service(
        db, lambda: assignment.assign_action(db, current_user, action, assignee)
    )
    if error is not None:
        return _action_page(db, action, error.status)
    flash(_("The action has been assigned."), "success")
    return redirect(url_for("actions.show", action_id=action.id), 303)


def _reassign_form(db, action: Action, form: ReassignForm | None) -> ReassignForm | None:
    """The chief's form to move an open action: the municipality's other active organisations."""
    if current_user.role != Role.SAFETY_CHIEF or action.status not in OPEN_ACTION_STATUSES:
        return None
    form = form or ReassignForm(formdata=None)
    organisations = place_queries.organisations(db, current_user, active_only=True)
    form.organisation_id.choices = [
        SelectChoice(o.id, o.name)
        for o in organisations
        if o.id != action.organisation_id and o.municipality_id == action.municipality_id
    ]
    return form


@bp.route("/<int:action_id>/reassign", methods=["POST"])
@roles_required(Role.SAFETY_CHIEF)
def reassign(action_id: int):
    """Move the action to another organisation with an internal reason; nothing is published."""
    db = get_db()
    action = _get_action(db, action_id)
    form = ReassignForm()
    if not form.validate_on_submit():
        return _action_page(db, action, 422, reassign=form)
    organisation = db.get(Organisation, form.organisation_id.data)
    # Another municipality's organisation is "not there", like a missing id: the same 404.
    if organisation is None or organisation.municipality_id != action.municipality_id:
        abort(404)
    previous = action.organisation.name
    _result, error = commit_service(
        db,
        lambda: assignment.reassign_action(
            db,
            current_user,
            action,
            organisation,
            form.reason.data,
            utcnow(),
            link_days=current_app.config["ACTION_LINK_DAYS"],
        ),
    )
    if error is not None:
        return _action_page(db, action, error.status, reassign=form)
    flash(
        _(
            "The action has been moved from %(previous)s to %(organisation)s, who have been told.",
            previous=previous,
            organisation=action.organisation.name,
        ),
        "success",
    )
    return redirect(url_for("actions.show", action_id=action.id), 303)


@bp.route("/<int:action_id>/comment", methods=["POST"])
@roles_required(Role.SAFETY_CHIEF, Role.HANDLER)
def comment(action_id: int):
    db = get_db()
    action = _get_action(db, action_id)
    form = CommentForm()
    if not form.validate_on_submit():
        return _action_page(db, action, 422, comment=form)
    _result, error = commit_service(
        db, lambda: services.comment_action(db, current_user, action, form.text.data)
    )
    if error is not None:
        return _action_page(db, action, error.status, comment=form)
    flash(_("The comment has been saved."), "success")
    return redirect(url_for("actions.show", action_id=action.id) + "#history-heading", 303)


# The queue's routes (index, bulk, export) are on this blueprint too, in queue_views.py.
from walkapp.actions import queue_views  # noqa: E402, F401
