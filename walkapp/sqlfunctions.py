"""SQL functions SQLite and PostgreSQL answer alike: a moment's local date, seconds between two."""

import sqlite3
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement
from sqlalchemy.types import Date, Float


class local_date(FunctionElement):  # noqa: N801 - used like func.x(...)
    """local_date(moment, "Europe/Stockholm"): the calendar date of a stored UTC moment there."""

    type = Date()
    inherit_cache = True


class seconds_between(FunctionElement):  # noqa: N801 - used like func.x(...)
    """seconds_between(start, end): exact to the microsecond, as timedelta.total_seconds()."""

    type = Float()
    inherit_cache = True


def _arguments(element, compiler, **kw) -> list[str]:
    return [compiler.process(clause, **kw) for clause in element.clauses]


@compiles(local_date)
def _local_date(element, compiler, **kw):
    return "walkapp_local_date({}, {})".format(*_arguments(element, compiler, **kw))


@compiles(local_date, "postgresql")
def _local_date_postgresql(element, compiler, **kw):
    return "CAST(({} AT TIME ZONE {}) AS DATE)".format(*_arguments(element, compiler, **kw))


@compiles(seconds_between)
def _seconds_between(element, compiler, **kw):
    return "walkapp_seconds_between({}, {})".format(*_arguments(element, compiler, **kw))


@compiles(seconds_between, "postgresql")
def _seconds_between_postgresql(element, compiler, **kw):
    start, end = _arguments(element, compiler, **kw)
    return f"EXTRACT(EPOCH FROM ({end} - {start}))"


# SQLite keeps UTC moments as text and knows no time zones: Python answers for it, per row.


def _moment(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def _sqlite_local_date(moment: str | None, zone: str | None) -> str | None:
    if moment is None or zone is None:
        return None
    day: date = _moment(moment).astimezone(ZoneInfo(zone)).date()
    return day.isoformat()  # how SQLite keeps a date, so it compares with one


def _sqlite_seconds_between(start: str | None, end: str | None) -> float | None:
    if start is None or end is None:
        return None
    return (_moment(end) - _moment(start)).total_seconds()


def register_sqlite(connection: sqlite3.Connection) -> None:
    """Define the functions on a new SQLite connection (PostgreSQL has them built in)."""
    connection.create_function("walkapp_local_date", 2, _sqlite_local_date, deterministic=True)
    connection.create_function(
        "walkapp_seconds_between", 2, _sqlite_seconds_between, deterministic=True
    )
