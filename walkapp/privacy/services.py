"""Retention, access requests, erasure and the audit log (GDPR articles 5, 15 and 17).

Observations are public records once received: they stay. What goes is what says who: the
participants' names and addresses, original notes that were masked, and original photos where a
blurred public version exists.
"""

from dataclasses import dataclass, field
from datetime import datetime

from flask_babel import lazy_gettext as _l
from flask_login import AnonymousUserMixin
from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from walkapp.auth.models import Role, User
from walkapp.db import utcnow
from walkapp.errors import Forbidden, NotFound
from walkapp.events.models import Event, SubjectType
from walkapp.formats import utc_text
from walkapp.observations import serializers
from walkapp.observations.models import Observation
from walkapp.photos.models import Photo
from walkapp.photos.storage import PhotoStorage
from walkapp.places.models import Municipality
from walkapp.privacy.models import AuditEntry, AuditKind
from walkapp.promises.models import Activity
from walkapp.security import STAFF, in_scope
from walkapp.walks import serializers as walk_serializers
from walkapp.walks.models import Walk, WalkParticipant, WalkStatus

ANONYMOUS = "Deltagare"


def audit(
    db: Session,
    user: User | None,
    kind: AuditKind,
    subject: str,
    *,
    municipality_id: int | None = None,
    detail: str = "",
) -> AuditEntry:
    entry = AuditEntry(
        user_id=user.id if user is not None else None,
        municipality_id=municipality_id
        if municipality_id is not None
        else getattr(user, "municipality_id", None),
        kind=kind,
        subject=subject[:200],
        detail=detail,
    )
    db.add(entry)
    return entry


def _reads_are_logged(user: User | AnonymousUserMixin) -> bool:
    """Officials reading other people's personal data are logged; participants and the public
    are not."""
    return getattr(user, "is_authenticated", False) and user.role in STAFF


def audit_read(
    db: Session,
    user: User | AnonymousUserMixin,
    subject: str,
    detail: str = "",
    *,
    municipality_id: int | None = None,
) -> AuditEntry | None:
    """Log a staff read of originals (a note or photo as the participant sent it).

    A participant reading their own, or anyone without an account, is not logged: the log is of
    officials reading other people's personal data. One row per request, added to the session,
    under the municipality whose row was read, so that its administrator sees reads from outside
    it too (a police area officer, the national administrator).
    """
    if not _reads_are_logged(user):
        return None
    return audit(
        db, user, AuditKind.VIEWED, subject, municipality_id=municipality_id, detail=detail
    )


def audit_list_read(
    db: Session,
    user: User | AnonymousUserMixin,
    shown: tuple[tuple[int, int], ...],
    what: str = "review list",
) -> list[AuditEntry]:
    """Log one read of many observations, `shown` as (observation id, municipality id) pairs: one
    entry per municipality, naming its observations, so each municipality's log holds its own."""
    if not _reads_are_logged(user):
        return []
    by_municipality: dict[int, list[int]] = {}
    for observation_id, municipality_id in shown:
        by_municipality.setdefault(municipality_id, []).append(observation_id)
    return [
        audit(
            db,
            user,
            AuditKind.VIEWED,
            f"{what} ({len(ids)} observations)",
            municipality_id=municipality_id,
            detail="observations " + ", ".join(map(str, ids)),
        )
        for municipality_id, ids in by_municipality.items()
    ]


def audit_export(
    db: Session, user: User, fmt: str, rows: tuple[tuple[int, int], ...], detail: str
) -> list[AuditEntry]:
    """Log an export of personal data, `rows` as (municipality id, row count) pairs: one entry per
    municipality whose rows it holds (an empty export under the exporter's own)."""
    return [
        audit(
            db,
            user,
            AuditKind.EXPORTED,
            f"observations as {fmt} ({count} rows)",
            municipality_id=municipality_id,
            detail=detail,
        )
        for municipality_id, count in rows or ((None, 0),)
    ]


# ---------- retention ----------


def _months_before(moment: datetime, months: int) -> datetime:
    month = moment.month - 1 - months
    year = moment.year + month // 12
    day = min(moment.day, 28)
    return moment.replace(year=year, month=month % 12 + 1, day=day)


def _followed_up_at(db: Session, walk: Walk) -> datetime | None:
    """When the walk was marked followed up (its event), or its end if no event says."""
    at = db.scalar(
        select(func.max(Event.at)).where(
            Event.subject_type == SubjectType.WALK,
            Event.subject_id == walk.id,
            Event.to_status == WalkStatus.FOLLOWED_UP,
        )
    )
    return at or walk.ends_at


@dataclass
class RetentionReport:
    participants: int = 0
    notes: int = 0
    photos: int = 0
    walks: list[str] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not (self.participants or self.notes or self.photos)


def apply_retention(
    db: Session, storage: PhotoStorage, now: datetime, *, dry_run: bool = False
) -> RetentionReport:
    """Carry out every municipality's retention settings; a second run finds nothing to do."""
    report = RetentionReport()
    walks = db.scalars(select(Walk).where(Walk.status == WalkStatus.FOLLOWED_UP)).all()
    for walk in walks:
        municipality: Municipality = walk.municipality
        done_at = _followed_up_at(db, walk)
        if done_at is None:
            continue
        touched = False
        months = municipality.anonymise_participants_months
        if months is not None and done_at <= _months_before(now, months):
            participants = db.scalars(
                select(WalkParticipant).where(
                    WalkParticipant.walk_id == walk.id, WalkParticipant.anonymised_at.is_(None)
                )
            ).all()
            observations = db.scalars(
                select(Observation).where(
                    Observation.walk_id == walk.id,
                    Observation.is_masked,
                    Observation.note != func.coalesce(Observation.public_note, ""),
                )
            ).all()
            report.participants += len(participants)
            report.notes += len(observations)
            touched |= bool(participants or observations)
            if not dry_run:
                for participant in participants:
                    _anonymise(participant, now)
                for observation in observations:
                    observation.note = observation.public_note or ""
        months = municipality.delete_photo_originals_months
        if months is not None and done_at <= _months_before(now, months):
            photos = db.scalars(
                select(Photo)
                .join(Observation, Photo.observation_id == Observation.id)
                .where(
                    Observation.walk_id == walk.id,
                    Photo.public_storage_key.is_not(None),
                    Photo.storage_key != Photo.public_storage_key,
                )
            ).all()
            report.photos += len(photos)
            touched |= bool(photos)
            if not dry_run:
                for photo in photos:
                    original, original_thumb = photo.storage_key, photo.thumbnail_key
                    photo.storage_key = photo.public_storage_key
                    photo.thumbnail_key = photo.public_thumbnail_key
                    db.flush()
                    storage.delete(original)
                    if original_thumb:
                        storage.delete(original_thumb)
        if touched:
            report.walks.append(walk.title)
            if not dry_run:
                audit(
                    db,
                    None,
                    AuditKind.RETENTION,
                    f"walk {walk.id}",
                    municipality_id=walk.municipality_id,
                    detail="participants anonymised, masked notes and photo originals removed",
                )
    db.flush()
    return report


def set_retention(
    db: Session,
    actor: User,
    municipality: Municipality,
    *,
    anonymise_participants_months: int | None,
    delete_photo_originals_months: int | None,
) -> None:
    """The municipality's retention settings; None keeps that kind of data."""
    _check_admin(actor, municipality.id)
    municipality.anonymise_participants_months = anonymise_participants_months
    municipality.delete_photo_originals_months = delete_photo_originals_months
    db.flush()


def set_auto_publish(
    db: Session, actor: User, municipality: Municipality, auto_publish_clean_notes: bool
) -> None:
    """Whether notes the detector finds nothing in go public without review."""
    _check_admin(actor, municipality.id)
    municipality.auto_publish_clean_notes = auto_publish_clean_notes
    db.flush()


def _anonymise(participant: WalkParticipant, now: datetime) -> None:
    participant.display_name = ANONYMOUS
    participant.feedback_email = None
    participant.wants_feedback = False
    participant.anonymised_at = now


# ---------- access requests and erasure ----------


def _check_admin(actor: User, municipality_id: int | None) -> None:
    if actor.role != Role.ADMIN or not in_scope(actor, municipality_id):
        raise Forbidden(_l("Only an administrator handles requests about personal data."))


def _subject_rows(db: Session, actor: User, email: str):
    email = email.strip().lower()
    users = [
        u
        for u in db.scalars(select(User).where(func.lower(User.email) == email))
        if in_scope(actor, u.municipality_id)
    ]
    participants = [
        p
        for p in db.scalars(
            select(WalkParticipant).where(
                or_(
                    func.lower(WalkParticipant.feedback_email) == email,
                    WalkParticipant.user_id.in_([u.id for u in users] or [0]),
                )
            )
        )
        if in_scope(actor, p.walk.municipality_id)
    ]
    if not users and not participants:
        raise NotFound(_l("Nothing is held about that e-mail address here."))
    return users, participants


def access_export(db: Session, actor: User, email: str) -> dict:
    """Everything held about the person with this address, as one JSON document."""
    _check_admin(actor, actor.municipality_id)
    users, participants = _subject_rows(db, actor, email)
    participant_ids = [p.id for p in participants]
    observations = db.scalars(
        select(Observation).where(Observation.author_id.in_(participant_ids or [0]))
    ).all()
    user_ids = [u.id for u in users]
    document = {
        "requested_at": utc_text(utcnow()),
        "email": email,
        "accounts": [
            {
                "email": u.email,
                "name": u.name,
                "role": u.role.value,
                "municipality": u.municipality.name if u.municipality else None,
                "organisation": u.organisation.name if u.organisation else None,
                "created_at": utc_text(u.created_at),
                "last_login_at": utc_text(u.last_login_at),
            }
            for u in users
        ],
        "walk_participations": [walk_serializers.for_subject_access(p) for p in participants],
        "observations": [serializers.for_subject_access(o) for o in observations],
        "events_by_them": db.scalar(
            select(func.count(Event.id)).where(Event.actor_id.in_(user_ids or [0]))
        ),
        "activities_logged": db.scalar(
            select(func.count(Activity.id)).where(Activity.created_by_id.in_(user_ids or [0]))
        ),
    }
    audit(db, actor, AuditKind.ACCESS_REQUEST, f"access request for {email}"[:200])
    db.flush()
    return document


def erase_person(db: Session, actor: User, email: str) -> tuple[int, int]:
    """Erase what says who: names and addresses go, accounts are closed, records stay."""
    _check_admin(actor, actor.municipality_id)
    users, participants = _subject_rows(db, actor, email)
    now = utcnow()
    for participant in participants:
        _anonymise(participant, now)
    for user in users:
        if user.id == actor.id:
            raise Forbidden(_l("You cannot erase your own account."))
        user.name = "Borttagen användare"
        user.email = f"erased-{user.id}@invalid.example"
        user.is_active = False
        user.session_epoch += 1  # any open session ends at once
    audit(
        db,
        actor,
        AuditKind.ERASED,
        "erasure request",
        detail=f"{len(users)} accounts, {len(participants)} walk participations",
    )
    db.flush()
    return len(users), len(participants)
