"""The protocol's sentence about who walked, built from the walk's actual participants."""

from flask_babel import gettext as _
from flask_babel import ngettext

from walkapp.walks.models import Represents


def _group(kind: Represents, count: int) -> str:
    """One group of participants with its count, as a list item reads: "3 från kommunen"."""
    phrases = {
        Represents.RESIDENT: ngettext("%(num)d resident", "%(num)d residents", count),
        Represents.POLICE: ngettext("%(num)d from the police", "%(num)d from the police", count),
        Represents.MUNICIPALITY: ngettext(
            "%(num)d from the municipality", "%(num)d from the municipality", count
        ),
        Represents.PROPERTY_OWNER: ngettext(
            "%(num)d property owner", "%(num)d property owners", count
        ),
        Represents.YOUTH: ngettext("%(num)d young person", "%(num)d young people", count),
        Represents.BUSINESS: ngettext(
            "%(num)d from local business", "%(num)d from local business", count
        ),
        Represents.ASSOCIATION: ngettext(
            "%(num)d from an association", "%(num)d from associations", count
        ),
        Represents.POLITICIAN: ngettext(
            "%(num)d elected representative", "%(num)d elected representatives", count
        ),
        Represents.OTHER: ngettext("%(num)d other", "%(num)d others", count),
    }
    return phrases[Represents(kind)]


def joined(items: list[str]) -> str:
    """ "a, b and c" in the user's language."""
    if len(items) < 2:
        return "".join(items)
    return _("%(items)s and %(last)s", items=", ".join(items[:-1]), last=items[-1])


def who_walked(counts: list[tuple[Represents, int]], organisations: list[str]) -> str:
    """ "13 personer deltog: 8 boende, 3 från kommunen och 2 från polisen." and, when staff of
    named organisations walked, which ones. Empty when nobody registered."""
    total = sum(count for _kind, count in counts)
    if not total:
        return ""
    sentence = ngettext(
        "%(num)d person took part: %(groups)s.",
        "%(num)d people took part: %(groups)s.",
        total,
        groups=joined([_group(kind, count) for kind, count in counts]),
    )
    if organisations:
        sentence += " " + ngettext(
            "Organisation taking part: %(names)s.",
            "Organisations taking part: %(names)s.",
            len(organisations),
            names=joined(organisations),
        )
    return sentence
