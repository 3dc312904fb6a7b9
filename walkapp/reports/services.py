"""A follow-up's workflow: written by both sides, approved by one of each, published frozen."""

from dataclasses import dataclass
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from walkapp.auth.models import Role, User
from walkapp.errors import DomainError, Forbidden
from walkapp.events.models import EventKind, SubjectType
from walkapp.events.services import change_status, record_event
from walkapp.personal_data import (
    PersonalDataFound,
    _Found,  # the kinds found, as the other checks word them
    find_personal_data,
    kinds_of,
)
from walkapp.promises.models import Promise
from walkapp.promises.periods import WHOLE, Period, find_period
from walkapp.reports.models import (
    FollowUp,
    FollowUpApproval,
    FollowUpStatus,
    FollowUpText,
    FollowUpVersion,
    Side,
)
from walkapp.reports.report_data import public_part, report_data
from walkapp.security import in_scope

_F = FollowUpStatus
# The one table of the follow-up's workflow; a correction takes a published one back to draft
# while its published versions stay public.
FOLLOW_UP_TRANSITIONS: dict[FollowUpStatus, frozenset[FollowUpStatus]] = {
    _F.DRAFT: frozenset({_F.READY}),
    _F.READY: frozenset({_F.APPROVED, _F.DRAFT}),
    _F.APPROVED: frozenset({_F.PUBLISHED, _F.DRAFT}),
    _F.PUBLISHED: frozenset({_F.DRAFT}),
}
WRITERS = frozenset({Role.SAFETY_CHIEF, Role.POLICE_COORDINATOR})
SIDE_OF = {
    Role.SAFETY_CHIEF: Side.MUNICIPALITY,
    Role.ADMIN: Side.MUNICIPALITY,
    Role.POLICE_COORDINATOR: Side.POLICE,
}
MAX_TEXT = 20_000


class InvalidFollowUp(DomainError):
    status_code = 422


@dataclass(frozen=True)
class CommitmentTexts:
    """What one side writes about a commitment: what we did, the outcome, the next step."""

    done: str = ""
    outcome: str = ""
    next: str = ""


def _check_writer(actor: User, follow_up_or_promise) -> None:
    municipality_id = _promise_of(follow_up_or_promise).municipality_id
    if actor.role not in WRITERS or not in_scope(actor, municipality_id):
        raise Forbidden(_l("Only the safety chief and the police coordinator write follow-ups."))


def _promise_of(subject) -> Promise:
    return subject if isinstance(subject, Promise) else subject.promise


def side_of(actor: User, municipality_id: int) -> Side | None:
    """Which side the actor signs for: an admin only for their own municipality."""
    if actor.municipality_id != municipality_id:
        return None
    return SIDE_OF.get(actor.role)


def _check_signatory(actor: User, follow_up: FollowUp) -> Side:
    side = side_of(actor, follow_up.promise.municipality_id)
    if side is None:
        raise Forbidden(
            _l("Only a signatory of the municipality or of the police approves a follow-up.")
        )
    return side


def check_report_text(text: str) -> None:
    """A follow-up is published: a name, number or address in it is refused, no override."""
    hits = find_personal_data(text)
    if hits:
        raise PersonalDataFound(
            _l(
                "A follow-up is published, but the text seems to contain %(found)s. Nothing "
                "was saved: write it without it.",
                found=_Found(kinds_of(hits)),
            ),
            hits,
        )


def find_follow_up(db: Session, promise: Promise, period: Period) -> FollowUp | None:
    return db.scalar(
        select(FollowUp).where(
            FollowUp.promise_id == promise.id, FollowUp.period_label == period.key
        )
    )


def period_of(follow_up: FollowUp) -> Period:
    """The follow-up's period in its promise's rhythm, or as stored if the promise has moved."""
    period = find_period(follow_up.promise, follow_up.period_label)
    if period is not None:
        return period
    return Period(
        key=follow_up.period_label,
        kind=WHOLE,
        starts_on=follow_up.starts_on,
        ends_on=follow_up.ends_on,
        number=0,
        nominal_start=follow_up.starts_on,
        nominal_end=follow_up.ends_on,
        is_year_end=True,
    )


def ensure_follow_up(
    db: Session, actor: User, promise: Promise, period: Period, *, now: datetime | None = None
) -> FollowUp:
    """The period's follow-up, created as a draft the first time a writer touches it."""
    _check_writer(actor, promise)
    follow_up = find_follow_up(db, promise, period)
    if follow_up is None:
        follow_up = FollowUp(
            promise=promise,
            period_label=period.key,
            starts_on=period.starts_on,
            ends_on=period.ends_on,
            status=FollowUpStatus.DRAFT,
            updated_by_id=actor.id,
        )
        if now is not None:
            follow_up.created_at = follow_up.updated_at = now
        db.add(follow_up)
        db.flush()
        record_event(
            db,
            actor,
            SubjectType.FOLLOW_UP,
            follow_up.id,
            EventKind.CREATED,
            to_status="draft",
            at=now,
        )
    return follow_up


def _back_to_draft(db: Session, actor: User, follow_up: FollowUp, why: str, now: datetime):
    """Approvals are of the text as it read: any change takes the follow-up back to draft."""
    follow_up.approvals.clear()
    change_status(
        db,
        actor,
        follow_up,
        SubjectType.FOLLOW_UP,
        FollowUpStatus.DRAFT,
        transitions=FOLLOW_UP_TRANSITIONS,
        internal_note=why,
        at=now,
    )


def save_follow_up_texts(
    db: Session,
    actor: User,
    follow_up: FollowUp,
    *,
    narrative: str,
    texts: dict[int, CommitmentTexts],
    now: datetime,
) -> bool:
    """Save the summary and the texts per commitment; True when anything changed."""
    _check_writer(actor, follow_up)
    if follow_up.status == FollowUpStatus.PUBLISHED:
        raise InvalidFollowUp(
            _l("A published follow-up is not changed: start a correction to write a new version.")
        )
    commitment_ids = {c.id for c in follow_up.promise.commitments}
    if set(texts) - commitment_ids:
        raise InvalidFollowUp(_l("A commitment is not one of this promise's. Reload the page."))
    values = [narrative] + [t for entry in texts.values() for t in entry.__dict__.values()]
    if any(len(value) > MAX_TEXT for value in values):
        raise InvalidFollowUp(_l("A text is too long (at most 20,000 characters)."))
    for value in values:
        check_report_text(value)
    changed = follow_up.narrative != narrative.strip()
    follow_up.narrative = narrative.strip()
    existing = {text.commitment_id: text for text in follow_up.texts}
    for commitment_id, entry in texts.items():
        row = existing.get(commitment_id)
        new = (entry.done.strip(), entry.outcome.strip(), entry.next.strip())
        old = (row.done_text, row.outcome_text, row.next_text) if row else ("", "", "")
        if new == old:
            continue
        if row is None:
            row = FollowUpText(commitment_id=commitment_id)
            follow_up.texts.append(row)
        row.done_text, row.outcome_text, row.next_text = new
        row.updated_by_id = actor.id
        row.updated_at = now
        changed = True
    if not changed:
        return False
    follow_up.updated_by_id = actor.id
    follow_up.updated_at = now
    record_event(
        db,
        actor,
        SubjectType.FOLLOW_UP,
        follow_up.id,
        EventKind.UPDATED,
        internal_note="texts changed",
        at=now,
    )
    if follow_up.status in (FollowUpStatus.READY, FollowUpStatus.APPROVED):
        _back_to_draft(db, actor, follow_up, "texts changed: approvals cleared", now)
    db.flush()
    return True


def submit_follow_up(db: Session, actor: User, follow_up: FollowUp, *, now: datetime) -> FollowUp:
    """The writers are done: the signatories may now read and approve it."""
    _check_writer(actor, follow_up)
    follow_up.updated_at = now
    change_status(
        db,
        actor,
        follow_up,
        SubjectType.FOLLOW_UP,
        FollowUpStatus.READY,
        transitions=FOLLOW_UP_TRANSITIONS,
        at=now,
    )
    return follow_up


def approve_follow_up(db: Session, actor: User, follow_up: FollowUp, *, now: datetime) -> Side:
    """One signatory per side approves; with both sides it is approved for publication."""
    side = _check_signatory(actor, follow_up)
    if follow_up.status != FollowUpStatus.READY:
        raise InvalidFollowUp(_l("Only a follow-up that is ready for approval can be approved."))
    if any(approval.side == side for approval in follow_up.approvals):
        raise InvalidFollowUp(_l("Your side has already approved this follow-up."))
    follow_up.approvals.append(FollowUpApproval(side=side, user_id=actor.id, at=now))
    follow_up.updated_at = now
    record_event(
        db,
        actor,
        SubjectType.FOLLOW_UP,
        follow_up.id,
        EventKind.APPROVED,
        internal_note=f"approved for the {side.value} side",
        at=now,
    )
    if {approval.side for approval in follow_up.approvals} == set(Side):
        change_status(
            db,
            actor,
            follow_up,
            SubjectType.FOLLOW_UP,
            FollowUpStatus.APPROVED,
            transitions=FOLLOW_UP_TRANSITIONS,
            at=now,
        )
    db.flush()
    return side


def publish_follow_up(
    db: Session,
    actor: User,
    follow_up: FollowUp,
    *,
    correction_note: str = "",
    now: datetime,
    timezone: str,
) -> FollowUpVersion:
    """Freeze text and figures as a new public version; a later version says what it corrects."""
    _check_signatory(actor, follow_up)
    if follow_up.status != FollowUpStatus.APPROVED:
        raise InvalidFollowUp(_l("A follow-up is published once both sides have approved it."))
    number = 1 + (
        db.scalar(
            select(func.max(FollowUpVersion.number)).where(
                FollowUpVersion.follow_up_id == follow_up.id
            )
        )
        or 0
    )
    correction_note = correction_note.strip()
    if number > 1 and not correction_note:
        raise InvalidFollowUp(_l("Say what this version corrects: the note is shown on it."))
    if len(correction_note) > 2000:
        raise InvalidFollowUp(_l("The correction note is too long (at most 2,000 characters)."))
    check_report_text(correction_note)
    change_status(
        db,
        actor,
        follow_up,
        SubjectType.FOLLOW_UP,
        FollowUpStatus.PUBLISHED,
        transitions=FOLLOW_UP_TRANSITIONS,
        internal_note=f"version {number}",
        at=now,
    )
    snapshot = public_part(
        report_data(
            db, follow_up.promise, period_of(follow_up), follow_up, as_of=now, timezone=timezone
        )
    )
    version = FollowUpVersion(
        follow_up_id=follow_up.id,
        number=number,
        published_at=now,
        published_by_id=actor.id,
        correction_note=correction_note if number > 1 else "",
        snapshot=snapshot,
    )
    db.add(version)
    if follow_up.published_at is None:
        follow_up.published_at = now
    follow_up.updated_at = now
    db.flush()
    return version


def start_correction(db: Session, actor: User, follow_up: FollowUp, *, now: datetime) -> FollowUp:
    """Take a published follow-up back to draft for a corrected version; the published stays."""
    _check_writer(actor, follow_up)
    if follow_up.status != FollowUpStatus.PUBLISHED:
        raise InvalidFollowUp(_l("Only a published follow-up is corrected."))
    _back_to_draft(db, actor, follow_up, "correction started", now)
    db.flush()
    return follow_up
