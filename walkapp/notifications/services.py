"""Queueing e-mail in the outbox, the scheduled reminders, and sending through SMTP when set.

Every message is stored first, in the same transaction as the change it reports, with a key
that names what it is about: a second run of the reminders, a retried request or a crash halfway
through sending never sends anything twice, and with no SMTP server configured nothing is lost.
"""

import smtplib
from collections import defaultdict
from datetime import date, timedelta
from email.message import EmailMessage
from urllib.parse import urlsplit

from flask import current_app, render_template
from flask_babel import force_locale
from sqlalchemy import select
from sqlalchemy.orm import Session

from walkapp.actions.models import OPEN_ACTION_STATUSES, Action
from walkapp.auth.models import Role, User
from walkapp.db import utcnow
from walkapp.notifications.models import MessageKind, OutboxMessage
from walkapp.observations.models import Observation
from walkapp.places.models import Organisation
from walkapp.walks.models import WalkParticipant


def absolute_url(endpoint: str, **values) -> str:
    """A link for an e-mail: built on PUBLIC_BASE_URL, also from the command line."""
    base = urlsplit(current_app.config["PUBLIC_BASE_URL"])
    adapter = current_app.url_map.bind(
        base.netloc, script_name=base.path or "/", url_scheme=base.scheme
    )
    return adapter.build(endpoint, values, force_external=True)


def queue_message(
    db: Session,
    *,
    kind: MessageKind,
    dedupe_key: str,
    to_address: str,
    template: str,
    municipality_id: int | None,
    **context,
) -> OutboxMessage | None:
    """Store one message unless the same one (by key and address) is stored already."""
    key = f"{dedupe_key}:{to_address.lower()}"
    if db.scalar(select(OutboxMessage.id).where(OutboxMessage.dedupe_key == key)) is not None:
        return None
    # Staff and residents read Swedish mail, whatever language the sender's screen shows.
    with force_locale(current_app.config["BABEL_DEFAULT_LOCALE"]):
        subject, _sep, body = render_template(template, **context).partition("\n\n")
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
            action=action,
            url=absolute_url("actions.show", action_id=action.id),
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
            action=action,
            previous=previous,
            reason=reason,
            url=absolute_url("actions.show", action_id=action.id),
        )
        is not None
        for address in organisation_addresses(db, organisation)
    )


def notify_action_link(db: Session, action: Action, link, token: str, valid_days: int) -> int:
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
        action=action,
        url=absolute_url("action_links.show", token=token),
        valid_days=valid_days,
        expires_on=link.expires_at.date(),
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
                observation=observation,
                url=absolute_url("protocol.show", token=observation.walk.public_token)
                + f"#obs-{observation.id}",
            )
        )
    return count


def queue_reminders(db: Session, today: date) -> dict[str, int]:
    """Due-soon reminders per action and one overdue digest per organisation and day."""
    days = current_app.config["DUE_SOON_DAYS"]
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
                    organisation=organisation,
                    actions=[
                        (action, absolute_url("actions.show", action_id=action.id))
                        for action in actions
                    ],
                    today=today,
                )
            )
    return counts


def deliver_pending(db: Session, limit: int = 500) -> dict[str, int]:
    """Send what waits in the outbox, committing after each, so a crash never sends twice."""
    config = current_app.config
    if not config.get("MAIL_SERVER"):
        return {"sent": 0, "failed": 0}
    pending = db.scalars(
        select(OutboxMessage)
        .where(
            OutboxMessage.sent_at.is_(None), OutboxMessage.attempts < config["MAIL_MAX_ATTEMPTS"]
        )
        .order_by(OutboxMessage.id)
        .limit(limit)
    ).all()
    counts = {"sent": 0, "failed": 0}
    if not pending:
        return counts
    smtp_class = smtplib.SMTP_SSL if config["MAIL_USE_SSL"] else smtplib.SMTP
    with smtp_class(config["MAIL_SERVER"], config["MAIL_PORT"], timeout=30) as smtp:
        if config["MAIL_USE_TLS"] and not config["MAIL_USE_SSL"]:
            smtp.starttls()
        if config.get("MAIL_USERNAME"):
            smtp.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"] or "")
        for message in pending:
            email = EmailMessage()
            email["From"] = config["MAIL_FROM"]
            email["To"] = message.to_address
            email["Subject"] = message.subject
            host = urlsplit(config["PUBLIC_BASE_URL"]).hostname
            email["Message-ID"] = f"<walkapp-{message.id}@{host}>"
            email.set_content(message.body)
            message.attempts += 1
            try:
                smtp.send_message(email)
            except smtplib.SMTPException as error:
                message.last_error = str(error)[:2000]
                counts["failed"] += 1
            else:
                message.sent_at = utcnow()
                message.last_error = None
                counts["sent"] += 1
            db.commit()
    return counts
