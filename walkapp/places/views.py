"""The administrator's pages for organisations and localities."""

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from wtforms.fields.choices import SelectChoice

from walkapp.auth.models import Role
from walkapp.db import get_db
from walkapp.places import services
from walkapp.places.forms import LocalityForm, OrganisationForm
from walkapp.places.models import Locality, Municipality, Organisation
from walkapp.security import get_in_scope, roles_required
from walkapp.web import commit_service, form_status

bp = Blueprint("places", __name__, url_prefix="/admin")


def _scoped(model):
    query = select(model).join(model.municipality).order_by(Municipality.name, model.name)
    if not current_user.is_global_admin:
        query = query.where(model.municipality_id == current_user.municipality_id)
    return get_db().scalars(query).all()


def _municipality_choices() -> list[SelectChoice]:
    query = select(Municipality).order_by(Municipality.name)
    if not current_user.is_global_admin:
        query = query.where(Municipality.id == current_user.municipality_id)
    return [SelectChoice(m.id, m.name) for m in get_db().scalars(query)]


def _edit(form_class, obj, save, template: str, list_endpoint: str):
    """The shared create/edit flow: the form, the service, the commit, the way back."""
    db = get_db()
    form = form_class(obj=obj)
    form.municipality_id.choices = _municipality_choices()
    status = form_status()
    if form.validate_on_submit():
        fields = {
            name: field.data
            for name, field in form._fields.items()
            if name not in {"csrf_token", "municipality_id"}
        }
        saved, error = commit_service(
            db,
            lambda: save(
                db,
                current_user,
                obj,
                municipality=db.get(Municipality, form.municipality_id.data),
                **fields,
            ),
        )
        if error is None:
            flash(_("%(name)s has been saved.", name=saved.name), "success")
            return redirect(url_for(list_endpoint))
        status = error
    return render_template(template, form=form, obj=obj), status


@bp.route("/organisations")
@roles_required(Role.ADMIN)
def organisations():
    return render_template(
        "places/organisations.html",
        organisations=_scoped(Organisation),
    )


@bp.route("/organisations/new", methods=["GET", "POST"])
@roles_required(Role.ADMIN)
def new_organisation():
    return _edit(
        OrganisationForm,
        None,
        services.save_organisation,
        "places/organisation_form.html",
        "places.organisations",
    )


@bp.route("/organisations/<int:organisation_id>", methods=["GET", "POST"])
@roles_required(Role.ADMIN)
def edit_organisation(organisation_id: int):
    organisation = get_in_scope(get_db(), Organisation, organisation_id)
    return _edit(
        OrganisationForm,
        organisation,
        services.save_organisation,
        "places/organisation_form.html",
        "places.organisations",
    )


@bp.route("/localities")
@roles_required(Role.ADMIN)
def localities():
    return render_template("places/localities.html", localities=_scoped(Locality))


@bp.route("/localities/new", methods=["GET", "POST"])
@roles_required(Role.ADMIN)
def new_locality():
    return _edit(
        LocalityForm,
        None,
        services.save_locality,
        "places/locality_form.html",
        "places.localities",
    )


@bp.route("/localities/<int:locality_id>", methods=["GET", "POST"])
@roles_required(Role.ADMIN)
def edit_locality(locality_id: int):
    locality = get_in_scope(get_db(), Locality, locality_id)
    return _edit(
        LocalityForm,
        locality,
        services.save_locality,
        "places/locality_form.html",
        "places.localities",
    )
