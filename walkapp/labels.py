"""Translated labels for every enum shown in the UI, in one place (the `label` template filter)."""

import enum
from collections.abc import Callable
from dataclasses import dataclass

from flask_babel import format_decimal, ngettext
from flask_babel import lazy_gettext as _l
from flask_babel.speaklater import LazyString
from wtforms.fields.choices import SelectChoice

from walkapp.actions.models import ActionStatus, Priority
from walkapp.auth.models import Role
from walkapp.events.models import EventKind
from walkapp.observations.models import (
    CategoryGroup,
    CheckVerdict,
    LocationSource,
    ObservationStatus,
    PlaceOwner,
    Polarity,
)
from walkapp.places.models import FollowUpKind, OrganisationKind
from walkapp.privacy.models import AuditKind
from walkapp.promises.models import ActivityKind, Responsible, SourceKind
from walkapp.reports.models import FollowUpStatus
from walkapp.routing.models import ReferralStatus
from walkapp.walks.models import LightConditions, Represents, WalkKind, WalkStatus

LABELS: dict[type[enum.Enum], dict] = {
    Role: {
        Role.PARTICIPANT: _l("Participant"),
        Role.WALK_LEADER: _l("Walk leader"),
        Role.SAFETY_CHIEF: _l("Safety chief"),
        Role.POLICE_COORDINATOR: _l("Police coordinator"),
        Role.HANDLER: _l("Handler"),
        Role.ADMIN: _l("Administrator"),
    },
    OrganisationKind: {
        OrganisationKind.POLICE: _l("Police"),
        OrganisationKind.MUNICIPAL_UNIT: _l("Municipal unit"),
        OrganisationKind.PROPERTY_OWNER: _l("Property owner"),
        OrganisationKind.ROAD_AUTHORITY: _l("Road authority"),
        OrganisationKind.OTHER: _l("Other"),
    },
    FollowUpKind: {
        FollowUpKind.TERTIAL: _l("Per tertial"),
        FollowUpKind.HALF_YEAR: _l("Per half year"),
        FollowUpKind.YEAR: _l("Per year"),
    },
    WalkKind: {WalkKind.SAFETY: _l("Safety walk"), WalkKind.TRAFFIC: _l("Traffic walk")},
    WalkStatus: {
        WalkStatus.PLANNED: _l("Planned"),
        WalkStatus.ACTIVE: _l("In progress"),
        WalkStatus.CLOSED: _l("Closed"),
        WalkStatus.FOLLOWED_UP: _l("Followed up"),
    },
    LightConditions: {
        LightConditions.DAYLIGHT: _l("Daylight"),
        LightConditions.DUSK: _l("Dusk"),
        LightConditions.DARK: _l("Dark"),
    },
    Represents: {
        Represents.RESIDENT: _l("Resident"),
        Represents.POLICE: _l("Police"),
        Represents.MUNICIPALITY: _l("Municipality"),
        Represents.PROPERTY_OWNER: _l("Property owner"),
        Represents.YOUTH: _l("Young person"),
        Represents.BUSINESS: _l("Business"),
        Represents.ASSOCIATION: _l("Association"),
        Represents.POLITICIAN: _l("Elected representative"),
        Represents.OTHER: _l("Other"),
    },
    CategoryGroup: {
        CategoryGroup.SIGHT: _l("Sight and overview"),
        CategoryGroup.MOVEMENT: _l("Movement and orientation"),
        CategoryGroup.MAINTENANCE: _l("Care and maintenance"),
        CategoryGroup.SOCIAL: _l("Social"),
        CategoryGroup.TRAFFIC: _l("Traffic"),
        CategoryGroup.OTHER: _l("Other"),
    },
    Polarity: {
        Polarity.PROBLEM: _l("Problem"),
        Polarity.PROPOSAL: _l("Proposal"),
        Polarity.POSITIVE: _l("Feels safe"),
    },
    LocationSource: {
        LocationSource.GPS: _l("GPS"),
        LocationSource.MAP: _l("set on the map"),
        LocationSource.PHOTO_EXIF: _l("from the photo"),
    },
    ObservationStatus: {
        ObservationStatus.RECEIVED: _l("Received"),
        ObservationStatus.TRIAGED: _l("Being assessed"),
        ObservationStatus.ACTION_PLANNED: _l("Action planned"),
        ObservationStatus.REFERRED: _l("Referred"),
        ObservationStatus.LONG_TERM: _l("Long-term"),
        ObservationStatus.DUPLICATE: _l("Duplicate"),
        ObservationStatus.NO_ACTION: _l("No action"),
        ObservationStatus.FIXED: _l("Fixed"),
        ObservationStatus.VERIFIED: _l("Verified"),
    },
    ActionStatus: {
        ActionStatus.OPEN: _l("Open"),
        ActionStatus.PLANNED: _l("Planned"),
        ActionStatus.IN_PROGRESS: _l("In progress"),
        ActionStatus.DONE: _l("Done"),
        ActionStatus.VERIFIED: _l("Verified"),
        ActionStatus.REJECTED: _l("Rejected"),
    },
    EventKind: {
        EventKind.CREATED: _l("Created"),
        EventKind.STATUS_CHANGED: _l("Status changed"),
        EventKind.UPDATED: _l("Updated"),
        EventKind.COMMENTED: _l("Comment"),
        EventKind.ASSIGNED: _l("Assigned"),
        EventKind.MERGED: _l("Merged"),
        EventKind.MASKED: _l("Masked"),
        EventKind.PUBLISHED: _l("Published"),
        EventKind.WITHDRAWN: _l("Withdrawn from the public"),
    },
    AuditKind: {
        AuditKind.VIEWED: _l("Viewed"),
        AuditKind.EXPORTED: _l("Exported"),
        AuditKind.ACCESS_REQUEST: _l("Access request"),
        AuditKind.ERASED: _l("Erased"),
        AuditKind.RETENTION: _l("Retention"),
    },
    CheckVerdict: {
        CheckVerdict.FIXED: _l("It is fixed"),
        CheckVerdict.STILL_A_PROBLEM: _l("Still a problem"),
        CheckVerdict.WORSE: _l("It is worse"),
    },
    PlaceOwner: {
        PlaceOwner.MUNICIPALITY: _l("The municipality"),
        PlaceOwner.PRIVATE_PROPERTY: _l("A property owner"),
        PlaceOwner.STATE_ROAD: _l("A state road (Trafikverket)"),
        PlaceOwner.PRIVATE_ROAD: _l("A private road"),
    },
    Priority: {Priority.LOW: _l("Low"), Priority.NORMAL: _l("Normal"), Priority.HIGH: _l("High")},
    ReferralStatus: {
        ReferralStatus.SENT: _l("Waiting for an answer"),
        ReferralStatus.ANSWERED: _l("Answered"),
        ReferralStatus.WITHDRAWN: _l("Withdrawn"),
    },
    SourceKind: {
        SourceKind.REPORTED_CRIME: _l("Reported crime"),
        SourceKind.SAFETY_SURVEY: _l("Safety survey"),
        SourceKind.CITIZEN_DIALOGUE: _l("Citizen dialogue"),
        SourceKind.POLICE_INTELLIGENCE: _l("Police intelligence"),
        SourceKind.WALKS: _l("Safety and traffic walks"),
        SourceKind.OTHER: _l("Other source"),
    },
    FollowUpStatus: {
        FollowUpStatus.DRAFT: _l("Draft"),
        FollowUpStatus.READY: _l("Ready for approval"),
        FollowUpStatus.APPROVED: _l("Approved"),
        FollowUpStatus.PUBLISHED: _l("Published"),
    },
    Responsible: {
        Responsible.POLICE: _l("Police"),
        Responsible.MUNICIPALITY: _l("Municipality"),
        Responsible.BOTH: _l("Police and municipality"),
    },
    ActivityKind: {
        ActivityKind.SAFETY_WALK: _l("Safety walk"),
        ActivityKind.TRAFFIC_WALK: _l("Traffic walk"),
        ActivityKind.TRAFFIC_CONTROL: _l("Traffic control"),
        ActivityKind.PARENT_MEETING: _l("Parent meeting"),
        ActivityKind.INFORMATION: _l("Information campaign"),
        ActivityKind.PATROL: _l("Foot patrol"),
        ActivityKind.COOPERATION_MEETING: _l("Cooperation meeting (BRÅ, EST)"),
        ActivityKind.DOG_SEARCH: _l("Drug search with a dog"),
        ActivityKind.HOME_VISIT: _l("Home visit (Linköpingsmodellen)"),
        ActivityKind.CONCERN_TALK: _l("Talk of concern (orossamtal)"),
        ActivityKind.SCHOOL_VISIT: _l("School visit"),
        ActivityKind.PROPERTY_OWNER_MEETING: _l("Meeting with property owners"),
        ActivityKind.CITIZEN_DIALOGUE: _l("Citizen dialogue"),
        ActivityKind.OTHER: _l("Other activity"),
    },
}


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


def label(member: enum.Enum) -> str:
    """The translated label of an enum member (the same value in two enums may read differently)."""
    return str(LABELS[type(member)][member])


def role_title(user) -> str:
    """The user's role as their municipality names it: its chief_title for the safety chief."""
    if user is None or getattr(user, "role", None) is None:
        return ""
    role = Role(user.role)
    municipality = getattr(user, "municipality", None)
    if role == Role.SAFETY_CHIEF and municipality is not None and municipality.chief_title:
        return municipality.chief_title
    return label(role)


def choices(enum_cls: type[enum.Enum]) -> list[SelectChoice]:
    return [SelectChoice(member.value, text) for member, text in LABELS[enum_cls].items()]
