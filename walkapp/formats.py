"""Numbers and times as a Swedish official writes them: "9,0", "12 maj 2026 kl. 18.00"."""

from datetime import UTC, datetime, time

from flask_babel import format_date, format_datetime, format_decimal, format_time, get_locale

# CLDR's Swedish patterns give "2026-05-12 18:00" and "12 maj 2026 18:00:00"; Swedish authorities
# write a time of day as "kl. 18.00" (Språkrådet, Myndigheternas skrivregler).
SWEDISH_DATETIME = {
    "short": "yyyy-MM-dd 'kl.' HH.mm",
    "medium": "d MMMM y 'kl.' HH.mm",
    "long": "d MMMM y 'kl.' HH.mm",
    "full": "EEEE d MMMM y 'kl.' HH.mm",
}
SWEDISH_TIME = "'kl.' HH.mm"


def utc_text(moment: datetime | None) -> str | None:
    """A time as ISO 8601 in UTC with a Z, as the JSON API and the exports write it."""
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z") if moment else None


def utc_seconds(moment: datetime | None) -> str | None:
    """A time to the second, in UTC with a Z (GIS files, Open311)."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ") if moment else None


def is_swedish() -> bool:
    locale = get_locale()
    return locale is not None and locale.language == "sv"


def datetime_text(value: datetime | None, style: str = "medium") -> str:
    """A date with its time of day, in the user's time zone ("12 maj 2026 kl. 18.00")."""
    if value is None:
        return ""
    if is_swedish():
        return format_datetime(value, SWEDISH_DATETIME.get(style, style))
    return format_datetime(value, style)


def time_text(value: datetime | time | None, style: str = "short") -> str:
    """A time of day ("kl. 18.00"; "6:00 PM" in English)."""
    if value is None:
        return ""
    if is_swedish() and style in SWEDISH_DATETIME:
        return format_time(value, SWEDISH_TIME)
    return format_time(value, style)


def date_text(value, style: str = "medium") -> str:
    return "" if value is None else format_date(value, style)


def number_text(value: float | int | None, digits: int = 1) -> str:
    """A decimal number for reading, with the locale's decimal sign ("9,0" in Swedish)."""
    if value is None:
        return ""
    pattern = "#,##0" + ("." + "0" * digits if digits > 0 else "")
    return format_decimal(value, format=pattern)
