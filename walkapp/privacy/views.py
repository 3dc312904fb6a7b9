"""The administrators' privacy page (access requests, erasure, audit log) and the public
explanation of what walkapp stores about participants."""

import json

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from walkapp.auth.models import Role
from walkapp.db import get_db
from walkapp.privacy import queries, services
from walkapp.privacy.forms import PublicationForm, RetentionForm
from walkapp.security import public, roles_required
from walkapp.web import commit_service

bp = Blueprint("privacy", __name__)


@bp.route("/privacy")
@public
def about():
    return render_template("privacy/about.html")


def _audit_page(db, status: int = 200, form: RetentionForm | None = None):
    municipality = current_user.municipality
    if form is None and municipality is not None:
        form = RetentionForm(
            formdata=None,
            anonymise_participants_months=municipality.anonymise_participants_months,
            delete_photo_originals_months=municipality.delete_photo_originals_months,
        )
    return render_template(
        "privacy/admin.html",
        entries=queries.recent_audit_entries(db, current_user),
        form=form,
        municipality=municipality,
    ), status


@bp.route("/admin/privacy/retention", methods=["POST"])
@roles_required(Role.ADMIN)
def retention():
    """The municipality's retention settings (empty: keep)."""
    db = get_db()
    municipality = current_user.municipality
    if municipality is None:
        abort(404)  # a national administrator sets them as an administrator of the municipality
    form = RetentionForm()
    if not form.validate_on_submit():
        return _audit_page(db, 422, form)
    _result, error = commit_service(
        db,
        lambda: services.set_retention(
            db,
            current_user,
            municipality,
            anonymise_participants_months=form.anonymise_participants_months.data,
            delete_photo_originals_months=form.delete_photo_originals_months.data,
        ),
    )
    if error is not None:
        return _audit_page(db, error.status, form)
    flash(_("The retention settings have been saved."), "success")
    return redirect(url_for("privacy.admin"), 303)


@bp.route("/admin/privacy/publication", methods=["POST"])
@roles_required(Role.ADMIN)
def publication():
    """Whether notes the detector finds nothing in go public without review (photos never do)."""
    db = get_db()
    municipality = current_user.municipality
    if municipality is None:
        abort(404)  # a national administrator sets it as an administrator of the municipality
    form = PublicationForm()
    if not form.validate_on_submit():
        return _audit_page(db, 422)
    _result, error = commit_service(
        db,
        lambda: services.set_auto_publish(
            db, current_user, municipality, form.auto_publish_clean_notes.data
        ),
    )
    if error is not None:
        return _audit_page(db, error.status)
    flash(_("The publication setting has been saved."), "success")
    return redirect(url_for("privacy.admin") + "#publication-heading", 303)


@bp.route("/admin/privacy")
@roles_required(Role.ADMIN)
def admin():
    return _audit_page(get_db())


@bp.route("/admin/privacy/access-request", methods=["POST"])
@roles_required(Role.ADMIN)
def access_request():
    db = get_db()
    email = (request.form.get("email") or "").strip()
    document, error = commit_service(db, lambda: services.access_export(db, current_user, email))
    if error is not None:
        return _audit_page(db, error.status)
    response = Response(
        json.dumps(document, ensure_ascii=False, indent=2), mimetype="application/json"
    )
    response.headers["Content-Disposition"] = 'attachment; filename="registerutdrag.json"'
    return response


@bp.route("/admin/privacy/erase", methods=["POST"])
@roles_required(Role.ADMIN)
def erase():
    db = get_db()
    email = (request.form.get("email") or "").strip()
    if request.form.get("confirm") != email or not email:
        flash(_("Type the address twice to confirm the erasure."), "error")
        return _audit_page(db, 422)
    result, error = commit_service(db, lambda: services.erase_person(db, current_user, email))
    if error is not None:
        return _audit_page(db, error.status)
    accounts, participations = result
    flash(
        _(
            "Erased: %(accounts)s and %(participations)s. The observations stay, without a name.",
            accounts=ngettext("%(num)d account", "%(num)d accounts", accounts),
            participations=ngettext(
                "%(num)d walk participation", "%(num)d walk participations", participations
            ),
        ),
        "success",
    )
    return redirect(url_for("privacy.admin"), 303)
