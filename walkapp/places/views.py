"""The administrator's pages for organisations, localities and maps; the cooperation settings."""

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
from flask_login import current_user
from wtforms.fields.choices import SelectChoice

from walkapp.auth.models import Role
from walkapp.db import get_db
from walkapp.labels import label
from walkapp.places import queries, services
from walkapp.places.forms import CooperationForm, LocalityForm, OrganisationForm, TileSourceForm
from walkapp.places.models import Locality, Municipality, Organisation
from walkapp.security import get_in_scope, roles_required
from walkapp.tiles.mbtiles import open_tileset, tile_path
from walkapp.tiles.services import save_tile_settings
from walkapp.tiles.views import source_for
from walkapp.web import commit_service, form_status

bp = Blueprint("places", __name__, url_prefix="/admin")


def _scoped(model):
    return queries.listing(get_db(), current_user, model)


def _municipality_choices() -> list[SelectChoice]:
    return [SelectChoice(m.id, m.name) for m in queries.municipalities(get_db(), current_user)]


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
        status = error.status
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


def _tile_file(municipality: Municipality) -> dict:
    """Where this municipality's own tiles are looked for, and what is there."""
    tile_dir = current_app.config["TILE_DIR"]
    return {
        "path": str(tile_path(tile_dir, municipality.slug)),
        "tileset": open_tileset(tile_dir, municipality.slug),
    }


@bp.route("/maps")
@roles_required(Role.ADMIN)
def maps():
    """Each municipality's map tiles: its own source, or the installation's."""
    municipalities = queries.municipalities(get_db(), current_user)
    return render_template(
        "places/maps.html",
        rows=[(m, source_for(m), _tile_file(m)) for m in municipalities],
    )


@bp.route("/maps/<int:municipality_id>", methods=["GET", "POST"])
@roles_required(Role.ADMIN)
def edit_map(municipality_id: int):
    db = get_db()
    municipality = queries.municipality(db, current_user, municipality_id)
    if municipality is None:
        abort(404)
    form = TileSourceForm(obj=municipality)
    status = form_status()
    if form.validate_on_submit():
        _saved, error = commit_service(
            db,
            lambda: save_tile_settings(
                db,
                current_user,
                municipality,
                tile_url=form.tile_url.data,
                tile_attribution=form.tile_attribution.data,
                tile_min_zoom=form.tile_min_zoom.data,
                tile_max_zoom=form.tile_max_zoom.data,
            ),
        )
        if error is None:
            flash(_("The map of %(name)s has been saved.", name=municipality.name), "success")
            return redirect(url_for("places.maps"), 303)
        status = error.status
    return render_template(
        "places/map_form.html",
        form=form,
        municipality=municipality,
        tile_file=_tile_file(municipality),
        defaults=current_app.config,
    ), status


@bp.route("/municipalities/<int:municipality_id>/cooperation", methods=["GET", "POST"])
@roles_required(Role.SAFETY_CHIEF, Role.ADMIN)
def cooperation(municipality_id: int):
    """The chief's title ("Trygghetssamordnare") and the police area, as reports are signed."""
    db = get_db()
    municipality = queries.municipality(db, current_user, municipality_id)
    if municipality is None:
        abort(404)
    form = CooperationForm(obj=municipality)
    if request.method == "GET":
        area = municipality.police_area
        form.police_area.data = area.name if area is not None else ""
    status = form_status()
    if form.validate_on_submit():
        _saved, error = commit_service(
            db,
            lambda: services.save_cooperation(
                db,
                current_user,
                municipality,
                chief_title=form.chief_title.data or "",
                police_area=form.police_area.data or "",
            ),
        )
        if error is None:
            flash(_("The settings of %(name)s have been saved.", name=municipality.name), "success")
            return redirect(url_for("places.cooperation", municipality_id=municipality.id), 303)
        status = error.status
    return render_template(
        "places/cooperation.html",
        form=form,
        municipality=municipality,
        police_areas=[area.name for area in queries.police_areas(db, current_user)],
        safety_chief_label=label(Role.SAFETY_CHIEF),
    ), status
