"""Referral pages: hand an observation over to an outside owner, follow it up to the answer."""

from datetime import date

from flask import Blueprint, abort, current_app, flash, redirect, render_template, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_login import current_user
from wtforms.fields.choices import SelectChoice

from walkapp.auth.models import Role
from walkapp.db import get_db, utcnow
from walkapp.labels import label
from walkapp.observations.models import Observation, ObservationStatus
from walkapp.places import queries as place_queries
from walkapp.places.models import Organisation
from walkapp.routing import queries, referrals
from walkapp.routing.referral_forms import AnswerForm, ReferenceForm, ReferForm, WithdrawForm
from walkapp.security import get_in_scope, roles_required
from walkapp.web import commit_service, form_status

bp = Blueprint("referrals", __name__)
CHIEF = Role.SAFETY_CHIEF


def _today() -> date:
    return date.today()


def _owners(db, municipality_id: int) -> list[Organisation]:
    """The municipality's active owners outside its own organisation, whom one refers to."""
    return [
        o
        for o in place_queries.organisations(db, current_user, active_only=True)
        if o.municipality_id == municipality_id and o.kind in referrals.OUTSIDE_KINDS
    ]


def _default_note(organisation: Organisation) -> str:
    """What the residents read when the chief writes nothing: in the public's language."""
    with force_locale(current_app.config["BABEL_DEFAULT_LOCALE"]):
        return _("Referred to %(organisation)s.", organisation=organisation.name)


def _refer_page(db, observation: Observation, form: ReferForm, status: int):
    owners = _owners(db, observation.municipality_id)
    form.organisation_id.choices = [SelectChoice(o.id, o.name) for o in owners]
    return render_template(
        "routing/referrals_new.html",
        observation=observation,
        form=form,
        owners=owners,
        waiting=queries.open_referral_of(db, observation.id),
    ), status


@bp.route("/observations/<int:observation_id>/refer", methods=["GET", "POST"])
@roles_required(CHIEF)
def new(observation_id: int):
    """The "Refer" form of an observation: owner, their reference, reply date, public note."""
    db = get_db()
    observation = get_in_scope(db, Observation, observation_id)
    form = ReferForm()
    if not form.validate_on_submit():
        return _refer_page(db, observation, form, form_status())
    organisation = db.get(Organisation, form.organisation_id.data)
    if organisation is None or organisation.municipality_id != observation.municipality_id:
        abort(404)  # another municipality's organisation is "not there", like a missing one
    referral, error = commit_service(
        db,
        lambda: referrals.refer_observation(
            db,
            current_user,
            observation,
            organisation=organisation,
            reference=form.reference.data or "",
            expected_reply_on=form.expected_reply_on.data,
            public_note=(form.public_note.data or "").strip() or _default_note(organisation),
            now=utcnow(),
            today=_today(),
            confirmed_personal_data=form.confirmed_personal_data.data,
        ),
    )
    if error is not None:
        return _refer_page(db, observation, form, error.status)
    if organisation.email:
        flash(
            _(
                "The observation has been referred to %(organisation)s, who have been sent it "
                "at %(address)s.",
                organisation=organisation.name,
                address=organisation.email,
            ),
            "success",
        )
    else:
        flash(
            _(
                "The observation has been referred to %(organisation)s. They have no contact "
                "address: send it to them yourself.",
                organisation=organisation.name,
            ),
            "warning",
        )
    return redirect(url_for("referrals.show", referral_id=referral.id), 303)


@bp.route("/referrals/")
@roles_required(CHIEF)
def index():
    """The referrals waiting for an answer, the most overdue first."""
    db = get_db()
    today = _today()
    return render_template(
        "routing/referrals_index.html",
        rows=queries.open_referrals(db, current_user, today),
        today=today,
    )


def _referral(db, referral_id: int):
    referral = queries.referral(db, current_user, referral_id)
    if referral is None:
        abort(404)
    return referral


def _answer_form(referral, form: AnswerForm | None = None) -> AnswerForm:
    form = form or AnswerForm(formdata=None)
    form.observation_status.choices = [
        SelectChoice("", _("It stays referred: they will do it")),
        SelectChoice(ObservationStatus.FIXED.value, _("Fixed: they have done it")),
        SelectChoice(
            ObservationStatus.TRIAGED.value, _("Back to the municipality: it is not theirs")
        ),
    ]
    return form


def _show_page(db, referral, status: int = 200, **forms):
    observation = referral.observation
    return render_template(
        "routing/referrals_show.html",
        referral=referral,
        observation=observation,
        days_overdue=queries.days_overdue(referral, _today()),
        answer_form=_answer_form(referral, forms.get("answer")),
        withdraw_form=forms.get("withdraw") or WithdrawForm(formdata=None),
        reference_form=forms.get("reference")
        or ReferenceForm(
            formdata=None,
            reference=referral.reference,
            expected_reply_on=referral.expected_reply_on,
        ),
        others=queries.referrals_of_observation(db, current_user, observation.id),
    ), status


@bp.route("/referrals/<int:referral_id>")
@roles_required(CHIEF)
def show(referral_id: int):
    db = get_db()
    return _show_page(db, _referral(db, referral_id))


@bp.route("/referrals/<int:referral_id>/answer", methods=["POST"])
@roles_required(CHIEF)
def answer(referral_id: int):
    """Record what the owner answered; it is published on the observation."""
    db = get_db()
    referral = _referral(db, referral_id)
    form = _answer_form(referral, AnswerForm())
    if not form.validate_on_submit():
        return _show_page(db, referral, 422, answer=form)
    _result, error = commit_service(
        db,
        lambda: referrals.record_referral_answer(
            db,
            current_user,
            referral,
            answer_note=form.answer_note.data or "",
            observation_status=form.observation_status.data or None,
            now=utcnow(),
            confirmed_personal_data=form.confirmed_personal_data.data,
        ),
    )
    if error is not None:
        return _show_page(db, referral, error.status, answer=form)
    flash(
        _(
            "The answer of %(organisation)s has been recorded. The observation is now: %(status)s.",
            organisation=referral.organisation.name,
            status=label(referral.observation.status),
        ),
        "success",
    )
    return redirect(url_for("referrals.show", referral_id=referral.id), 303)


@bp.route("/referrals/<int:referral_id>/withdraw", methods=["POST"])
@roles_required(CHIEF)
def withdraw(referral_id: int):
    """Take the referral back; the observation returns to the chief's assessment."""
    db = get_db()
    referral = _referral(db, referral_id)
    form = WithdrawForm()
    if not form.validate_on_submit():
        return _show_page(db, referral, 422, withdraw=form)
    _result, error = commit_service(
        db,
        lambda: referrals.withdraw_referral(
            db,
            current_user,
            referral,
            reason=form.reason.data or "",
            public_note=form.public_note.data or "",
            now=utcnow(),
            confirmed_personal_data=form.confirmed_personal_data.data,
        ),
    )
    if error is not None:
        return _show_page(db, referral, error.status, withdraw=form)
    flash(_("The referral has been withdrawn."), "success")
    return redirect(url_for("observations.show", observation_id=referral.observation_id), 303)


@bp.route("/referrals/<int:referral_id>/reference", methods=["POST"])
@roles_required(CHIEF)
def reference(referral_id: int):
    """Their case number and the reply date, as they become known."""
    db = get_db()
    referral = _referral(db, referral_id)
    form = ReferenceForm()
    if not form.validate_on_submit():
        return _show_page(db, referral, 422, reference=form)
    _result, error = commit_service(
        db,
        lambda: referrals.update_referral_reference(
            db,
            current_user,
            referral,
            reference=form.reference.data or "",
            expected_reply_on=form.expected_reply_on.data,
            now=utcnow(),
        ),
    )
    if error is not None:
        return _show_page(db, referral, error.status, reference=form)
    flash(_("The reference has been saved."), "success")
    return redirect(url_for("referrals.show", referral_id=referral.id), 303)
