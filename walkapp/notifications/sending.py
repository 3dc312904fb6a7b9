"""Writing the outbox's mail from templates, and sending it through SMTP: no service does either.

The app puts a `TemplateRenderer` on every session it opens, so a service that queues a message
gets its text written without knowing Flask. `deliver_pending` runs in the `send-reminders` job
and is the one place that commits per message.
"""

import smtplib
from collections.abc import Mapping
from dataclasses import dataclass
from email.message import EmailMessage
from typing import Any
from urllib.parse import urlsplit

from flask import Flask, has_app_context, render_template
from flask_babel import force_locale
from sqlalchemy import select
from sqlalchemy.orm import Session

from walkapp.db import utcnow
from walkapp.notifications.mail import MAIL_RENDERER, Link
from walkapp.notifications.models import OutboxMessage


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


@dataclass(frozen=True)
class MailSettings:
    """How the installation sends mail: its MAIL_* settings and PUBLIC_BASE_URL."""

    server: str | None  # None: nothing is sent, messages wait in the outbox
    port: int
    use_tls: bool
    use_ssl: bool
    username: str | None
    password: str | None
    sender: str
    max_attempts: int
    base_url: str

    @classmethod
    def of(cls, config: Mapping[str, Any]) -> "MailSettings":
        return cls(
            server=config.get("MAIL_SERVER") or None,
            port=config["MAIL_PORT"],
            use_tls=config["MAIL_USE_TLS"],
            use_ssl=config["MAIL_USE_SSL"],
            username=config.get("MAIL_USERNAME") or None,
            password=config.get("MAIL_PASSWORD"),
            sender=config["MAIL_FROM"],
            max_attempts=config["MAIL_MAX_ATTEMPTS"],
            base_url=config["PUBLIC_BASE_URL"],
        )


def deliver_pending(db: Session, settings: MailSettings, limit: int = 500) -> dict[str, int]:
    """Send what waits in the outbox, committing after each, so a crash never sends twice."""
    if not settings.server:
        return {"sent": 0, "failed": 0}
    pending = db.scalars(
        select(OutboxMessage)
        .where(OutboxMessage.sent_at.is_(None), OutboxMessage.attempts < settings.max_attempts)
        .order_by(OutboxMessage.id)
        .limit(limit)
    ).all()
    counts = {"sent": 0, "failed": 0}
    if not pending:
        return counts
    smtp_class = smtplib.SMTP_SSL if settings.use_ssl else smtplib.SMTP
    host = urlsplit(settings.base_url).hostname
    with smtp_class(settings.server, settings.port, timeout=30) as smtp:
        if settings.use_tls and not settings.use_ssl:
            smtp.starttls()
        if settings.username:
            smtp.login(settings.username, settings.password or "")
        for message in pending:
            email = EmailMessage()
            email["From"] = settings.sender
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
