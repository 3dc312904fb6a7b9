"""Personal links for owners without an account: one action, no login, until expired or revoked.

The token is shown once, in the e-mail; only its SHA-256 is stored. A link acts as its
organisation: its steps are events without an actor that name the organisation in their note,
and every read and step is written to the audit log.
"""

import hashlib
import secrets
from datetime import date, datetime, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import Session

from walkapp.actions.models import ACTION_TRANSITIONS, Action, ActionLink, ActionStatus
from walkapp.actions.services import InvalidAction, change_action_status
from walkapp.auth.models import Role, User
from walkapp.errors import NotFound
from walkapp.events.models import EventKind, SubjectType
from walkapp.events.services import record_event
from walkapp.notifications.services import notify_action_link
from walkapp.photos.models import Photo, PhotoKind
from walkapp.photos.services import store_photo
from walkapp.photos.settings import PhotoSettings
from walkapp.photos.storage import PhotoStorage
from walkapp.places.models import Organisation
from walkapp.privacy.models import AuditKind
from walkapp.privacy.services import audit
from walkapp.security import in_scope

DEFAULT_LINK_DAYS = 60
# token_urlsafe(32) gives 43 characters; anything much longer is not a token of ours.
TOKEN_MAX_LENGTH = 100


def token_sha256(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _check_chief(actor: User, action: Action) -> None:
    if actor.role != Role.SAFETY_CHIEF or not in_scope(actor, action.municipality_id):
        raise NotFound(_l("There is no such action."))


def has_active_handlers(db: Session, organisation: Organisation) -> bool:
    return (
        db.scalar(
            select(User.id)
            .where(
                User.organisation_id == organisation.id,
                User.role == Role.HANDLER,
                User.is_active,
            )
            .limit(1)
        )
        is not None
    )


def needs_link(db: Session, organisation: Organisation) -> bool:
    """An organisation with an address and nobody who logs in is reached by a personal link."""
    return bool(organisation.email) and not has_active_handlers(db, organisation)


def issue_action_link(
    db: Session, actor: User | None, action: Action, now: datetime, valid_days: int
) -> tuple[ActionLink, str]:
    """A new link for the action's organisation; the token is returned once and never stored."""
    token = secrets.token_urlsafe(32)
    link = ActionLink(
        action_id=action.id,
        organisation_id=action.organisation_id,
        token_sha256=token_sha256(token),
        created_at=now,
        created_by_id=actor.id if actor is not None else None,
        expires_at=now + timedelta(days=valid_days),
    )
    db.add(link)
    db.flush()
    record_event(
        db,
        actor,
        SubjectType.ACTION,
        action.id,
        EventKind.UPDATED,
        internal_note=str(
            _l("Personal link sent to %(organisation)s", organisation=action.organisation.name)
        ),
        at=now,
    )
    return link, token


def mail_action_link(
    db: Session, actor: User | None, action: Action, *, now: datetime, valid_days: int
) -> ActionLink:
    """Issue a link and queue the e-mail that carries it, in the same transaction."""
    link, token = issue_action_link(db, actor, action, now, valid_days)
    notify_action_link(db, action, link, token, valid_days)
    db.flush()
    return link


def offer_action_link(
    db: Session, actor: User | None, action: Action, *, now: datetime, valid_days: int
) -> ActionLink | None:
    """For an organisation without handlers but with an address: the link and its e-mail."""
    if not needs_link(db, action.organisation):
        return None
    return mail_action_link(db, actor, action, now=now, valid_days=valid_days)


def revoke_action_link(db: Session, actor: User, link: ActionLink, now: datetime) -> ActionLink:
    """The chief stops a link at once; revoking twice changes nothing."""
    _check_chief(actor, link.action)
    if link.revoked_at is None:
        link.revoked_at = now
        record_event(
            db,
            actor,
            SubjectType.ACTION,
            link.action_id,
            EventKind.UPDATED,
            internal_note=str(
                _l("Personal link of %(organisation)s revoked", organisation=link.organisation.name)
            ),
            at=now,
        )
        db.flush()
    return link


def resend_action_link(
    db: Session, actor: User, action: Action, *, now: datetime, valid_days: int
) -> ActionLink:
    """Revoke the action's live links, then issue and mail a new one."""
    _check_chief(actor, action)
    if not action.organisation.email:
        raise InvalidAction(_l("The organisation has no e-mail address to send the link to."))
    for link in links_of_action(db, actor, action):
        if link.revoked_at is None:
            revoke_action_link(db, actor, link, now)
    return mail_action_link(db, actor, action, now=now, valid_days=valid_days)


def links_of_action(db: Session, actor: User, action: Action) -> list[ActionLink]:
    """The action's links, newest first, for its municipality's safety chief."""
    _check_chief(actor, action)
    return list(
        db.scalars(
            select(ActionLink)
            .where(ActionLink.action_id == action.id)
            .order_by(ActionLink.created_at.desc(), ActionLink.id.desc())
        )
    )


def link_state(link: ActionLink, now: datetime) -> str:
    """live, revoked, expired, or moved (the action went to another organisation)."""
    if link.revoked_at is not None:
        return "revoked"
    if link.expires_at <= now:
        return "expired"
    if link.action.organisation_id != link.organisation_id:
        return "moved"
    return "live"


def links_for_page(
    db: Session, actor: User, action: Action, now: datetime
) -> list[tuple[ActionLink, str]] | None:
    """What the action page lists: the chief sees each link and its state, everyone else nothing."""
    if actor.role != Role.SAFETY_CHIEF or not in_scope(actor, action.municipality_id):
        return None
    return [(link, link_state(link, now)) for link in links_of_action(db, actor, action)]


def link_of_action(db: Session, actor: User, action: Action, link_id: int) -> ActionLink:
    link = db.get(ActionLink, link_id)
    if link is None or link.action_id != action.id:
        raise NotFound(_l("There is no such link."))
    _check_chief(actor, action)
    return link


def link_for_token(db: Session, token: str, now: datetime) -> ActionLink | None:
    """The live link of this token; None for unknown, expired, revoked or reassigned-away ones."""
    if not token or len(token) > TOKEN_MAX_LENGTH:
        return None
    link = db.scalar(select(ActionLink).where(ActionLink.token_sha256 == token_sha256(token)))
    if link is None or link.revoked_at is not None or link.expires_at <= now:
        return None
    if link.action.organisation_id != link.organisation_id:
        return None  # the action has moved to another owner: this one's link is dead
    return link


def action_for_token(db: Session, token: str, now: datetime) -> Action | None:
    link = link_for_token(db, token, now)
    return link.action if link is not None else None


def link_choices(action: Action) -> list[ActionStatus]:
    """The steps a link may take from here: the table's, except verifying (the chief's)."""
    allowed = set(ACTION_TRANSITIONS[action.status]) - {ActionStatus.VERIFIED}
    return [status for status in ActionStatus if status in allowed]


def audit_link(db: Session, link: ActionLink, now: datetime, detail: str) -> None:
    """Each read and step through a link, in the audit log, as its organisation."""
    link.last_used_at = now
    audit(
        db,
        None,
        AuditKind.VIEWED,
        f"action {link.action_id}",
        municipality_id=link.action.municipality_id,
        detail=f"{_l('Via link')}: {link.organisation.name} (link {link.id}); {detail}",
    )


def public_photos_of_action(db: Session, link: ActionLink) -> list[Photo]:
    """Approved photos only: of the action's observations (no social categories) and its own."""
    action = link.action
    visible = [o.id for o in action.observations if not o.category.is_sensitive]
    return list(
        db.scalars(
            select(Photo)
            .where(
                Photo.approved_at.is_not(None),
                Photo.observation_id.in_(visible or [0]) | (Photo.action_id == action.id),
            )
            .order_by(Photo.id)
        )
    )


def public_photo_of_link(db: Session, link: ActionLink, photo_id: int, version: int):
    for photo in public_photos_of_action(db, link):
        if photo.id == photo_id and photo.public_version == version:
            return photo
    return None


def change_status_by_link(
    db: Session,
    storage: PhotoStorage,
    link: ActionLink,
    to_status: str,
    *,
    today: date,
    now: datetime,
    public_note: str = "",
    planned_on: date | None = None,
    confirmed_personal_data: bool = False,
    photo: bytes | None = None,
    photo_settings: PhotoSettings,
) -> Action:
    """One step through the link, by the action's table, as the link's organisation."""
    action = change_action_status(
        db,
        None,
        link.action,
        to_status,
        today=today,
        now=now,
        acting_organisation=link.organisation,
        public_note=public_note,
        internal_note=str(_l("Via link: %(organisation)s", organisation=link.organisation.name)),
        planned_on=planned_on,
        confirmed_personal_data=confirmed_personal_data,
    )
    if photo:
        store_photo(
            db, storage, photo, kind=PhotoKind.AFTER, action_id=action.id, settings=photo_settings
        )
    audit_link(
        db,
        link,
        now,
        f"status {action.status.value}" + (" with an after-photo" if photo else ""),
    )
    db.flush()
    return action
