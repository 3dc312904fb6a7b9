"""Referrals: an observation handed over to an owner outside the municipality, followed up.

The observation moves to "referred" through its own lifecycle table, with the public note the
residents read ("Hänvisad till Trafikverket"); every step of the referral is an event on the
observation's timeline. The owner is told by e-mail what was handed over: the category, the
position and the note only as published, never a name, the original note or an unapproved photo.
"""

from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from walkapp.auth.models import Role, User
from walkapp.errors import DomainError, Forbidden, NotFound
from walkapp.events.models import EventKind, SubjectType
from walkapp.events.services import TransitionNotAllowed, change_status, record_event
from walkapp.notifications.mail import mail_link
from walkapp.notifications.models import MessageKind
from walkapp.notifications.services import notify_fixed, queue_message
from walkapp.observations.models import (
    OBSERVATION_TRANSITIONS,
    Observation,
    ObservationStatus,
)
from walkapp.observations.services import move_observation
from walkapp.personal_data import check_public_text
from walkapp.places.models import Organisation, OrganisationKind
from walkapp.routing import queries
from walkapp.routing.models import Referral, ReferralStatus
from walkapp.security import in_scope
from walkapp.walks.models import PUBLISHED_WALK_STATUSES

# Owners outside the municipality's own organisation. The municipality's units and the police
# get an action instead: their work is followed up here, a referral's is the owner's.
OUTSIDE_KINDS = frozenset(
    {OrganisationKind.ROAD_AUTHORITY, OrganisationKind.PROPERTY_OWNER, OrganisationKind.OTHER}
)
REFERENCE_MAX_LENGTH = 80
NOTE_MAX_LENGTH = 2000
# Statuses a referred observation may not come from: its own actions or its fix decide them.
NOT_REFERABLE = frozenset(
    {
        ObservationStatus.ACTION_PLANNED,
        ObservationStatus.FIXED,
        ObservationStatus.VERIFIED,
        ObservationStatus.DUPLICATE,
    }
)
# What may follow an answer: the observation stays referred, is fixed, or comes back to the chief.
ANSWER_TARGETS = (ObservationStatus.FIXED, ObservationStatus.TRIAGED)


class InvalidReferral(DomainError):
    status_code = 422


def _check_chief(actor: User, municipality_id: int) -> None:
    if actor.role != Role.SAFETY_CHIEF or not in_scope(actor, municipality_id):
        raise Forbidden(_l("Only the municipality's safety chief refers observations."))


def _check_open(referral: Referral) -> None:
    if referral.status != ReferralStatus.SENT:
        raise InvalidReferral(_l("The referral is no longer waiting for an answer."))


def _reference(reference: str) -> str:
    reference = (reference or "").strip()
    if len(reference) > REFERENCE_MAX_LENGTH:
        raise InvalidReferral(
            _l("The reference is too long (at most %(n)d characters).", n=REFERENCE_MAX_LENGTH)
        )
    return reference


def _public_text(text: str, confirmed: bool, message) -> str:
    text = (text or "").strip()
    if not text or len(text) > NOTE_MAX_LENGTH:
        raise InvalidReferral(message)
    # Published on the observation: refused while it seems to hold personal data, unless checked.
    check_public_text(text, confirmed=confirmed)
    return text


def _note(referral: Referral, what: str) -> str:
    """The internal note of the referral's events: which one, to whom, their number."""
    reference = f" ({referral.reference})" if referral.reference else ""
    return f"Hänvisning #{referral.id} till {referral.organisation.name}{reference}: {what}"


def _on_timeline(
    db: Session,
    actor: User,
    observation: Observation,
    to: ObservationStatus | None,
    *,
    public_note: str,
    internal_note: str,
    now: datetime,
) -> bool:
    """A step of the referral on the observation's timeline: its move to `to` when that changes
    its status, else an update that leaves the status as it was. True when it moved."""
    if to is not None and observation.status != to:
        change_status(
            db,
            actor,
            observation,
            SubjectType.OBSERVATION,
            to,
            transitions=OBSERVATION_TRANSITIONS,
            public_note=public_note,
            internal_note=internal_note,
            at=now,
        )
        return True
    record_event(
        db,
        actor,
        SubjectType.OBSERVATION,
        observation.id,
        EventKind.UPDATED,
        public_note=public_note,
        internal_note=internal_note,
        at=now,
    )
    return False


def refer_observation(
    db: Session,
    actor: User,
    observation: Observation,
    *,
    organisation: Organisation | None,
    reference: str = "",
    expected_reply_on: date | None = None,
    public_note: str,
    now: datetime,
    today: date | None = None,
    confirmed_personal_data: bool = False,
) -> Referral:
    """Hand the observation over to an outside owner; it becomes "referred" with the public note.

    The owner's contact address gets the observation's public details. One referral waits for
    an answer at a time: another owner means withdrawing the first.
    """
    _check_chief(actor, observation.municipality_id)
    if organisation is None or organisation.municipality_id != observation.municipality_id:
        # Another municipality's organisation is "not there", like a missing id.
        raise NotFound(_l("There is no such organisation."))
    if organisation.kind not in OUTSIDE_KINDS:
        raise InvalidReferral(
            _l(
                "Refer only to an owner outside the municipality (a road authority, a property "
                "owner or another owner); the municipality's units and the police get an action."
            )
        )
    if not organisation.is_active:
        raise InvalidReferral(_l("The organisation is no longer active."))
    if observation.status in NOT_REFERABLE:
        raise InvalidReferral(
            _l("An observation with actions of its own, fixed or merged cannot be referred.")
        )
    waiting = queries.open_referral_of(db, observation.id)
    if waiting is not None:
        raise InvalidReferral(
            _l(
                "The observation is already referred to %(organisation)s. Withdraw that "
                "referral first.",
                organisation=waiting.organisation.name,
            )
        )
    today = today or now.date()
    if expected_reply_on is not None and expected_reply_on < today:
        raise InvalidReferral(_l("The expected reply date has already passed."))
    public_note = _public_text(
        public_note,
        confirmed_personal_data,
        _l("Write what the residents are told, in at most 2000 characters."),
    )
    referral = Referral(
        municipality_id=observation.municipality_id,
        observation_id=observation.id,
        organisation=organisation,
        organisation_id=organisation.id,
        referred_at=now,
        referred_by_id=actor.id,
        reference=_reference(reference),
        expected_reply_on=expected_reply_on,
    )
    db.add(referral)
    db.flush()
    if not move_observation(
        db,
        actor,
        observation,
        ObservationStatus.REFERRED,
        internal_note=_note(referral, "hänvisad"),
        public_note=public_note,
    ):
        # Already referred (an earlier referral was answered or withdrawn): the new owner is
        # still news to the residents.
        _on_timeline(
            db,
            actor,
            observation,
            None,
            public_note=public_note,
            internal_note=_note(referral, "hänvisad"),
            now=now,
        )
    _mail_owner(
        db, referral, observation, "mail/referral.txt", f"referral:{referral.id}", public_note
    )
    db.flush()
    return referral


def _mail_owner(
    db: Session,
    referral: Referral,
    observation: Observation,
    template: str,
    key: str,
    public_note: str = "",
) -> bool:
    """The owner's contact address, if it has one: the observation as the public may read it."""
    address = referral.organisation.email
    if not address:
        return False
    walk = observation.walk
    protocol_url = None
    if walk is not None and walk.status in PUBLISHED_WALK_STATUSES:
        # Approved photos are there, in their blurred public versions; nothing else is sent.
        protocol_url = mail_link(
            "protocol.show", token=walk.public_token, anchor=f"obs-{observation.id}"
        )
    message = queue_message(
        db,
        kind=MessageKind.REFERRAL,
        dedupe_key=key,
        to_address=address,
        template=template,
        municipality_id=referral.municipality_id,
        context={
            "referral": referral,
            "observation": observation,
            "municipality": observation.municipality,
            "published_note": observation.published_note,
            "referral_public_note": public_note,
            "protocol_url": protocol_url,
        },
    )
    return message is not None


def record_referral_answer(
    db: Session,
    actor: User,
    referral: Referral,
    *,
    answer_note: str,
    observation_status: ObservationStatus | str | None = None,
    now: datetime,
    confirmed_personal_data: bool = False,
) -> Referral:
    """The owner answered: what they said is published on the observation's timeline.

    `observation_status`: None keeps the observation referred (they will do it); "fixed" when
    they did it; "triaged" when it comes back to the municipality (not theirs after all).
    """
    _check_chief(actor, referral.municipality_id)
    _check_open(referral)
    target = None
    if observation_status:
        try:
            target = ObservationStatus(observation_status)
        except ValueError:
            target = None
        if target not in ANSWER_TARGETS:
            raise TransitionNotAllowed(_l("Choose what happens to the observation."))
    answer_note = _public_text(
        answer_note,
        confirmed_personal_data,
        _l("Write the owner's answer, in at most 2000 characters."),
    )
    observation = referral.observation
    referral.status = ReferralStatus.ANSWERED
    referral.answered_at = now
    referral.answer_note = answer_note
    moved = _on_timeline(
        db,
        actor,
        observation,
        target,
        public_note=answer_note,
        internal_note=_note(referral, "svar"),
        now=now,
    )
    if moved and target == ObservationStatus.FIXED:
        notify_fixed(db, observation)
    db.flush()
    return referral


def withdraw_referral(
    db: Session,
    actor: User,
    referral: Referral,
    *,
    reason: str,
    public_note: str = "",
    now: datetime,
    confirmed_personal_data: bool = False,
) -> Referral:
    """Take the referral back (the municipality does it itself, or it was the wrong owner).

    The observation returns to the chief's assessment; the owner is told it need not answer.
    """
    _check_chief(actor, referral.municipality_id)
    _check_open(referral)
    reason = (reason or "").strip()
    if not reason or len(reason) > NOTE_MAX_LENGTH:
        raise InvalidReferral(_l("Give the reason, in at most 2000 characters."))
    public_note = (public_note or "").strip()
    if public_note:
        public_note = _public_text(
            public_note, confirmed_personal_data, _l("The note is too long.")
        )
    referral.status = ReferralStatus.WITHDRAWN
    observation = referral.observation
    # Back to the chief's assessment while it is still referred; otherwise only a note.
    back = ObservationStatus.TRIAGED if observation.status == ObservationStatus.REFERRED else None
    _on_timeline(
        db,
        actor,
        observation,
        back,
        public_note=public_note,
        internal_note=_note(referral, f"återtagen: {reason}"),
        now=now,
    )
    _mail_owner(
        db,
        referral,
        observation,
        "mail/referral_withdrawn.txt",
        f"referral_withdrawn:{referral.id}",
    )
    db.flush()
    return referral


def update_referral_reference(
    db: Session,
    actor: User,
    referral: Referral,
    *,
    reference: str,
    expected_reply_on: date | None,
    now: datetime,
) -> Referral:
    """The owner's case number and the reply date they promised, as they become known."""
    _check_chief(actor, referral.municipality_id)
    _check_open(referral)
    reference = _reference(reference)
    if reference == referral.reference and expected_reply_on == referral.expected_reply_on:
        return referral
    referral.reference = reference
    referral.expected_reply_on = expected_reply_on
    expected = expected_reply_on.isoformat() if expected_reply_on else "-"
    _on_timeline(
        db,
        actor,
        referral.observation,
        None,
        public_note="",
        internal_note=_note(referral, f"svar väntas {expected}"),
        now=now,
    )
    db.flush()
    return referral
