"""Wording of a report dict for its readers: titles, dates, numbers and labels in their language."""

from datetime import date, datetime
from types import SimpleNamespace

from flask_babel import format_date, format_datetime, format_decimal, get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from walkapp.labels import label
from walkapp.observations.models import CategoryGroup
from walkapp.promises.models import ActivityKind, Responsible, SourceKind
from walkapp.promises.periods import Period, period_title
from walkapp.promises.units import quantity_text, quantity_unit
from walkapp.reports.figures import IN_PROGRESS, MET, NO_TARGET, NOT_MET
from walkapp.reports.models import FollowUpStatus, Side

SIDE_LABELS = {Side.MUNICIPALITY: _l("The municipality"), Side.POLICE: _l("The police")}
STATE_LABELS = {
    MET: _l("Target met"),
    NOT_MET: _l("Target not met"),
    IN_PROGRESS: _l("In progress"),
    NO_TARGET: "",
}


def as_date(value: str | None) -> date | None:
    return None if not value else date.fromisoformat(value)


def as_datetime(value: str | None) -> datetime | None:
    return None if not value else datetime.fromisoformat(value)


def period_of(report: dict) -> Period:
    p = report["period"]
    return Period(
        key=p["key"],
        kind=p["kind"],
        starts_on=as_date(p["starts_on"]),
        ends_on=as_date(p["ends_on"]),
        number=p["number"],
        nominal_start=as_date(p["nominal_start"]),
        nominal_end=as_date(p["nominal_end"]),
        is_year_end=p["is_year_end"],
    )


def period_name(report: dict) -> str:
    """ "Tertial 1 (jan–apr) 2017", in the reader's language (a snapshot keeps only the key)."""
    return period_title(period_of(report))


def title(report: dict) -> str:
    """ "Uppföljning tertial 1 (jan–apr) 2017": inside a heading the period is a common noun."""
    name = period_name(report)
    return _("Follow-up %(period)s", period=name[:1].lower() + name[1:])


def day(value: str | None, style: str = "medium") -> str:
    return "" if not value else format_date(as_date(value), style)


def walk_time(value: str | None) -> str:
    """ "12 okt. 2021 kl. 18.30": the walk's local date and time."""
    if not value:
        return ""
    moment = as_datetime(value)
    clock = format_datetime(moment, "HH.mm" if str(get_locale()) == "sv" else "HH:mm")
    return _("%(date)s at %(time)s", date=format_date(moment, "medium"), time=clock)


def decimal(value) -> str:
    """A number with the reader's decimal sign: "20,0" in Swedish."""
    if value is None:
        return "–"
    return format_decimal(value, format="#,##0.0" if isinstance(value, float) else "#,##0")


def percent(value) -> str:
    return "–" if value is None else f"{value} %"


def category(entry: dict) -> str:
    return entry["label_en"] if str(get_locale()) == "en" else entry["label_sv"]


def group(code: str) -> str:
    return label(CategoryGroup(code))


def activity_kind(code: str) -> str:
    return label(ActivityKind(code))


def responsible(code: str) -> str:
    return label(Responsible(code))


def source_kind(code: str) -> str:
    try:
        return label(SourceKind(code))
    except (ValueError, KeyError):
        return code


def quantity(activity: dict) -> str:
    """ "140 vehicles checked", or "" when the kind counts occasions only."""
    value = activity.get("quantity")
    if value is None or quantity_unit(activity["kind"]) is None:
        return ""
    return quantity_text(activity["kind"], value)


def status(code: str) -> str:
    return label(FollowUpStatus(code))


def side(code: str) -> str:
    return str(SIDE_LABELS[Side(code)])


def state(code: str) -> str:
    return str(STATE_LABELS[code])


def helpers() -> SimpleNamespace:
    """What the report templates call, as `r.title(report)`, `r.decimal(n)` and so on."""
    return SimpleNamespace(
        title=title,
        period_name=period_name,
        day=day,
        walk_time=walk_time,
        decimal=decimal,
        percent=percent,
        category=category,
        group=group,
        activity_kind=activity_kind,
        responsible=responsible,
        source_kind=source_kind,
        quantity=quantity,
        status=status,
        side=side,
        state=state,
        as_date=as_date,
    )
