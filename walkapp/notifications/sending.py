"""Writing the outbox's mail from templates, and sending it through SMTP: no service does either.

The app puts a `TemplateRenderer` on every session it opens, so a service that queues a message
gets its text written without knowing Flask. `deliver_pending` runs in the `send-reminders` job
and is the one place that commits per message.
"""

import smtplib
from email.message import EmailMessage
from typing import Any
from urllib.parse import urlsplit

from flask import Flask, has_app_context, render_template
from flask_babel import force_locale
from sqlalchemy import select
from sqlalchemy.orm import Session

from walkapp.db import utcnow
from walkapp.notifications.models import OutboxMessage
from walkapp.notifications.services import MAIL_RENDERER, Link


class TemplateRenderer:
    """Renders `mail/*.txt`: the first paragraph is the subject, the rest the body."""

    def __init__(self, app: Flask):
        self.app = app

    def url(self, target: Link) -> str:
        """A link for an e-mail: built on PUBLIC_BASE_URL, also from the command line."""
        base = urlsplit(self.app.config["PUBLIC_BASE_URL"])
        adapter = self.app.url_map.bind(
            base.netloc, script_name=base.path or "/", url_scheme=base.scheme
        )
        url = adapter.build(target.endpoint, dict(target.values), force_external=True)
        return f"{url}#{target.anchor}" if target.anchor else url

    def _resolve(self, value: Any) -> Any:
        if isinstance(value, Link):
            return self.url(value)
        if isinstance(value, list | tuple):
            return type(value)(self._resolve(item) for item in value)
        return value

    def __call__(self, template: str, context: dict[str, Any]) -> tuple[str, str]:
        values = {name: self._resolve(value) for name, value in context.items()}
        if has_app_context():
            return self._render(template, values)
        with self.app.app_context():
            return self._render(template, values)

    def _render(self, template: str, values: dict[str, Any]) -> tuple[str, str]:
        # Staff and residents read Swedish mail, whatever language the sender's screen shows.
        with force_locale(self.app.config["BABEL_DEFAULT_LOCALE"]):
            subject, _sep, body = render_template(template, **values).partition("\n\n")
        return subject, body


def init_app(app: Flask) -> None:
    """Every session the app opens (requests, commands, tests) can queue mail."""
    app.extensions["walkapp.sessionmaker"].configure(info={MAIL_RENDERER: TemplateRenderer(app)})


def deliver_pending(db: Session, config, limit: int = 500) -> dict[str, int]:
    """Send what waits in the outbox, committing after each, so a crash never sends twice."""
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
    host = urlsplit(config["PUBLIC_BASE_URL"]).hostname
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
