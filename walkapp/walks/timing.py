"""When a walk takes what a phone sends (observations, checks, track points): recorded during
the walk, sent while it is active or within the grace after it closed."""

from datetime import datetime, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from walkapp.errors import DomainError
from walkapp.walks.models import Walk, WalkStatus
from walkapp.walks.queries import status_changed_at

# Phones' clocks drift; a recording from the future beyond this is a broken clock or a forgery.
CLOCK_SKEW = timedelta(hours=1)
# Phones record a little before the leader starts the walk (waiting at the meeting point).
START_MARGIN = timedelta(hours=1)


class InvalidFieldInput(DomainError):
    """Bad input from the phone; `field` names the offending field for the form on the phone."""

    status_code = 422

    def __init__(self, field: str, message):
        super().__init__(message)
        self.field = field


def phone_time(value, field: str, missing_message, now: datetime) -> datetime:
    """A moment a phone sent (ISO 8601 with an offset), or InvalidFieldInput naming the field."""
    try:
        moment = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        raise InvalidFieldInput(field, missing_message) from None
    try:
        # Year 1 at +01:00 is before the first UTC moment: comparing it overflows.
        impossible = moment.tzinfo is None or moment > now + CLOCK_SKEW
    except OverflowError:
        impossible = True
    if impossible:
        raise InvalidFieldInput(field, _l("The phone's clock gives an impossible time."))
    return moment


def check_walk_open_for(
    db: Session,
    walk: Walk,
    field: str,
    recorded_at: datetime,
    now: datetime,
    late_grace: timedelta,
) -> None:
    """Recorded during the walk, and sent while it is active or within the grace after it closed.

    The grace keeps what a phone recorded offline during the walk; without the window, anything
    dated back to the walk's day could be added to its public protocol years later.
    """
    closed_message = _l("The walk is not in progress; it takes no observations.")
    if walk.status not in (WalkStatus.ACTIVE, WalkStatus.CLOSED, WalkStatus.FOLLOWED_UP):
        raise InvalidFieldInput("walk", closed_message)
    if recorded_at < walk.starts_at - START_MARGIN:
        # A leader may start a walk earlier than planned: then its start counts (rare, so the
        # query is only made here).
        started_at = status_changed_at(db, walk, WalkStatus.ACTIVE)
        if started_at is None or recorded_at < started_at - START_MARGIN:
            raise InvalidFieldInput(
                field, _l("The observation was recorded before the walk started.")
            )
    if walk.status == WalkStatus.ACTIVE:
        return
    # The walk ended when the leader closed it, which may be after the planned end: what was
    # recorded until then belongs to it.
    closed_at = status_changed_at(db, walk, WalkStatus.CLOSED) or walk.ends_at
    if closed_at is None or recorded_at > closed_at:
        raise InvalidFieldInput("walk", closed_message)
    if now > closed_at + late_grace:
        raise InvalidFieldInput(
            "walk",
            _l(
                "The walk closed more than %(hours)d hours ago; it takes no more observations.",
                hours=int(late_grace.total_seconds() // 3600),
            ),
        )
