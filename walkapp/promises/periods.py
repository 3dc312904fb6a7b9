"""A promise's follow-up periods in its own rhythm, its year-end reports, due dates and titles."""

from dataclasses import dataclass
from datetime import date, timedelta

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from walkapp.places.models import FollowUpKind

MONTHS_OF = {FollowUpKind.TERTIAL: 4, FollowUpKind.HALF_YEAR: 6, FollowUpKind.YEAR: 12}
TERTIAL, HALF_YEAR, YEAR, WHOLE = "tertial", "half_year", "year", "whole"
# Short month names as a Swedish report writes them ("jan–apr"), not babel's "jan."
MONTH_ABBREVIATIONS = (
    _l("Jan"),
    _l("Feb"),
    _l("Mar"),
    _l("Apr"),
    _l("May"),
    _l("Jun"),
    _l("Jul"),
    _l("Aug"),
    _l("Sep"),
    _l("Oct"),
    _l("Nov"),
    _l("Dec"),
)


@dataclass(frozen=True)
class Period:
    """One report's span; `key` is its address and its follow-up row's period_label."""

    key: str  # "2017-T1", "2021-H2", "2020-11" (a half year from November), "2021", "all"
    kind: str  # TERTIAL, HALF_YEAR, YEAR (a regular period or the year-end report) or WHOLE
    starts_on: date  # clipped to the promise's own dates
    ends_on: date
    number: int  # 1..3 or 1..2 within a calendar rhythm; 0 otherwise
    nominal_start: date  # where the period starts in the rhythm, before clipping
    nominal_end: date
    is_year_end: bool = False  # a year-end or whole-promise report, beside the regular periods

    def has_ended(self, today: date) -> bool:
        return today > self.ends_on


def _add_months(day: date, months: int) -> date:
    index = day.month - 1 + months
    return date(day.year + index // 12, index % 12 + 1, 1)


def _key(kind: FollowUpKind, start: date, start_month: int) -> tuple[str, int]:
    if start_month == 1 and kind == FollowUpKind.YEAR:
        return str(start.year), 0
    if start_month == 1 and kind in (FollowUpKind.TERTIAL, FollowUpKind.HALF_YEAR):
        number = (start.month - 1) // MONTHS_OF[kind] + 1
        return f"{start.year}-{'T' if kind == FollowUpKind.TERTIAL else 'H'}{number}", number
    return f"{start:%Y-%m}", 0


def regular_periods(promise) -> list[Period]:
    """The periods the promise is followed up by, in its rhythm, clipped to its dates."""
    kind = FollowUpKind(promise.follow_up_kind)
    months = MONTHS_OF[kind]
    start_month = promise.period_start_month or 1
    # The rhythm's first period that holds the promise's first day.
    start = date(promise.starts_on.year, start_month, 1)
    while start > promise.starts_on:
        start = _add_months(start, -months)
    while _add_months(start, months) <= promise.starts_on:
        start = _add_months(start, months)
    periods = []
    while start <= promise.ends_on:
        end = _add_months(start, months) - timedelta(days=1)
        key, number = _key(kind, start, start_month)
        periods.append(
            Period(
                key=key,
                kind=kind.value,
                starts_on=max(start, promise.starts_on),
                ends_on=min(end, promise.ends_on),
                number=number,
                nominal_start=start,
                nominal_end=end,
            )
        )
        start = _add_months(start, months)
    return periods


def year_end_periods(promise) -> list[Period]:
    """A year-end report per calendar year, and one for the whole of a multi-year promise.

    A promise followed up by calendar year already has its year reports among its periods.
    """
    regular = {period.key for period in regular_periods(promise)}
    periods = []
    for year in range(promise.starts_on.year, promise.ends_on.year + 1):
        if str(year) in regular:
            continue
        start, end = date(year, 1, 1), date(year, 12, 31)
        periods.append(
            Period(
                key=str(year),
                kind=YEAR,
                starts_on=max(start, promise.starts_on),
                ends_on=min(end, promise.ends_on),
                number=0,
                nominal_start=start,
                nominal_end=end,
                is_year_end=True,
            )
        )
    if promise.starts_on.year != promise.ends_on.year:
        periods.append(
            Period(
                key="all",
                kind=WHOLE,
                starts_on=promise.starts_on,
                ends_on=promise.ends_on,
                number=0,
                nominal_start=promise.starts_on,
                nominal_end=promise.ends_on,
                is_year_end=True,
            )
        )
    return periods


def periods_of(promise) -> list[Period]:
    """Every report the promise has: its regular periods, then its year-end reports."""
    return regular_periods(promise) + year_end_periods(promise)


def find_period(promise, key: str) -> Period | None:
    return next((period for period in periods_of(promise) if period.key == key), None)


def due_on(promise, period: Period, follow_up=None) -> date:
    """When the period's report is due: the follow-up's own date, or the promise's rhythm."""
    if follow_up is not None and follow_up.due_on is not None:
        return follow_up.due_on
    return period.ends_on + timedelta(days=promise.report_due_days or 0)


def _month(day: date) -> str:
    return str(MONTH_ABBREVIATIONS[day.month - 1])


def _span(period: Period) -> str:
    """ "jan–apr 2017", or "nov 2020–apr 2021" across a new year."""
    start, end = period.starts_on, period.ends_on
    if start.year == end.year:
        return f"{_month(start)}–{_month(end)} {end.year}"
    return f"{_month(start)} {start.year}–{_month(end)} {end.year}"


def period_title(period: Period) -> str:
    """The period as a report's heading names it: "Tertial 1 (jan–apr) 2017"."""
    if period.kind == WHOLE:
        return _(
            "The whole promise %(first)d–%(last)d",
            first=period.starts_on.year,
            last=period.ends_on.year,
        )
    if period.kind == YEAR and period.nominal_start.month == 1:
        return _("Whole year %(year)d", year=period.nominal_start.year)
    if period.kind == TERTIAL and period.number:
        return _(
            "Tertial %(number)d (%(months)s) %(year)d",
            number=period.number,
            months=f"{_month(period.nominal_start)}–{_month(period.nominal_end)}",
            year=period.nominal_start.year,
        )
    if period.kind == HALF_YEAR and period.number == 1:
        return _("First half of %(year)d", year=period.nominal_start.year)
    if period.kind == HALF_YEAR and period.number == 2:
        return _("Second half of %(year)d", year=period.nominal_start.year)
    if period.kind == HALF_YEAR:
        return _("Half year %(span)s", span=_span(period))
    if period.kind == TERTIAL:
        return _("Tertial %(span)s", span=_span(period))
    return _("Year %(span)s", span=_span(period))
