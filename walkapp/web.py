"""Helpers shared by the HTML views: running a service inside the view's transaction."""

from collections.abc import Callable
from datetime import UTC, datetime
from typing import TypeVar
from zoneinfo import ZoneInfo

from flask import abort, current_app, flash, request
from sqlalchemy.orm import Session

from walkapp.errors import DomainError

T = TypeVar("T")


def form_status() -> int:
    """The status of a form page shown again: 422 after a rejected POST, else 200."""
    return 422 if request.method == "POST" else 200


def commit_service(db: Session, call: Callable[[], T]) -> tuple[T | None, int | None]:
    """Run a service and commit; on a domain error roll back, flash why, and return its status."""
    try:
        result = call()
    except DomainError as error:
        db.rollback()
        flash(error.message, "error")
        return None, error.status_code
    db.commit()
    return result, None


def local_to_utc(value: datetime) -> datetime:
    """A time typed in a form (Swedish wall-clock time) as an aware UTC datetime."""
    zone = ZoneInfo(current_app.config["BABEL_DEFAULT_TIMEZONE"])
    return value.replace(tzinfo=zone).astimezone(UTC)


def reject_impossible_ids(endpoint, values) -> None:
    """An id beyond what a database column holds is simply not found.

    Without this, /walks/99999999999999999999 reaches the database, which cannot compare a
    number that large: an error instead of a 404.
    """
    if values and any(isinstance(v, int) and not 0 <= v < 2**31 for v in values.values()):
        abort(404)
