"""Citizen promises: reading them, their progress and reports' list, editing them."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

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
from flask_babel import format_date
from flask_babel import gettext as _
from flask_login import current_user
from wtforms.fields.choices import SelectChoice

from walkapp import scope
from walkapp.auth.models import Role
from walkapp.db import get_db
from walkapp.places.models import FollowUpKind, Locality
from walkapp.promises import activities, queries, services
from walkapp.promises.forms import (
    AgreementForm,
    CommitmentForm,
    PromiseForm,
)
from walkapp.promises.models import Agreement, Commitment, Promise, SituationReport
from walkapp.reports.figures import promise_figures
from walkapp.reports.queries import report_list
from walkapp.security import get_in_scope, roles_required
from walkapp.web import commit_service, form_status

bp = Blueprint("promises", __name__, url_prefix="/promises")
READERS = frozenset(Role)
STAFF = frozenset({Role.SAFETY_CHIEF, Role.WALK_LEADER, Role.HANDLER})
# A citizen promise is the municipality's and the police's together: the safety chief and the
# kommunpolis both write it, its commitments and the agreement it belongs to.
EDITORS = frozenset({Role.SAFETY_CHIEF, Role.POLICE_COORDINATOR})


@bp.route("/")
@roles_required(READERS)
def index():
    db = get_db()
    promises = queries.promises(db, current_user)
    agreements = queries.agreements(db, current_user)
    return render_template("promises/index.html", promises=promises, agreements=agreements)


def _timezone() -> str:
    return current_app.config["BABEL_DEFAULT_TIMEZONE"]


@bp.route("/<int:promise_id>")
@roles_required(READERS)
def show(promise_id: int):
    db = get_db()
    promise = get_in_scope(db, Promise, promise_id)
    rows = queries.progress(db, promise, timezone=_timezone())
    # The walks' figures and the reports by the reports' own definitions, so they agree.
    now = datetime.now(UTC)
    figures = promise_figures(db, promise, as_of=now, timezone=_timezone())
    # Staff read the activities behind the counts; the author and the chief change them.
    changeable = {
        a.id for row in rows for a in row.activities if activities.may_change(current_user, a)
    }
    return render_template(
        "promises/show.html",
        promise=promise,
        rows=rows,
        figures=figures,
        reports=report_list(
            db, current_user, promise, today=now.astimezone(ZoneInfo(_timezone())).date()
        ),
        can_log_activities=activities.may_log(current_user, promise.municipality_id),
        changeable_activities=changeable,
        is_chief=current_user.role in EDITORS,  # the promise's authors: chief and kommunpolis
        show_activity_notes=scope.reads_activity_notes(current_user),
    )


def _agreement_choices(db) -> list[SelectChoice]:
    return [SelectChoice(0, _("None"))] + [
        SelectChoice(a.id, a.title) for a in queries.agreements(db, current_user)
    ]


def _promise_form_page(promise: Promise | None):
    db = get_db()
    form = PromiseForm(obj=promise if request.method == "GET" else None)
    if request.method == "GET" and promise is not None:
        form.agreement_id.data = promise.agreement_id or 0
        form.focus_areas.data = "\n".join(promise.focus_areas or [])
        form.situation_report_id.data = promise.situation_report_id or 0
    form.agreement_id.choices = _agreement_choices(db)
    form.situation_report_id.choices = [SelectChoice(0, _("None"))] + [
        SelectChoice(s.id, f"{format_date(s.dated_on)} – {s.title}")
        for s in queries.situation_reports(db, current_user)
    ]
    status = form_status()
    if form.validate_on_submit():
        target = promise or Promise(municipality_id=current_user.municipality_id)
        saved, error = commit_service(
            db,
            lambda: services.save_promise(
                db,
                current_user,
                target,
                services.PromiseValues(
                    title=form.title.data.strip(),
                    agreement=db.get(Agreement, form.agreement_id.data)
                    if form.agreement_id.data
                    else None,
                    starts_on=form.starts_on.data,
                    ends_on=form.ends_on.data,
                    follow_up_kind=FollowUpKind(form.follow_up_kind.data),
                    situation_text=(form.situation_text.data or "").strip(),
                    situation_report=db.get(SituationReport, form.situation_report_id.data)
                    if form.situation_report_id.data
                    else None,
                    focus_areas=tuple((form.focus_areas.data or "").splitlines()),
                    signed_by=(form.signed_by.data or "").strip(),
                    signed_on=form.signed_on.data,
                    period_start_month=form.period_start_month.data,
                    report_due_days=form.report_due_days.data,
                    contact=form.contact.data or "",
                ),
            ),
        )
        if error is None:
            flash(_("The citizen promise has been saved."), "success")
            return redirect(url_for("promises.show", promise_id=saved.id), 303)
        status = error.status
    return render_template("promises/form.html", form=form, promise=promise), status


@bp.route("/new", methods=["GET", "POST"])
@roles_required(EDITORS)
def new():
    return _promise_form_page(None)


@bp.route("/<int:promise_id>/edit", methods=["GET", "POST"])
@roles_required(EDITORS)
def edit(promise_id: int):
    return _promise_form_page(get_in_scope(get_db(), Promise, promise_id))


def _commitment_in_scope(db, commitment_id: int) -> Commitment:
    commitment = queries.commitment(db, current_user, commitment_id)
    if commitment is None:
        abort(404)
    return commitment


def _commitment_form_page(promise: Promise, commitment: Commitment | None):
    db = get_db()
    form = CommitmentForm(obj=commitment if request.method == "GET" else None)
    if request.method == "GET" and commitment is not None:
        form.locality_id.data = commitment.locality_id or 0
    form.locality_id.choices = [SelectChoice(0, _("Whole municipality"))] + [
        SelectChoice(locality.id, locality.name)
        for locality in queries.localities_of(db, current_user, promise.municipality_id)
    ]
    status = form_status()
    if form.validate_on_submit():
        _saved, error = commit_service(
            db,
            lambda: services.save_commitment(
                db,
                current_user,
                promise,
                commitment,
                text=form.text.data,
                responsible=form.responsible.data,
                activity_kind=form.activity_kind.data,
                target_count=form.target_count.data,
                locality=db.get(Locality, form.locality_id.data) if form.locality_id.data else None,
            ),
        )
        if error is None:
            flash(_("The commitment has been saved."), "success")
            return redirect(url_for("promises.show", promise_id=promise.id), 303)
        status = error.status
    return render_template(
        "promises/commitment_form.html", form=form, promise=promise, commitment=commitment
    ), status


@bp.route("/<int:promise_id>/commitments/new", methods=["GET", "POST"])
@roles_required(EDITORS)
def new_commitment(promise_id: int):
    return _commitment_form_page(get_in_scope(get_db(), Promise, promise_id), None)


@bp.route("/commitments/<int:commitment_id>/edit", methods=["GET", "POST"])
@roles_required(EDITORS)
def edit_commitment(commitment_id: int):
    commitment = _commitment_in_scope(get_db(), commitment_id)
    return _commitment_form_page(commitment.promise, commitment)


def _agreement_form_page(agreement: Agreement | None):
    db = get_db()
    form = AgreementForm(obj=agreement if request.method == "GET" else None)
    status = form_status()
    if form.validate_on_submit():
        target = agreement or Agreement(municipality_id=current_user.municipality_id)
        _saved, error = commit_service(
            db,
            lambda: services.save_agreement(
                db,
                current_user,
                target,
                services.AgreementValues(
                    title=form.title.data.strip(),
                    starts_on=form.starts_on.data,
                    ends_on=form.ends_on.data,
                    document_url=form.document_url.data or None,
                ),
            ),
        )
        if error is None:
            flash(_("The agreement has been saved."), "success")
            return redirect(url_for("promises.index"), 303)
        status = error.status
    return render_template("promises/agreement_form.html", form=form, agreement=agreement), status


@bp.route("/agreements/new", methods=["GET", "POST"])
@roles_required(EDITORS)
def new_agreement():
    return _agreement_form_page(None)


@bp.route("/agreements/<int:agreement_id>/edit", methods=["GET", "POST"])
@roles_required(EDITORS)
def edit_agreement(agreement_id: int):
    return _agreement_form_page(get_in_scope(get_db(), Agreement, agreement_id))
