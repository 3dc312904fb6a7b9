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
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from flask_login import current_user
from wtforms.fields.choices import SelectChoice

from walkapp.actions import queries as action_queries
from walkapp.auth.models import Role
from walkapp.db import get_db, utcnow
from walkapp.events.models import SubjectType
from walkapp.events.queries import timeline
from walkapp.labels import label
from walkapp.observations import photos as observation_photos
from walkapp.observations import publication, queries, services
from walkapp.observations.forms import BlurForm, MaskForm, PlaceOwnerForm, TriageForm
from walkapp.observations.models import Observation, ObservationStatus, PlaceOwner
from walkapp.personal_data import PersonalDataKind
from walkapp.photos import queries as photo_queries
from walkapp.photos.models import Photo
from walkapp.photos.storage import get_storage
from walkapp.privacy.models import AuditKind
from walkapp.privacy.services import audit
from walkapp.routing import queries as referral_queries
from walkapp.security import get_in_scope, roles_required
from walkapp.web import commit_service, form_status, to_id

bp = Blueprint("observations", __name__, url_prefix="/observations")
READERS = frozenset(
    {Role.SAFETY_CHIEF, Role.WALK_LEADER, Role.POLICE_COORDINATOR, Role.ADMIN, Role.POLICE_AREA}
)
PERSONAL_HINTS = {kind.value: kind.label for kind in PersonalDataKind} | {
    "crime": _l("an alleged crime"),
}


def _triage_form(observation: Observation) -> TriageForm:
    form = TriageForm()
    form.status.choices = [
        SelectChoice(status.value, label(status)) for status in services.triage_choices(observation)
    ]
    return form


def _page(
    db,
    observation: Observation,
    form: TriageForm,
    status: int,
    *,
    mask_form: MaskForm | None = None,
    blur_form: BlurForm | None = None,
    blur_photo_id: int | None = None,
):
    duplicates = queries.duplicates_of(db, observation)
    # The survivor shows its duplicates' photos too: their support, without moving anything.
    photos = photo_queries.photos_of_observations(
        db, current_user, [observation.id] + [d.id for d in duplicates]
    )
    is_chief = current_user.role == Role.SAFETY_CHIEF
    if mask_form is None:
        mask_form = MaskForm(
            formdata=None,
            public_text=observation.public_note if observation.is_masked else observation.note,
        )
    return render_template(
        "observations/show.html",
        observation=observation,
        photos=photos,
        actions=action_queries.actions_of_observation(db, current_user, observation.id),
        referrals=referral_queries.referrals_of_observation(db, current_user, observation.id),
        can_refer=is_chief,
        checks=queries.check_summary(db, observation),
        mask_form=mask_form if is_chief else None,
        personal_hints=[
            str(PERSONAL_HINTS[hint]) for hint in services.personal_data_hints(observation.note)
        ]
        or [str(PERSONAL_HINTS["name"])],
        blur_form=blur_form or BlurForm(formdata=None),
        blur_photo_id=blur_photo_id,
        duplicates=duplicates,
        events=timeline(db, SubjectType.OBSERVATION, observation.id),
        nearby=queries.nearby_observations(db, observation, current_app.config["NEARBY_RADIUS_M"]),
        form=form if is_chief else None,
        can_merge=is_chief,
        observation_status=ObservationStatus,
        place_owners=list(PlaceOwner),
    ), status


@bp.route("/<int:observation_id>", methods=["GET", "POST"])
@roles_required(READERS)
def show(observation_id: int):
    db = get_db()
    observation = get_in_scope(db, Observation, observation_id)
    form = _triage_form(observation)
    status = form_status()
    if request.method == "GET":
        # The page shows the original note and photos: personal data, so the view is logged.
        subject = f"observation {observation.id}"
        commit_service(
            db,
            lambda: audit(
                db,
                current_user,
                AuditKind.VIEWED,
                subject,
                municipality_id=observation.municipality_id,
            ),
        )
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
                confirmed_personal_data=form.confirmed_personal_data.data,
            ),
        )
        if error is None:
            flash(_("The decision has been saved."), "success")
            return redirect(url_for("observations.show", observation_id=observation.id), 303)
        status = error.status
    return _page(db, observation, form, status)


@bp.route("/<int:observation_id>/merge", methods=["POST"])
@roles_required(Role.SAFETY_CHIEF)
def merge(observation_id: int):
    """Merge the chosen observations into this one (they become its duplicates)."""
    db = get_db()
    survivor = get_in_scope(db, Observation, observation_id)
    # Through the actor's scope: another municipality's observation is "not there" (404), the
    # same answer as a missing id, so the form cannot be used to probe for ids.
    merged = [
        get_in_scope(db, Observation, merge_id)
        for merge_id in request.form.getlist("merge_ids", type=to_id)
    ]
    _result, error = commit_service(
        db, lambda: services.merge_observations(db, current_user, survivor, merged)
    )
    if error is not None:
        return _page(db, survivor, _triage_form(survivor), error.status)
    flash(
        ngettext(
            "%(num)d observation was merged into this one.",
            "%(num)d observations were merged into this one.",
            len(merged),
        ),
        "success",
    )
    return redirect(url_for("observations.show", observation_id=survivor.id), 303)


@bp.route("/<int:observation_id>/place-owner", methods=["POST"])
@roles_required(Role.SAFETY_CHIEF)
def place_owner(observation_id: int):
    """Who owns the place: it decides, by the routing rules, who is proposed to act."""
    db = get_db()
    observation = get_in_scope(db, Observation, observation_id)
    form = PlaceOwnerForm()
    if not form.validate_on_submit():
        flash(_("Unknown owner of the place."), "error")
        return _page(db, observation, _triage_form(observation), 422)
    _result, error = commit_service(
        db,
        lambda: services.set_place_owner(db, current_user, observation, form.place_owner.data),
    )
    if error is not None:
        return _page(db, observation, _triage_form(observation), error.status)
    flash(_("The owner of the place has been saved."), "success")
    return redirect(url_for("observations.show", observation_id=observation.id), 303)


@bp.route("/<int:observation_id>/mask", methods=["POST"])
@roles_required(Role.SAFETY_CHIEF)
def mask(observation_id: int):
    """Set the note the public reads; the original stays restricted."""
    db = get_db()
    observation = get_in_scope(db, Observation, observation_id)
    form = MaskForm()
    if not form.validate_on_submit():
        return _page(db, observation, _triage_form(observation), 422, mask_form=form)
    _result, error = commit_service(
        db,
        # Saving the public text publishes it: the chief has read the note.
        lambda: publication.publish_note(
            db, current_user, observation, form.public_text.data or "", utcnow()
        ),
    )
    if error is not None:
        return _page(db, observation, _triage_form(observation), error.status, mask_form=form)
    flash(_("The public text has been saved."), "success")
    return redirect(url_for("observations.show", observation_id=observation.id) + "#privacy", 303)


@bp.route("/<int:observation_id>/photos/<int:photo_id>/blur", methods=["POST"])
@roles_required(Role.SAFETY_CHIEF)
def blur(observation_id: int, photo_id: int):
    """Blur a rectangle of the photo's public version, or (reset) publish it as taken again."""
    db = get_db()
    observation = get_in_scope(db, Observation, observation_id)
    photo = db.get(Photo, photo_id)
    if photo is None or photo.observation_id != observation.id:
        abort(404)
    form = BlurForm()
    # CSRFProtect has checked the token of every POST already, the reset button's included.
    is_reset = request.form.get("reset") == "1"
    if not is_reset and not form.validate_on_submit():
        return _page(
            db,
            observation,
            _triage_form(observation),
            422,
            blur_form=form,
            blur_photo_id=photo.id,
        )
    region = (
        None if is_reset else (form.left.data, form.top.data, form.width.data, form.height.data)
    )
    _result, error = commit_service(
        db,
        lambda: observation_photos.blur_observation_photo(
            db, get_storage(), current_user, observation, photo, region
        ),
    )
    if error is not None:
        return _page(
            db,
            observation,
            _triage_form(observation),
            error.status,
            blur_form=form,
            blur_photo_id=photo.id,
        )
    flash(
        _("The photo will be published as taken.")
        if is_reset
        else _("The rectangle has been blurred in the public version."),
        "success",
    )
    return redirect(
        url_for("observations.show", observation_id=observation.id) + f"#photo-{photo.id}", 303
    )
