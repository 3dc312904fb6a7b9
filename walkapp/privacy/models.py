"""AuditEntry: who viewed or exported personal data, and who erased it."""

from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from walkapp.auth.models import User
from walkapp.db import Base, str_enum, utcnow
from walkapp.labels import LabelledEnum


class AuditKind(LabelledEnum):
    VIEWED = "viewed"
    EXPORTED = "exported"
    ACCESS_REQUEST = "access_request"
    ERASED = "erased"
    RETENTION = "retention"

    @classmethod
    def labels(cls) -> dict:
        return {
            cls.VIEWED: _l("Viewed"),
            cls.EXPORTED: _l("Exported"),
            cls.ACCESS_REQUEST: _l("Access request"),
            cls.ERASED: _l("Erased"),
            cls.RETENTION: _l("Retention"),
        }


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
