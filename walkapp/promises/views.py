"""Citizen promises: reading them and their progress, editing them, logging activities, reports."""

import io
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
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user
from wtforms.fields.choices import SelectChoice

from walkapp import csvsafe, scope
from walkapp.actions import queries as action_queries
from walkapp.auth.models import Role
from walkapp.db import get_db
from walkapp.labels import label
from walkapp.observations import queries as observation_queries
from walkapp.observations.models import CategoryGroup, ObservationStatus
from walkapp.places.models import Locality
from walkapp.promises import queries, services
from walkapp.promises.forms import (
    ActivityForm,
    AgreementForm,
    CommitmentForm,
    FollowUpForm,
    PromiseForm,
)
from walkapp.promises.models import Agreement, Commitment, Promise
from walkapp.promises.pdf import report_pdf
from walkapp.security import get_in_scope, roles_required
from walkapp.web import commit_service, form_status

bp = Blueprint("promises", __name__, url_prefix="/promises")
READERS = frozenset(Role)
STAFF = frozenset({Role.SAFETY_CHIEF, Role.WALK_LEADER, Role.HANDLER})


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
    rows = services.progress(db, promise, timezone=_timezone())
    walks = services.promise_walks(db, promise)
    walk_ids = [walk.id for walk in walks]
    observation_counts = observation_queries.status_counts_of_walks(db, current_user, walk_ids)
    action_count = action_queries.count_for_walks(db, current_user, walk_ids)
    can_log = current_user.role in STAFF
    return render_template(
        "promises/show.html",
        promise=promise,
        rows=rows,
        walks=walks,
        observation_counts=[
            (s, observation_counts[s]) for s in ObservationStatus if s in observation_counts
        ],
        observation_total=sum(observation_counts.values()),
        action_count=action_count or 0,
        periods=[(period, period_title(period)) for period in services.periods_of(promise)],
        published={f.period_label for f in promise.follow_ups if f.published_at},
        activity_form=ActivityForm(formdata=None, done_on=date.today()) if can_log else None,
        is_chief=current_user.role == Role.SAFETY_CHIEF,
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
    form.agreement_id.choices = _agreement_choices(db)
    status = form_status()
    if form.validate_on_submit():
        target = promise or Promise(municipality_id=current_user.municipality_id)
        saved, error = commit_service(
            db,
            lambda: services.save_promise(
                db,
                current_user,
                target,
                title=form.title.data.strip(),
                agreement=db.get(Agreement, form.agreement_id.data)
                if form.agreement_id.data
                else None,
                starts_on=form.starts_on.data,
                ends_on=form.ends_on.data,
                follow_up_kind=form.follow_up_kind.data,
                situation_text=(form.situation_text.data or "").strip(),
                focus_areas=(form.focus_areas.data or "").splitlines(),
                signed_by=(form.signed_by.data or "").strip(),
                signed_on=form.signed_on.data,
            ),
        )
        if error is None:
            flash(_("The citizen promise has been saved."), "success")
            return redirect(url_for("promises.show", promise_id=saved.id), 303)
        status = error
    return render_template("promises/form.html", form=form, promise=promise), status


@bp.route("/new", methods=["GET", "POST"])
@roles_required(Role.SAFETY_CHIEF)
def new():
    return _promise_form_page(None)


@bp.route("/<int:promise_id>/edit", methods=["GET", "POST"])
@roles_required(Role.SAFETY_CHIEF)
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
        status = error
    return render_template(
        "promises/commitment_form.html", form=form, promise=promise, commitment=commitment
    ), status


@bp.route("/<int:promise_id>/commitments/new", methods=["GET", "POST"])
@roles_required(Role.SAFETY_CHIEF)
def new_commitment(promise_id: int):
    return _commitment_form_page(get_in_scope(get_db(), Promise, promise_id), None)


@bp.route("/commitments/<int:commitment_id>/edit", methods=["GET", "POST"])
@roles_required(Role.SAFETY_CHIEF)
def edit_commitment(commitment_id: int):
    commitment = _commitment_in_scope(get_db(), commitment_id)
    return _commitment_form_page(commitment.promise, commitment)


@bp.route("/commitments/<int:commitment_id>/activities", methods=["POST"])
@roles_required(STAFF)
def log_activity(commitment_id: int):
    db = get_db()
    commitment = _commitment_in_scope(db, commitment_id)
    form = ActivityForm()
    back = url_for("promises.show", promise_id=commitment.promise_id) + f"#c{commitment.id}"
    if not form.validate_on_submit():
        for errors in form.errors.values():
            flash(" ".join(str(e) for e in errors), "error")
        return show(commitment.promise_id), 422
    _activity, error = commit_service(
        db,
        lambda: services.log_activity(
            db,
            current_user,
            commitment,
            done_on=form.done_on.data,
            count=form.count.data,
            note=form.note.data or "",
            today=date.today(),
        ),
    )
    if error is not None:
        # Refused (say, a note about a person): the page again with the reason, nothing stored.
        return show(commitment.promise_id), error
    flash(_("The activity has been logged."), "success")
    return redirect(back, 303)


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
                title=form.title.data.strip(),
                starts_on=form.starts_on.data,
                ends_on=form.ends_on.data,
                document_url=form.document_url.data or None,
            ),
        )
        if error is None:
            flash(_("The agreement has been saved."), "success")
            return redirect(url_for("promises.index"), 303)
        status = error
    return render_template("promises/agreement_form.html", form=form, agreement=agreement), status


@bp.route("/agreements/new", methods=["GET", "POST"])
@roles_required(Role.SAFETY_CHIEF)
def new_agreement():
    return _agreement_form_page(None)


@bp.route("/agreements/<int:agreement_id>/edit", methods=["GET", "POST"])
@roles_required(Role.SAFETY_CHIEF)
def edit_agreement(agreement_id: int):
    return _agreement_form_page(get_in_scope(get_db(), Agreement, agreement_id))


def _report_or_404(promise_id: int, period_key: str):
    """The promise, its period and figures; an unpublished report is the chief's only."""
    db = get_db()
    promise = get_in_scope(db, Promise, promise_id)
    period = services.find_period(promise, period_key)
    if period is None:
        abort(404)
    follow_up = services.find_follow_up(db, promise, period)
    is_chief = current_user.role == Role.SAFETY_CHIEF
    if not is_chief and (follow_up is None or follow_up.published_at is None):
        abort(404)
    figures = services.follow_up_report(db, promise, period, timezone=_timezone())
    return db, promise, period, follow_up, figures


def period_title(period: services.Period) -> str:
    if period.number == 0:
        return _("Year %(year)d", year=period.year)
    if period.kind == "tertial":
        return _("Tertial %(n)d %(year)d", n=period.number, year=period.year)
    return _("Half year %(n)d %(year)d", n=period.number, year=period.year)


@bp.route("/<int:promise_id>/reports/<period_key>", methods=["GET", "POST"])
@roles_required(READERS)
def report(promise_id: int, period_key: str):
    db, promise, period, follow_up, figures = _report_or_404(promise_id, period_key)
    is_chief = current_user.role == Role.SAFETY_CHIEF
    form = FollowUpForm(
        formdata=None if request.method == "GET" else request.form,
        narrative=follow_up.narrative if follow_up else "",
    )
    status = 200
    if request.method == "POST":
        if not is_chief:
            abort(403)
        if form.validate_on_submit():
            _saved, error = commit_service(
                db,
                lambda: services.save_follow_up(
                    db,
                    current_user,
                    promise,
                    period,
                    narrative=form.narrative.data or "",
                    publish=request.form.get("publish") == "1",
                ),
            )
            if error is None:
                flash(_("The report has been saved."), "success")
                return redirect(
                    url_for("promises.report", promise_id=promise.id, period_key=period.key), 303
                )
            status = error
        else:
            status = 422
    return render_template(
        "promises/report.html",
        promise=promise,
        period=period,
        period_title=period_title(period),
        follow_up=follow_up,
        figures=figures,
        form=form if is_chief else None,
        show_activity_notes=scope.reads_activity_notes(current_user),
        groups=[(label(CategoryGroup(code)), count) for code, count in figures.by_group],
        category_bars=[
            (category.label(str(get_locale())), count) for category, count in figures.by_category
        ],
    ), status


@bp.route("/<int:promise_id>/reports/<period_key>.pdf")
@roles_required(READERS)
def report_as_pdf(promise_id: int, period_key: str):
    _db, promise, period, follow_up, figures = _report_or_404(promise_id, period_key)
    body = report_pdf(promise, period_title(period), follow_up, figures)
    response = Response(body, mimetype="application/pdf")
    response.headers["Content-Disposition"] = (
        f'inline; filename="uppfoljning-{promise.id}-{period.key}.pdf"'
    )
    return response


@bp.route("/<int:promise_id>/reports/<period_key>.csv")
@roles_required(READERS)
def report_as_csv(promise_id: int, period_key: str):
    """The report's figures as rows of (section, item, value), for a spreadsheet."""
    _db, promise, period, _follow_up, figures = _report_or_404(promise_id, period_key)
    buffer = io.StringIO()
    writer = csvsafe.writer(buffer, delimiter=";")
    writer.writerow([_("Section"), _("Item"), _("Value"), _("Target"), _("To date")])
    for row in figures.commitments:
        to_date = figures.to_date[row.commitment.id]
        writer.writerow(
            [_("Commitment"), row.commitment.text, row.done, row.target or "", to_date.done]
        )
    writer.writerow([_("Walks"), _("Held in the period"), len(figures.walks), "", ""])
    writer.writerow([_("Observations"), _("All"), figures.observation_count, "", ""])
    for category, count in figures.by_category:
        writer.writerow([_("Category"), category.label_sv, count, "", ""])
    for code, count in figures.by_group:
        writer.writerow([_("Category group"), label(CategoryGroup(code)), count, "", ""])
    for name, value in [
        (_("Safe places"), figures.safe_places),
        (_("Decided (%)"), figures.share_decided),
        (_("Referred (%)"), figures.share_referred),
        (_("Closed without action"), figures.no_action),
        (_("Actions"), figures.action_count),
        (_("Fixed in time (%)"), figures.share_fixed_in_time),
        (_("Median days to fix"), figures.median_days_to_fix),
    ]:
        writer.writerow([_("Figures"), name, "" if value is None else value, "", ""])
    response = Response("\ufeff" + buffer.getvalue(), mimetype="text/csv")
    response.headers["Content-Disposition"] = (
        f'attachment; filename="uppfoljning-{promise.id}-{period.key}.csv"'
    )
    return response
