"""User accounts and their roles."""

from datetime import datetime

from flask_babel import lazy_gettext as _l
from flask_login import UserMixin
from sqlalchemy import CheckConstraint, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from walkapp.db import Base, str_enum, utcnow
from walkapp.labels import LabelledEnum
from walkapp.places.models import Municipality, Organisation, PoliceArea


class Role(LabelledEnum):
    PARTICIPANT = "participant"
    WALK_LEADER = "walk_leader"
    SAFETY_CHIEF = "safety_chief"
    POLICE_COORDINATOR = "police_coordinator"  # kommunpolis: the police's side of the municipality
    HANDLER = "handler"
    ADMIN = "admin"
    # The police across a local police area (several municipalities): reads, never writes.
    POLICE_AREA = "police_area"

    @classmethod
    def labels(cls) -> dict:
        return {
            cls.PARTICIPANT: _l("Participant"),
            cls.WALK_LEADER: _l("Walk leader"),
            cls.SAFETY_CHIEF: _l("Safety chief"),
            cls.POLICE_COORDINATOR: _l("Police coordinator"),
            cls.HANDLER: _l("Handler"),
            cls.ADMIN: _l("Administrator"),
            cls.POLICE_AREA: _l("Police area officer"),
        }


class User(UserMixin, Base):
    __tablename__ = "users"
    __table_args__ = (
        # Only an admin may stand above every municipality (a national host's administrator);
        # a police area officer stands above the municipalities of its area.
        CheckConstraint(
            "role IN ('admin', 'police_area') OR municipality_id IS NOT NULL",
            name="municipality_unless_admin_or_area",
        ),
        CheckConstraint(
            "(role = 'police_area' AND police_area_id IS NOT NULL AND municipality_id IS NULL)"
            " OR (role <> 'police_area' AND police_area_id IS NULL)",
            name="police_area_only_for_its_role",
        ),
        CheckConstraint(
            "role <> 'handler' OR organisation_id IS NOT NULL", name="handler_has_organisation"
        ),
        CheckConstraint("email = lower(email)", name="email_lowercase"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[Role] = mapped_column(str_enum(Role, "role"))
    municipality_id: Mapped[int | None] = mapped_column(ForeignKey("municipalities.id"), index=True)
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id"), index=True)
    police_area_id: Mapped[int | None] = mapped_column(ForeignKey("police_areas.id"), index=True)
    is_active: Mapped[bool] = mapped_column(default=True)
    # Part of the login session's identity: bumping it logs out every other session of the user.
    session_epoch: Mapped[int] = mapped_column(default=0)
    locale: Mapped[str | None] = mapped_column(String(8))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_login_at: Mapped[datetime | None]
    # Two-factor login (TOTP) for staff who turn it on; the secret never leaves the server again.
    totp_secret: Mapped[str | None] = mapped_column(String(64))

    municipality: Mapped[Municipality | None] = relationship()
    organisation: Mapped[Organisation | None] = relationship()
    police_area: Mapped[PoliceArea | None] = relationship()

    def get_id(self) -> str:
        return f"{self.id}.{self.session_epoch}"

    @property
    def is_global_admin(self) -> bool:
        return self.role == Role.ADMIN and self.municipality_id is None

    def __str__(self) -> str:
        return self.name


def role_title(user) -> str:
    """The user's role as their municipality names it: its chief_title for the safety chief."""
    if user is None or getattr(user, "role", None) is None:
        return ""
    role = Role(user.role)
    municipality = getattr(user, "municipality", None)
    if role == Role.SAFETY_CHIEF and municipality is not None and municipality.chief_title:
        return municipality.chief_title
    return str(role.label)
