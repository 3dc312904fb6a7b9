"""The follow-up report for staff: read, write both sides' texts, approve, publish, correct."""

from datetime import UTC, datetime

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

from walkapp.auth.models import Role
from walkapp.db import get_db
from walkapp.promises.models import Promise
from walkapp.promises.periods import find_period
from walkapp.reports import queries, render, services
from walkapp.reports.csv import report_csv
from walkapp.reports.forms import TEXT_FIELDS, FollowUpTextsForm, PublishForm, StepForm
from walkapp.reports.models import FollowUpStatus
from walkapp.reports.pdf import report_pdf
from walkapp.reports.report_data import public_part, report_data
from walkapp.security import get_in_scope, roles_required
from walkapp.tiles.views import map_tiles
from walkapp.web import commit_service

bp = Blueprint("reports", __name__, url_prefix="/promises")
READERS = frozenset(Role)
# Drafts are read by those who write or sign them; everyone else reads published versions.
DRAFT_READERS = queries.DRAFT_READERS
WRITERS = services.WRITERS
SIGNATORIES = frozenset(services.SIDE_OF)


def _timezone() -> str:
    return current_app.config["BABEL_DEFAULT_TIMEZONE"]


def _now() -> datetime:
    return datetime.now(UTC)


def _load(promise_id: int, period_key: str):
    db = get_db()
    promise = get_in_scope(db, Promise, promise_id)
    period = find_period(promise, period_key)
    if period is None:
        abort(404)
    follow_up = queries.follow_up_of(db, promise, period.key)
    return db, promise, period, follow_up, queries.versions_of(db, follow_up)


def _reads_drafts() -> bool:
    return current_user.role in DRAFT_READERS


def _shown(db, promise, period, follow_up, versions, number: int | None):
    """(report, version, is_draft) as this reader sees it: a draft only for its writers."""
    if number is not None:
        version = queries.pick_version(versions, number)
        if version is None:
            abort(404)
        return version.snapshot, version, False
    published = follow_up is not None and follow_up.status == FollowUpStatus.PUBLISHED
    if _reads_drafts() and not published:
        report = report_data(
            db, promise, period, follow_up, as_of=_now(), timezone=_timezone(), staff=True
        )
        return report, None, True
    version = queries.pick_version(versions, None)
    if version is None:
        abort(404)
    return version.snapshot, version, False


def version_info(version) -> dict | None:
    if version is None:
        return None
    return {
        "number": version.number,
        "published_at": version.published_at.isoformat(),
        "correction_note": version.correction_note,
    }


def report_map(report: dict, municipality) -> dict:
    """The small map's JSON config: assessed observations' place and category, nothing else."""
    return {
        **map_tiles(municipality),
        "center": [municipality.center_lat, municipality.center_lon],
        "points": [
            {
                "lat": point["lat"],
                "lon": point["lon"],
                "kind": "open",  # the colour: walkapp.css .map-dot--open
                "label": render.category(point),
                "url": "#categories-heading",
            }
            for point in report["observations"]["points"]
        ],
    }


def _page(promise_id: int, period_key: str, number: int | None = None, status: int = 200):
    db, promise, period, follow_up, versions = _load(promise_id, period_key)
    report, version, is_draft = _shown(db, promise, period, follow_up, versions, number)
    writes = is_draft and current_user.role in WRITERS
    form = None
    if writes:
        form = FollowUpTextsForm(
            formdata=request.form if request.method == "POST" else None,
            narrative=follow_up.narrative if follow_up else "",
        )
    texts = {text.commitment_id: text for text in (follow_up.texts if follow_up else [])}
    side = services.side_of(current_user, promise.municipality_id)
    approved_sides = {a.side for a in (follow_up.approvals if follow_up else [])}
    return render_template(
        "reports/show.html",
        promise=promise,
        period=period,
        follow_up=follow_up,
        status=str(follow_up.status) if follow_up else FollowUpStatus.DRAFT.value,
        report=report,
        version=version_info(version),
        versions=versions,
        is_draft=is_draft,
        form=form,
        texts=texts,
        text_fields=TEXT_FIELDS,
        posted=request.form if request.method == "POST" else {},
        step_form=StepForm(formdata=None),
        publish_form=PublishForm(formdata=None),
        can_write=writes,
        can_approve=side is not None and side not in approved_sides,
        can_publish=side is not None and current_user.role in SIGNATORIES,
        can_correct=current_user.role in WRITERS,
        approvals=follow_up.approvals if follow_up else [],
        map_data=report_map(report, promise.municipality),
        r=render.helpers(),
        public=False,
    ), status


@bp.route("/<int:promise_id>/reports/<period_key>", methods=["GET", "POST"])
@roles_required(READERS)
def show(promise_id: int, period_key: str):
    if request.method == "GET":
        return _page(promise_id, period_key)
    if current_user.role not in WRITERS:
        abort(403)
    db, promise, period, follow_up, _versions = _load(promise_id, period_key)
    form = FollowUpTextsForm()
    if not form.validate_on_submit():
        return _page(promise_id, period_key, status=422)
    # Only the commitments the form holds: a form without them leaves their texts alone.
    texts = {
        commitment.id: services.CommitmentTexts(
            **{name: request.form.get(f"{name}-{commitment.id}", "") for name in TEXT_FIELDS}
        )
        for commitment in promise.commitments
        if any(f"{name}-{commitment.id}" in request.form for name in TEXT_FIELDS)
    }
    changed, error = commit_service(
        db,
        lambda: services.save_follow_up_texts(
            db,
            current_user,
            follow_up or services.ensure_follow_up(db, current_user, promise, period),
            narrative=form.narrative.data or "",
            texts=texts,
            now=_now(),
        ),
    )
    if error is not None:
        return _page(promise_id, period_key, status=error.status)
    flash(_("The follow-up has been saved.") if changed else _("Nothing was changed."), "success")
    return redirect(url_for("reports.show", promise_id=promise.id, period_key=period.key), 303)


def _step(promise_id: int, period_key: str, call, message: str, *, create: bool = False):
    """Run one workflow step on the period's follow-up and go back to its page."""
    db, promise, period, follow_up, _versions = _load(promise_id, period_key)
    if not StepForm().validate_on_submit():
        abort(400)
    if follow_up is None and not create:
        abort(404)
    _done, error = commit_service(
        db,
        lambda: call(db, follow_up or services.ensure_follow_up(db, current_user, promise, period)),
    )
    if error is not None:
        return _page(promise_id, period_key, status=error.status)
    flash(message, "success")
    return redirect(url_for("reports.show", promise_id=promise.id, period_key=period.key), 303)


@bp.route("/<int:promise_id>/reports/<period_key>/submit", methods=["POST"])
@roles_required(WRITERS)
def submit(promise_id: int, period_key: str):
    return _step(
        promise_id,
        period_key,
        lambda db, f: services.submit_follow_up(db, current_user, f, now=_now()),
        _("The follow-up is ready for approval."),
        create=True,
    )


@bp.route("/<int:promise_id>/reports/<period_key>/approve", methods=["POST"])
@roles_required(SIGNATORIES)
def approve(promise_id: int, period_key: str):
    return _step(
        promise_id,
        period_key,
        lambda db, f: services.approve_follow_up(db, current_user, f, now=_now()),
        _("You have approved the follow-up."),
    )


@bp.route("/<int:promise_id>/reports/<period_key>/publish", methods=["POST"])
@roles_required(SIGNATORIES)
def publish(promise_id: int, period_key: str):
    form = PublishForm()
    note = (form.correction_note.data or "") if form.validate_on_submit() else ""
    return _step(
        promise_id,
        period_key,
        lambda db, f: services.publish_follow_up(
            db, current_user, f, correction_note=note, now=_now(), timezone=_timezone()
        ),
        _("The follow-up has been published."),
    )


@bp.route("/<int:promise_id>/reports/<period_key>/correct", methods=["POST"])
@roles_required(WRITERS)
def correct(promise_id: int, period_key: str):
    return _step(
        promise_id,
        period_key,
        lambda db, f: services.start_correction(db, current_user, f, now=_now()),
        _("A correction has been started; the published version stays public until then."),
    )


@bp.route("/<int:promise_id>/reports/<period_key>/v<int:number>")
@roles_required(READERS)
def version(promise_id: int, period_key: str, number: int):
    return _page(promise_id, period_key, number)


def _file_name(promise: Promise, period_key: str, number: int | None, ext: str) -> str:
    suffix = f"-v{number}" if number else ""
    return f"uppfoljning-{promise.id}-{period_key}{suffix}.{ext}"


@bp.route("/<int:promise_id>/reports/<period_key>.pdf")
@bp.route("/<int:promise_id>/reports/<period_key>/v<int:number>.pdf")
@roles_required(READERS)
def pdf(promise_id: int, period_key: str, number: int | None = None):
    db, promise, period, follow_up, versions = _load(promise_id, period_key)
    report, version, is_draft = _shown(db, promise, period, follow_up, versions, number)
    body = report_pdf(public_part(report), draft=is_draft, version=version_info(version))
    response = Response(body, mimetype="application/pdf")
    name = _file_name(promise, period.key, number, "pdf")
    response.headers["Content-Disposition"] = f'inline; filename="{name}"'
    return response


@bp.route("/<int:promise_id>/reports/<period_key>.csv")
@bp.route("/<int:promise_id>/reports/<period_key>/v<int:number>.csv")
@roles_required(READERS)
def csv(promise_id: int, period_key: str, number: int | None = None):
    db, promise, period, follow_up, versions = _load(promise_id, period_key)
    report, _version, _is_draft = _shown(db, promise, period, follow_up, versions, number)
    response = Response(report_csv(public_part(report)), mimetype="text/csv")
    name = _file_name(promise, period.key, number, "csv")
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
