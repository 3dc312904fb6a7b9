"""Lägesbilder (situation pictures): listed, written and read by the municipality's staff."""

from datetime import date

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from walkapp.auth.models import Role
from walkapp.db import get_db, utcnow
from walkapp.labels import label
from walkapp.promises import queries
from walkapp.promises.forms import SOURCE_FIELDS, SituationReportForm
from walkapp.promises.models import SituationReport, SourceKind
from walkapp.promises.situations import WRITERS, Source, save_situation_report
from walkapp.security import get_in_scope, roles_required
from walkapp.walks.models import LightConditions
from walkapp.web import commit_service, form_status

bp = Blueprint("situations", __name__, url_prefix="/situations")
# Those who plan and follow up the work read the lägesbild; handlers and participants do not.
READERS = frozenset(
    {Role.SAFETY_CHIEF, Role.POLICE_COORDINATOR, Role.WALK_LEADER, Role.ADMIN, Role.POLICE_AREA}
)


def light_label(value: str) -> str:
    """A frozen figure's light ("dark") as the UI names it; an unknown value as it is."""
    try:
        return label(LightConditions(value))
    except ValueError:
        return value


def source_label(value: str) -> str:
    """A stored source's kind as the UI names it; an unknown value as it is."""
    try:
        return label(SourceKind(value))
    except ValueError:
        return value


def _sources(situation: SituationReport) -> list[tuple[SourceKind, str]]:
    """The stored sources of known kinds (rows written by hand may hold anything)."""
    known = {kind.value for kind in SourceKind}
    return [
        (SourceKind(source["kind"]), str(source.get("text") or ""))
        for source in situation.sources or []
        if isinstance(source, dict) and source.get("kind") in known
    ]


def _can_write() -> bool:
    return current_user.role in WRITERS and current_user.municipality_id is not None


@bp.route("/")
@roles_required(READERS)
def index():
    return render_template(
        "situations/index.html",
        situations=queries.situation_reports(get_db(), current_user),
        can_create=_can_write() and current_user.municipality_id is not None,
    )


@bp.route("/<int:situation_id>")
@roles_required(READERS)
def show(situation_id: int):
    db = get_db()
    situation = get_in_scope(db, SituationReport, situation_id)
    return render_template(
        "situations/show.html",
        situation=situation,
        sources=_sources(situation),
        figures=situation.walk_figures,
        promises=queries.promises_built_on(db, current_user, situation),
        can_write=_can_write(),
        light_label=light_label,
    )


def _form_page(situation: SituationReport | None):
    db = get_db()
    form = SituationReportForm(obj=situation if request.method == "GET" else None)
    if request.method == "GET" and situation is not None:
        for kind, text in _sources(situation):
            getattr(form, SOURCE_FIELDS[kind]).data = text
    if request.method == "GET" and situation is None:
        form.dated_on.data = date.today()
    status = form_status()
    if form.validate_on_submit():
        target = situation or SituationReport(municipality_id=current_user.municipality_id)
        saved, error = commit_service(
            db,
            lambda: save_situation_report(
                db,
                current_user,
                target,
                title=form.title.data or "",
                dated_on=form.dated_on.data,
                summary=form.summary.data or "",
                sources=tuple(
                    Source(kind, getattr(form, name).data or "")
                    for kind, name in SOURCE_FIELDS.items()
                ),
                walks_from=form.walks_from.data,
                walks_to=form.walks_to.data,
                now=utcnow(),
                timezone=current_app.config["BABEL_DEFAULT_TIMEZONE"],
            ),
        )
        if error is None:
            flash(_("The situation picture has been saved."), "success")
            return redirect(url_for("situations.show", situation_id=saved.id), 303)
        status = error.status
    return render_template(
        "situations/form.html",
        form=form,
        situation=situation,
        source_fields=[
            (kind, getattr(form, name))
            for kind, name in SOURCE_FIELDS.items()
            if kind != SourceKind.WALKS
        ],
    ), status


@bp.route("/new", methods=["GET", "POST"])
@roles_required(WRITERS)
def new():
    if current_user.municipality_id is None:
        abort(404)  # a national administrator writes for no municipality of their own
    return _form_page(None)


@bp.route("/<int:situation_id>/edit", methods=["GET", "POST"])
@roles_required(WRITERS)
def edit(situation_id: int):
    return _form_page(get_in_scope(get_db(), SituationReport, situation_id))
