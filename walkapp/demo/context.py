"""What every part of the demo's seeding shares: the session, the clock, the cast."""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from walkapp.auth.models import Role, User
from walkapp.auth.services import PasswordRules
from walkapp.photos.storage import PhotoStorage
from walkapp.places.models import Municipality

STOCKHOLM = ZoneInfo("Europe/Stockholm")


@dataclass
class Demo:
    db: Session
    now: datetime
    timezone: str
    storage: PhotoStorage
    password_rules: PasswordRules
    municipalities: dict[str, Municipality] = field(default_factory=dict)
    users: dict[str, User] = field(default_factory=dict)

    @property
    def today(self) -> date:
        return self.now.date()

    def one(self, model, **where):
        """The row the story names, if an earlier run made it (the demo is safe to run twice)."""
        return self.db.scalar(select(model).filter_by(**where))

    def chief(self, municipality_id: int) -> User:
        return next(
            user
            for user in self.users.values()
            if user.municipality_id == municipality_id and user.role == Role.SAFETY_CHIEF
        )

    def local(self, text: str) -> datetime:
        """'2017-04-25T19:00', 'TODAY-1T18:00' or 'YEAR-04-21T19:00' (this year), Swedish time."""
        day, clock = text.rsplit("T", 1)
        if day.startswith("TODAY"):
            on = self.today + timedelta(days=int(day[5:] or 0))
        elif day.startswith("YEAR"):
            on = date.fromisoformat(f"{self.today.year}{day[4:]}")
        else:
            on = date.fromisoformat(day)
        hour, minute = (int(part) for part in clock.split(":"))
        return datetime(on.year, on.month, on.day, hour, minute, tzinfo=STOCKHOLM)


def at_hour(day: date, hour: int = 10) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=STOCKHOLM)


def current_title(year: int) -> str:
    return f"Medborgarlöfte {year}"
