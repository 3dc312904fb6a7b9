"""The routing rules page: who acts on each category, in the municipality's own division."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user
from wtforms.fields.choices import SelectChoice

from walkapp.auth.models import Role
from walkapp.db import get_db
from walkapp.labels import choices
from walkapp.observations import queries as observation_queries
from walkapp.observations.models import Category, CategoryGroup, PlaceOwner
from walkapp.places import queries as place_queries
from walkapp.places.models import Organisation
from walkapp.routing import queries, services
from walkapp.routing.forms import RuleForm, owner_choices
from walkapp.security import roles_required
from walkapp.web import commit_service, to_id

bp = Blueprint("routing", __name__, url_prefix="/routing")
EDITORS = (Role.SAFETY_CHIEF, Role.ADMIN)


def _municipality(db):
    """The municipality whose rules are shown: the actor's own; a national admin chooses."""
    try:
        wanted = to_id(request.values.get("municipality_id", ""))
    except ValueError:
        wanted = None
    if wanted is None:
        wanted = current_user.municipality_id
    if wanted is None:
        municipalities = place_queries.municipalities(db, current_user)
        if not municipalities:
            abort(404)
        return municipalities[0]
    municipality = place_queries.municipality(db, current_user, wanted)
    if municipality is None:
        abort(404)
    return municipality


def _form(db) -> RuleForm:
    form = RuleForm()
    form.category_code.choices = [SelectChoice(c.code) for c in observation_queries.categories(db)]
    form.place_owner.choices = owner_choices(_("Any owner"))
    return form


def _page(db, municipality, status: int = 200):
    categories = [c for c in observation_queries.categories(db) if c.is_active]
    rules = queries.rules(db, current_user, municipality.id)
    organisations = [
        o
        for o in place_queries.organisations(db, current_user, active_only=True)
        if o.municipality_id == municipality.id
    ]
    # A to E, then "other" (its code "-" would sort first).
    groups: dict[CategoryGroup, list[Category]] = {group: [] for group in CategoryGroup}
    for category in categories:
        groups[category.group].append(category)
    groups = {group: members for group, members in groups.items() if members}
    add_form = RuleForm(formdata=None)
    add_form.category_code.choices = [
        SelectChoice(c.code, c.label(str(get_locale()))) for c in categories
    ]
    add_form.place_owner.choices = choices(PlaceOwner)
    return render_template(
        "routing/index.html",
        municipality=municipality,
        municipalities=place_queries.municipalities(db, current_user),
        groups=groups,
        any_rule={r.category_code: r for r in rules if r.place_owner is None},
        owner_rules={
            c.code: [r for r in rules if r.category_code == c.code and r.place_owner]
            for c in categories
        },
        organisations=organisations,
        owners=list(PlaceOwner),
        add_form=add_form,
    ), status


@bp.route("/")
@roles_required(EDITORS)
def index():
    db = get_db()
    return _page(db, _municipality(db))


def _back(municipality, category_code: str | None = None):
    anchor = f"#rule-{category_code}" if category_code else ""
    return redirect(url_for("routing.index", municipality_id=municipality.id) + anchor, 303)


@bp.route("/rules", methods=["POST"])
@roles_required(EDITORS)
def save():
    db = get_db()
    municipality = _municipality(db)
    form = _form(db)
    if not form.validate_on_submit():
        flash(_("The rule was not saved: check the category, owner and note."), "error")
        return _page(db, municipality, 422)
    organisation_id = form.organisation_id.data
    if not organisation_id:
        # "No rule" chosen in a row: the rule goes, and the chief chooses from now on.
        return delete()
    organisation = db.get(Organisation, organisation_id)
    rule, error = commit_service(
        db,
        lambda: services.set_routing_rule(
            db,
            current_user,
            municipality,
            db.get(Category, form.category_code.data),
            form.place_owner.data or None,
            organisation,
            form.note.data or "",
        ),
    )
    if error is not None:
        return _page(db, municipality, error.status)
    flash(
        _(
            "%(category)s now goes to %(organisation)s.",
            category=rule.category.label(str(get_locale())),
            organisation=rule.organisation.name,
        ),
        "success",
    )
    return _back(municipality, form.category_code.data)


@bp.route("/rules/delete", methods=["POST"])
@roles_required(EDITORS)
def delete():
    db = get_db()
    municipality = _municipality(db)
    form = _form(db)
    if not form.validate_on_submit():
        flash(_("The rule was not removed."), "error")
        return _page(db, municipality, 422)
    _removed, error = commit_service(
        db,
        lambda: services.delete_routing_rule(
            db,
            current_user,
            municipality,
            db.get(Category, form.category_code.data),
            form.place_owner.data or None,
        ),
    )
    if error is not None:
        return _page(db, municipality, error.status)
    flash(_("The rule has been removed."), "success")
    return _back(municipality, form.category_code.data)
