"""What an activity's quantity counts (hours, vehicles, people) and how the amount reads."""

from collections.abc import Callable
from dataclasses import dataclass

from flask_babel import format_decimal, ngettext
from flask_babel import lazy_gettext as _l
from flask_babel.speaklater import LazyString

from walkapp.promises.models import ActivityKind


@dataclass(frozen=True)
class QuantityUnit:
    """What an activity's quantity counts: the form's label and the amount as text."""

    name: LazyString  # "hours": what the quantity field means for this kind
    amount: Callable[[int, str], str]  # (plural number, formatted number) -> "32 hours"
    whole: bool = True  # vehicles and people come whole; hours may be 1.5


# Kinds without a natural yield (a BRÅ meeting, a home visit) are counted by occasions only.
QUANTITY_UNITS: dict[ActivityKind, QuantityUnit] = {
    ActivityKind.PATROL: QuantityUnit(
        _l("hours"),
        lambda n, num: ngettext("%(amount)s hour", "%(amount)s hours", n, amount=num),
        False,
    ),
    ActivityKind.TRAFFIC_CONTROL: QuantityUnit(
        _l("vehicles checked"),
        lambda n, num: ngettext(
            "%(amount)s vehicle checked", "%(amount)s vehicles checked", n, amount=num
        ),
    ),
    ActivityKind.INFORMATION: QuantityUnit(
        _l("people reached"),
        lambda n, num: ngettext(
            "%(amount)s person reached", "%(amount)s people reached", n, amount=num
        ),
    ),
    ActivityKind.PARENT_MEETING: QuantityUnit(
        _l("parents who came"),
        lambda n, num: ngettext("%(amount)s parent", "%(amount)s parents", n, amount=num),
    ),
    ActivityKind.SCHOOL_VISIT: QuantityUnit(
        _l("pupils reached"),
        lambda n, num: ngettext("%(amount)s pupil", "%(amount)s pupils", n, amount=num),
    ),
    ActivityKind.CITIZEN_DIALOGUE: QuantityUnit(
        _l("people who took part"),
        lambda n, num: ngettext("%(amount)s participant", "%(amount)s participants", n, amount=num),
    ),
}


def quantity_unit(kind: ActivityKind | str) -> QuantityUnit | None:
    return QUANTITY_UNITS.get(ActivityKind(kind))


def quantity_text(kind: ActivityKind | str, quantity: float) -> str:
    """A quantity with its unit in the reader's language: "32 timmar", "2,5 timmar"."""
    unit = QUANTITY_UNITS[ActivityKind(kind)]
    # The plural follows the number; a fraction is always plural ("1,5 timmar").
    plural_number = int(quantity) if float(quantity).is_integer() else 2
    return unit.amount(plural_number, format_decimal(quantity))
