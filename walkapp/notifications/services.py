"""Queueing e-mail in the outbox: the messages of each change and the scheduled reminders.

Every message is stored first, in the same transaction as the change it reports, with a key
that names what it is about: a second run of the reminders or a retried request never queues
anything twice. The text is written by the renderer that whoever opened the session put on it
(`walkapp.notifications.sending`), so it says what was true at the moment of the change; sending
happens later, in `sending.deliver_pending`, the one place that commits per message.
"""

from collections import defaultdict
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from walkapp.actions.models import OPEN_ACTION_STATUSES, Action, ActionLink
from walkapp.auth.models import Role, User
from walkapp.notifications.mail import MAIL_RENDERER, MailRenderer, mail_link
from walkapp.notifications.models import MessageKind, OutboxMessage
from walkapp.observations.models import Observation
from walkapp.places.models import Organisation
from walkapp.walks.models import WalkParticipant


def _renderer(db: Session) -> MailRenderer:
    try:
        return db.info[MAIL_RENDERER]
    except KeyError:
        raise RuntimeError(
            "this session has no mail renderer: open it with the app's sessionmaker"
        ) from None


def queue_message(
    db: Session,
    *,
    kind: MessageKind,
    dedupe_key: str,
    to_address: str,
    template: str,
    municipality_id: int | None,
    context: dict[str, object],
) -> OutboxMessage | None:
    """Store one message unless the same one (by key and address) is stored already.

    `context`: the template's values by name; Links in it (also in lists) become absolute URLs.
    """
    key = f"{dedupe_key}:{to_address.lower()}"
    if db.scalar(select(OutboxMessage.id).where(OutboxMessage.dedupe_key == key)) is not None:
        return None
    subject, body = _renderer(db)(template, context)
    message = OutboxMessage(
        municipality_id=municipality_id,
        kind=kind,
        dedupe_key=key,
        to_address=to_address,
        subject=subject.strip()[:200],
        body=body.strip() + "\n",
    )
    db.add(message)
    db.flush()
    return message


def organisation_addresses(db: Session, organisation: Organisation) -> list[str]:
    """The organisation's shared address and its active handlers', each once."""
    handlers = db.scalars(
        select(User.email).where(
            User.organisation_id == organisation.id,
            User.role == Role.HANDLER,
            User.is_active,
        )
    ).all()
    addresses = [organisation.email, *handlers] if organisation.email else list(handlers)
    return list(dict.fromkeys(address for address in addresses if address))


def _action_addresses(db: Session, action: Action) -> list[str]:
    if action.assignee is not None and action.assignee.is_active:
        return [action.assignee.email]
    return organisation_addresses(db, action.organisation)


def _notify_about_action(
    db: Session, action: Action, kind: MessageKind, dedupe_key: str, template: str
) -> int:
    """One message about the action to each person who holds it; how many were new."""
    return sum(
        queue_message(
            db,
            kind=kind,
            dedupe_key=dedupe_key,
            to_address=address,
            template=template,
            municipality_id=action.municipality_id,
            context={"action": action, "url": mail_link("actions.show", action_id=action.id)},
        )
        is not None
        for address in _action_addresses(db, action)
    )


def notify_assignment(db: Session, action: Action) -> int:
    """A new action for the organisation, or one given to a person."""
    holder = f"user{action.assignee_id}" if action.assignee_id else f"org{action.organisation_id}"
    return _notify_about_action(
        db, action, MessageKind.ASSIGNED, f"assigned:{action.id}:{holder}", "mail/assigned.txt"
    )


def notify_reassignment(
    db: Session, action: Action, *, previous: Organisation, reason: str, event_id: int
) -> int:
    """An action moved to the organisation: its shared address and handlers, with the reason.

    The key names the move (its event) and the new organisation: moving it away and back again
    tells the organisation again, while a retried request never sends twice.
    """
    organisation = action.organisation
    return sum(
        queue_message(
            db,
            kind=MessageKind.ASSIGNED,
            dedupe_key=f"reassigned:{action.id}:org{organisation.id}:{event_id}",
            to_address=address,
            template="mail/reassigned.txt",
            municipality_id=action.municipality_id,
            context={
                "action": action,
                "previous": previous,
                "reason": reason,
                "url": mail_link("actions.show", action_id=action.id),
            },
        )
        is not None
        for address in organisation_addresses(db, organisation)
    )


def notify_action_link(
    db: Session, action: Action, link: ActionLink, token: str, valid_days: int
) -> int:
    """The action with its personal link, to an organisation that has no account to log in with."""
    address = action.organisation.email
    if not address:
        return 0
    message = queue_message(
        db,
        kind=MessageKind.ASSIGNED,
        dedupe_key=f"action_link:{link.id}",
        to_address=address,
        template="mail/action_link.txt",
        municipality_id=action.municipality_id,
        context={
            "action": action,
            "url": mail_link("action_links.show", token=token),
            "valid_days": valid_days,
            "expires_on": link.expires_at.date(),
        },
    )
    return int(message is not None)


def notify_fixed(db: Session, observation: Observation) -> int:
    """Tell those who pinned it (and its duplicates) and asked to hear back that it is fixed."""
    if observation.walk is None:
        return 0
    authors = db.scalars(
        select(WalkParticipant).where(
            WalkParticipant.id.in_(
                select(Observation.author_id).where(
                    (Observation.id == observation.id)
                    | (Observation.duplicate_of_id == observation.id)
                )
            ),
            WalkParticipant.wants_feedback,
            WalkParticipant.feedback_email.is_not(None),
        )
    ).all()
    count = 0
    for author in authors:
        count += bool(
            queue_message(
                db,
                kind=MessageKind.FIXED,
                dedupe_key=f"fixed:{observation.id}",
                to_address=author.feedback_email,
                template="mail/fixed.txt",
                municipality_id=observation.municipality_id,
                context={
                    "observation": observation,
                    "url": mail_link(
                        "protocol.show",
                        token=observation.walk.public_token,
                        anchor=f"obs-{observation.id}",
                    ),
                },
            )
        )
    return count


def queue_reminders(db: Session, *, today: date, due_soon_days: int) -> dict[str, int]:
    """Due-soon reminders per action and one overdue digest per organisation and day."""
    days = due_soon_days
    due_soon = db.scalars(
        select(Action)
        .where(
            Action.status.in_(OPEN_ACTION_STATUSES),
            Action.due_on >= today,
            Action.due_on <= today + timedelta(days=days),
        )
        .order_by(Action.due_on, Action.id)
    ).all()
    counts = {"due_soon": 0, "overdue": 0}
    for action in due_soon:
        # A new due date is a new reminder.
        counts["due_soon"] += _notify_about_action(
            db,
            action,
            MessageKind.DUE_SOON,
            f"due_soon:{action.id}:{action.due_on.isoformat()}",
            "mail/due_soon.txt",
        )
    overdue = db.scalars(
        select(Action)
        .where(Action.status.in_(OPEN_ACTION_STATUSES), Action.due_on < today)
        .order_by(Action.due_on, Action.id)
    ).all()
    by_organisation: dict[int, list[Action]] = defaultdict(list)
    for action in overdue:
        by_organisation[action.organisation_id].append(action)
    for actions in by_organisation.values():
        organisation = actions[0].organisation
        for address in organisation_addresses(db, organisation):
            counts["overdue"] += bool(
                queue_message(
                    db,
                    kind=MessageKind.OVERDUE,
                    dedupe_key=f"overdue:{organisation.id}:{today.isoformat()}",
                    to_address=address,
                    template="mail/overdue.txt",
                    municipality_id=organisation.municipality_id,
                    context={
                        "organisation": organisation,
                        "actions": [
                            (action, mail_link("actions.show", action_id=action.id))
                            for action in actions
                        ],
                        "today": today,
                    },
                )
            )
    return counts
