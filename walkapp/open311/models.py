"""ApiKey: lets another system (a work-order system, a FixMyStreet site) report observations."""

import hashlib
import secrets
from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from walkapp.db import Base, utcnow
from walkapp.places.models import Municipality

KEY_PREFIX_LENGTH = 8


def hash_key(key: str) -> str:
    """Keys are 32 random bytes: a plain SHA-256 is enough, no slow hash needed."""
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def new_key() -> str:
    return "wk_" + secrets.token_urlsafe(32)


class ApiKey(Base):
    """Stored hashed; the key itself is shown once, when it is made."""

    __tablename__ = "api_keys"

    id: Mapped[int] = mapped_column(primary_key=True)
    municipality_id: Mapped[int] = mapped_column(ForeignKey("municipalities.id"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    # The first characters, to tell keys apart in lists and logs without revealing them.
    prefix: Mapped[str] = mapped_column(String(16))
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_used_at: Mapped[datetime | None]
    revoked_at: Mapped[datetime | None]

    municipality: Mapped[Municipality] = relationship()

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None
