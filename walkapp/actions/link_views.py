"""The personal link of an owner without an account (/o/<token>), and the chief's link buttons."""

from datetime import date

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user
from wtforms.fields.choices import SelectChoice

from walkapp.actions import links, queries
from walkapp.actions.forms import TransitionForm
from walkapp.actions.models import ActionLink
from walkapp.auth.models import Role
from walkapp.db import get_db, utcnow
from walkapp.errors import DomainError
from walkapp.extensions import limiter
from walkapp.labels import label
from walkapp.photos.settings import photo_settings
from walkapp.photos.storage import get_storage
from walkapp.security import public, roles_required
from walkapp.web import commit_service

bp = Blueprint("action_links", __name__)

# Tokens are 256 bits and cannot be guessed, but a link page is public: a client address that
# asks too often is slowed down, shared by every worker when RATELIMIT_STORAGE_URI is set.
LINK_LIMIT = "30 per minute"
link_limit = limiter.shared_limit(LINK_LIMIT, scope="action-link")
photo_limit = limiter.shared_limit("120 per minute", scope="action-link-photo")


class LinkStepForm(TransitionForm):
    """The handler's step form without the internal note: an owner writes for the public only."""

    internal_note = None


@bp.after_request
def _private(response: Response) -> Response:
    # The token is in the address: never cached, never sent on as a referrer.
    response.headers["Cache-Control"] = "no-store"
    response.headers["Referrer-Policy"] = "no-referrer"
    return response


def _link_or_404(db, token: str) -> ActionLink:
    """Unknown, expired, revoked or moved away: all the same 404."""
    link = links.link_for_token(db, token, utcnow())
    if link is None:
        abort(404)
    return link


def _link_page(db, link: ActionLink, token: str, form: LinkStepForm | None = None, status=200):
    form = form or LinkStepForm(formdata=None)
    form.status.choices = [SelectChoice(s.value, label(s)) for s in links.link_choices(link.action)]
    return render_template(
        "actions/link.html",
        link=link,
        action=link.action,
        token=token,
        form=form,
        photos=links.public_photos_of_action(db, link),
        today=date.today(),
    ), status


@bp.route("/o/<token>", methods=["GET", "POST"])
@public
@link_limit
def show(token: str):
    """One action, as its organisation sees it through the link, and its next step."""
    db = get_db()
    link = _link_or_404(db, token)
    if request.method == "GET":
        commit_service(db, lambda: links.audit_link(db, link, utcnow(), "viewed"))
        return _link_page(db, link, token)
    form = LinkStepForm()
    form.status.choices = [SelectChoice(s.value, label(s)) for s in links.link_choices(link.action)]
    if not form.validate_on_submit():
        db.rollback()
        return _link_page(db, link, token, form, 422)
    upload = form.photo.data
    # Read once: commit_service may run the change a second time, and a stream reads only once.
    photo = upload.read() if upload and upload.filename else None
    _result, error = commit_service(
        db,
        lambda: links.change_status_by_link(
            db,
            get_storage(),
            link,
            form.status.data,
            today=date.today(),
            now=utcnow(),
            public_note=form.public_note.data or "",
            planned_on=form.planned_on.data,
            confirmed_personal_data=form.confirmed_personal_data.data,
            photo=photo,
            photo_settings=photo_settings(),
        ),
    )
    if error is not None:
        return _link_page(db, link, token, form, error.status)
    flash(_("Saved: %(status)s.", status=label(link.action.status)), "success")
    return redirect(url_for("action_links.show", token=token), 303)


@bp.route("/o/<token>/photos/<int:photo_id>/v<int:version>.jpg")
@public
@photo_limit
def photo(token: str, photo_id: int, version: int):
    """An approved photo of the action, in its current public (blurred) version only."""
    db = get_db()
    link = _link_or_404(db, token)
    found = links.public_photo_of_link(db, link, photo_id, version)
    if found is None:
        abort(404)
    return Response(get_storage().get(found.key_for("public")), mimetype="image/jpeg")


def _chief_action(db, action_id: int):
    action = queries.action(db, current_user, action_id)
    if action is None:
        abort(404)
    return action


@bp.route("/actions/<int:action_id>/links", methods=["POST"])
@roles_required(Role.SAFETY_CHIEF)
def send(action_id: int):
    """Revoke the action's links and mail a new one to its organisation."""
    db = get_db()
    action = _chief_action(db, action_id)
    _link, error = commit_service(
        db,
        lambda: links.resend_action_link(
            db,
            current_user,
            action,
            now=utcnow(),
            valid_days=current_app.config["ACTION_LINK_DAYS"],
        ),
    )
    if error is None:
        flash(
            _("A new link has been sent to %(address)s.", address=action.organisation.email),
            "success",
        )
    elif error.status == 404:
        abort(404)
    return redirect(url_for("actions.show", action_id=action.id) + "#links-heading", 303)


@bp.route("/actions/<int:action_id>/links/<int:link_id>/revoke", methods=["POST"])
@roles_required(Role.SAFETY_CHIEF)
def revoke(action_id: int, link_id: int):
    db = get_db()
    action = _chief_action(db, action_id)
    try:
        link = links.link_of_action(db, current_user, action, link_id)
    except DomainError:
        abort(404)
    _result, error = commit_service(
        db, lambda: links.revoke_action_link(db, current_user, link, utcnow())
    )
    if error is None:
        flash(_("The link has been revoked."), "success")
    return redirect(url_for("actions.show", action_id=action.id) + "#links-heading", 303)
