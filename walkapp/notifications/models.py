"""OutboxMessage: every e-mail walkapp means to send, sent or not yet."""

import enum
from datetime import datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from walkapp.db import Base, str_enum, utcnow


class MessageKind(enum.StrEnum):
    ASSIGNED = "assigned"
    DUE_SOON = "due_soon"
    OVERDUE = "overdue"
    FIXED = "fixed"
    REFERRAL = "referral"  # an observation handed over to an outside owner, or taken back
    FOLLOW_UP = "follow_up"  # a citizen promise's report is due or late


class OutboxMessage(Base):
    """A message is stored before it is sent; the unique key makes every reminder happen once."""

    __tablename__ = "outbox_messages"

    id: Mapped[int] = mapped_column(primary_key=True)
    municipality_id: Mapped[int | None] = mapped_column(ForeignKey("municipalities.id"), index=True)
    kind: Mapped[MessageKind] = mapped_column(str_enum(MessageKind, "message_kind"))
    dedupe_key: Mapped[str] = mapped_column(String(300), unique=True)
    to_address: Mapped[str] = mapped_column(String(254))
    subject: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    sent_at: Mapped[datetime | None]
    attempts: Mapped[int] = mapped_column(default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
