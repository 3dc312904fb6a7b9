"""Promises, agreements and commitments: checking and saving them."""

from dataclasses import dataclass, replace
from datetime import date
from types import SimpleNamespace

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from walkapp.auth.models import Role, User
from walkapp.errors import DomainError, Forbidden
from walkapp.places.models import FollowUpKind, Locality
from walkapp.promises.models import (
    ActivityKind,
    Agreement,
    Commitment,
    Promise,
    Responsible,
    SituationReport,
)
from walkapp.promises.periods import Period, find_period, periods_of  # noqa: F401
from walkapp.reports.models import FollowUp
from walkapp.security import in_scope

# A promise's rhythm and contact (the database allows the same range).
MAX_REPORT_DUE_DAYS = 180
MAX_CONTACT_LENGTH = 2_000


class InvalidPromise(DomainError):
    status_code = 422


# The promise's two sides: the municipality's safety chief and the kommunpolis.
PROMISE_EDITORS = frozenset({Role.SAFETY_CHIEF, Role.POLICE_COORDINATOR})


def _check_chief(actor: User, municipality_id: int) -> None:
    if actor.role not in PROMISE_EDITORS or not in_scope(actor, municipality_id):
        raise Forbidden(
            _l("Only the municipality's safety chief and kommunpolis edit citizen promises.")
        )


def _check_dates(starts_on: date, ends_on: date) -> None:
    if ends_on < starts_on:
        raise InvalidPromise(_l("The end date is before the start date."))


# ---------- editing ----------


@dataclass(frozen=True)
class AgreementValues:
    """An agreement (samverkansöverenskommelse) as the chief enters it."""

    title: str
    starts_on: date
    ends_on: date
    document_url: str | None = None


def save_agreement(
    db: Session, actor: User, agreement: Agreement, values: AgreementValues
) -> Agreement:
    _check_chief(actor, agreement.municipality_id)
    _check_dates(values.starts_on, values.ends_on)
    agreement.title = values.title
    agreement.starts_on = values.starts_on
    agreement.ends_on = values.ends_on
    agreement.document_url = values.document_url
    db.add(agreement)
    db.flush()
    return agreement


@dataclass(frozen=True)
class PromiseValues:
    """A promise as its form holds it; `of` reads a stored one, to change a few fields."""

    title: str
    starts_on: date
    ends_on: date
    follow_up_kind: FollowUpKind
    period_start_month: int
    report_due_days: int | None  # an emptied field: refused with the allowed range
    agreement: Agreement | None
    situation_report: SituationReport | None
    situation_text: str
    focus_areas: tuple[str, ...]  # one per line; empty lines are dropped
    signed_by: str
    signed_on: date | None
    contact: str

    @classmethod
    def of(cls, promise: Promise) -> "PromiseValues":
        return cls(
            title=promise.title,
            starts_on=promise.starts_on,
            ends_on=promise.ends_on,
            follow_up_kind=promise.follow_up_kind,
            period_start_month=promise.period_start_month,
            report_due_days=promise.report_due_days,
            agreement=promise.agreement,
            situation_report=promise.situation_report,
            situation_text=promise.situation_text,
            focus_areas=tuple(promise.focus_areas or ()),
            signed_by=promise.signed_by,
            signed_on=promise.signed_on,
            contact=promise.contact,
        )


def _check_rhythm(db: Session, promise: Promise, values: PromiseValues) -> FollowUpKind:
    """The follow-up rhythm: a known kind, a start month, a due date 0-180 days after a period.

    A rhythm that would leave a published report without its period is refused: the published
    follow-up keeps its address.
    """
    try:
        kind = FollowUpKind(values.follow_up_kind)
    except ValueError:
        raise InvalidPromise(_l("Choose how often the promise is followed up.")) from None
    start_month = values.period_start_month
    if not isinstance(start_month, int) or not 1 <= start_month <= 12:
        raise InvalidPromise(_l("The periods start in a month from January to December."))
    due_days = values.report_due_days
    if not isinstance(due_days, int) or not 0 <= due_days <= MAX_REPORT_DUE_DAYS:
        raise InvalidPromise(
            _l(
                "A report is due 0 to %(max)d days after its period ends.",
                max=MAX_REPORT_DUE_DAYS,
            )
        )
    if len(values.contact) > MAX_CONTACT_LENGTH:
        raise InvalidPromise(
            _l("The contact is too long (at most %(max)d characters).", max=MAX_CONTACT_LENGTH)
        )
    if promise.id is None:
        return kind
    published = db.scalars(
        select(FollowUp.period_label).where(
            FollowUp.promise_id == promise.id, FollowUp.published_at.is_not(None)
        )
    ).all()
    planned = SimpleNamespace(
        follow_up_kind=kind,
        period_start_month=start_month,
        starts_on=values.starts_on,
        ends_on=values.ends_on,
    )
    keys = {period.key for period in periods_of(planned)}
    lost = sorted(label for label in published if label not in keys)
    if lost:
        raise InvalidPromise(
            _l(
                "The reports %(periods)s are published; keep the periods and dates they cover.",
                periods=", ".join(lost),
            )
        )
    return kind


def save_promise(db: Session, actor: User, promise: Promise, values: PromiseValues) -> Promise:
    """Create or change a promise."""
    _check_chief(actor, promise.municipality_id)
    _check_dates(values.starts_on, values.ends_on)
    values = replace(values, contact=values.contact.strip())
    kind = _check_rhythm(db, promise, values)
    agreement = values.agreement
    if agreement is not None and agreement.municipality_id != promise.municipality_id:
        raise InvalidPromise(_l("The agreement belongs to another municipality."))
    situation = values.situation_report
    if situation is not None and situation.municipality_id != promise.municipality_id:
        raise InvalidPromise(_l("The situation picture belongs to another municipality."))
    promise.title = values.title
    promise.starts_on = values.starts_on
    promise.ends_on = values.ends_on
    promise.follow_up_kind = kind
    promise.period_start_month = values.period_start_month
    promise.report_due_days = values.report_due_days
    promise.agreement = agreement
    promise.situation_report = situation
    promise.situation_text = values.situation_text
    promise.focus_areas = [line.strip() for line in values.focus_areas if line.strip()]
    promise.signed_by = values.signed_by
    promise.signed_on = values.signed_on
    promise.contact = values.contact
    db.add(promise)
    db.flush()
    return promise


def save_commitment(
    db: Session,
    actor: User,
    promise: Promise,
    commitment: Commitment | None,
    *,
    text: str,
    responsible: str,
    activity_kind: str,
    target_count: int | None,
    locality: Locality | None,
) -> Commitment:
    _check_chief(actor, promise.municipality_id)
    if not text.strip():
        raise InvalidPromise(_l("Write what is promised."))
    if target_count is not None and target_count < 1:
        raise InvalidPromise(_l("A target is at least 1."))
    if locality is not None and locality.municipality_id != promise.municipality_id:
        raise InvalidPromise(_l("The locality belongs to another municipality."))
    if commitment is None:
        position = (
            db.scalar(
                select(func.max(Commitment.position)).where(Commitment.promise_id == promise.id)
            )
            or 0
        )
        commitment = Commitment(promise=promise, position=position + 1)
        db.add(commitment)
    commitment.text = text.strip()
    commitment.responsible = Responsible(responsible)
    commitment.activity_kind = ActivityKind(activity_kind)
    commitment.target_count = target_count
    commitment.locality = locality
    db.flush()
    return commitment
