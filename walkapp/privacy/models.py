"""AuditEntry: who viewed or exported personal data, and who erased it."""

import enum
from datetime import datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from walkapp.auth.models import User
from walkapp.db import Base, str_enum, utcnow


class AuditKind(enum.StrEnum):
    VIEWED = "viewed"
    EXPORTED = "exported"
    ACCESS_REQUEST = "access_request"
    ERASED = "erased"
    RETENTION = "retention"


class AuditEntry(Base):
    __tablename__ = "audit_entries"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    municipality_id: Mapped[int | None] = mapped_column(ForeignKey("municipalities.id"), index=True)
    kind: Mapped[AuditKind] = mapped_column(str_enum(AuditKind, "audit_kind"))
    # What was seen or done, e.g. "observation 12" or "review export (csv, 340 rows)".
    subject: Mapped[str] = mapped_column(String(200))
    detail: Mapped[str] = mapped_column(Text, default="")

    user: Mapped[User | None] = relationship()
