"""Review for publication: the safety chief approves a walk's notes and photos in one step, or one
note or photo on the observation page; nothing a participant sent is public before that."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from flask_login import current_user

from walkapp.auth.models import Role
from walkapp.db import get_db, utcnow
from walkapp.observations import publication
from walkapp.observations import views as observation_views
from walkapp.observations.models import Observation
from walkapp.photos.storage import get_storage
from walkapp.privacy.models import AuditKind
from walkapp.privacy.services import audit
from walkapp.security import get_in_scope, roles_required
from walkapp.walks.models import Walk
from walkapp.web import commit_service

bp = Blueprint("publication", __name__, url_prefix="/observations")
PROPOSAL_KINDS = {"face": _l("a face"), "plate": _l("a number plate")}
# The same words as the blur form's (percent signs cannot stand in a template's _()).
RECT_FIELD_LABELS = (
    ("x", _l("From the left (%)")),
    ("y", _l("From the top (%)")),
    ("w", _l("Width (%)")),
    ("h", _l("Height (%)")),
)


@bp.app_context_processor
def _publication_helpers():
    """What the photo review macro needs on the walk page and on the observation page alike."""
    return {
        "blur_proposals_of": publication.proposals_of,
        "detection_running": publication.detection_running,
        "proposal_kind": lambda kind: str(PROPOSAL_KINDS.get(kind, kind)),
        "rect_field_labels": RECT_FIELD_LABELS,
    }


def _walk_page(db, walk: Walk, status: int = 200, submitted=None):
    hints = observation_views.PERSONAL_HINTS
    return render_template(
        "observations/publication.html",
        walk=walk,
        items=publication.review_items(db, current_user, walk),
        submitted=submitted,
        hint_label=lambda hint: str(hints.get(hint, hint)),
    ), status


@bp.route("/walks/<int:walk_id>/publication", methods=["GET", "POST"])
@roles_required(Role.SAFETY_CHIEF)
def walk(walk_id: int):
    """Every note and photo of the walk that waits, approved together in one POST."""
    db = get_db()
    walk = get_in_scope(db, Walk, walk_id)
    if request.method == "GET":
        # The page shows original notes and photos: personal data, so the view is logged.
        subject = f"walk {walk.id}: review for publication"
        commit_service(
            db,
            lambda: audit(
                db, current_user, AuditKind.VIEWED, subject, municipality_id=walk.municipality_id
            ),
        )
        return _walk_page(db, walk)

    def approve():
        items = publication.review_items(db, current_user, walk)
        decisions = publication.decisions_from_form(request.form, items)
        return publication.approve_walk_for_publication(
            db, get_storage(), current_user, walk, decisions, utcnow()
        )

    result, error = commit_service(db, approve)
    if error is not None:
        return _walk_page(db, walk, error.status, submitted=request.form)
    notes, photos = result
    flash(
        _(
            "Published: %(notes)s and %(photos)s.",
            notes=ngettext("%(num)d note", "%(num)d notes", notes),
            photos=ngettext("%(num)d photo", "%(num)d photos", photos),
        ),
        "success",
    )
    return redirect(url_for("publication.walk", walk_id=walk.id), 303)


def _observation_page(db, observation: Observation, status: int):
    form = observation_views._triage_form(observation)
    return observation_views._page(db, observation, form, status)


@bp.route("/<int:observation_id>/publication/note", methods=["POST"])
@roles_required(Role.SAFETY_CHIEF)
def note(observation_id: int):
    """Publish the note as it stands (as written, or as masked), or (withdraw) take it back."""
    db = get_db()
    observation = get_in_scope(db, Observation, observation_id)
    withdraw = request.form.get("withdraw") == "1"
    service = publication.withdraw_note if withdraw else publication.approve_note
    _result, error = commit_service(db, lambda: service(db, current_user, observation, utcnow()))
    if error is not None:
        return _observation_page(db, observation, error.status)
    flash(
        _("The note is no longer public.") if withdraw else _("The note has been published."),
        "success",
    )
    return redirect(url_for("observations.show", observation_id=observation.id) + "#privacy", 303)


@bp.route("/<int:observation_id>/photos/<int:photo_id>/publication", methods=["POST"])
@roles_required(Role.SAFETY_CHIEF)
def photo(observation_id: int, photo_id: int):
    """Blur the ticked proposals (and one added rectangle) and publish, or (withdraw) take back.

    The survivor of a merge publishes its duplicates' photos too: they are its support.
    """
    db = get_db()
    observation = get_in_scope(db, Observation, observation_id)
    found = publication.photo_for_review(db, observation, photo_id)
    if found is None:
        abort(404)
    withdraw = request.form.get("withdraw") == "1"

    def decide():
        if withdraw:
            return publication.withdraw_photo(db, current_user, found, utcnow())
        rects = publication.photo_decision_from(request.form, found).blur_rects
        return publication.approve_photo(db, get_storage(), current_user, found, rects, utcnow())

    _result, error = commit_service(db, decide)
    if error is not None:
        return _observation_page(db, observation, error.status)
    flash(
        _("The photo is no longer public.") if withdraw else _("The photo has been published."),
        "success",
    )
    return redirect(
        url_for("observations.show", observation_id=observation.id) + f"#photo-{found.id}", 303
    )
