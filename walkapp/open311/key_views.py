"""The administrators' page for Open311 API keys: create one (shown once) and revoke it."""

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from wtforms.fields.choices import SelectChoice

from walkapp.auth.models import Role
from walkapp.db import get_db
from walkapp.open311 import queries, services
from walkapp.open311.forms import ApiKeyForm
from walkapp.open311.models import ApiKey
from walkapp.places import queries as place_queries
from walkapp.places.models import Municipality
from walkapp.security import get_in_scope, roles_required
from walkapp.web import commit_service, to_id

admin_bp = Blueprint("api_keys", __name__, url_prefix="/admin/api-keys")


def _key_page(db, status: int = 200, new_key: str | None = None, form=None):
    form = form or ApiKeyForm(formdata=None)
    form.municipality_id.choices = [
        SelectChoice(m.id, m.name) for m in place_queries.municipalities(db, current_user)
    ]
    keys = queries.api_keys(db, current_user)
    return render_template("open311/api_keys.html", keys=keys, form=form, new_key=new_key), status


@admin_bp.route("/", methods=["GET", "POST"])
@roles_required(Role.ADMIN)
def api_keys():
    db = get_db()
    if request.method == "GET":
        return _key_page(db)
    form = ApiKeyForm()
    form.municipality_id.choices = None
    municipality = db.get(Municipality, request.form.get("municipality_id", type=to_id) or 0)
    if municipality is None or not form.validate_on_submit():
        return _key_page(db, 422, form=form)
    result, error = commit_service(
        db, lambda: services.create_api_key(db, current_user, municipality, form.name.data)
    )
    if error is not None:
        return _key_page(db, error.status, form=form)
    _api_key, plain_key = result
    flash(_("The key is shown once: copy it now into the other system."), "success")
    return _key_page(db, 201, new_key=plain_key)


@admin_bp.route("/<int:key_id>/revoke", methods=["POST"])
@roles_required(Role.ADMIN)
def revoke(key_id: int):
    db = get_db()
    api_key = get_in_scope(db, ApiKey, key_id)
    _result, error = commit_service(db, lambda: services.revoke_api_key(db, current_user, api_key))
    if error is None:
        flash(_("The key %(prefix)s… has been revoked.", prefix=api_key.prefix), "success")
    return redirect(url_for("api_keys.api_keys"), 303)
