"""Translated labels for every enum shown in the UI, in one place (the `label` template filter)."""

import enum

from flask_babel import lazy_gettext as _l
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
from walkapp.promises.models import ActivityKind, Responsible
from walkapp.walks.models import LightConditions, Represents, WalkKind, WalkStatus

LABELS: dict[type[enum.Enum], dict] = {
    Role: {
        Role.PARTICIPANT: _l("Participant"),
        Role.WALK_LEADER: _l("Walk leader"),
        Role.SAFETY_CHIEF: _l("Safety chief"),
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
        ActivityKind.PATROL: _l("Patrol"),
        ActivityKind.OTHER: _l("Other activity"),
    },
}


def label(member: enum.Enum) -> str:
    """The translated label of an enum member (the same value in two enums may read differently)."""
    return str(LABELS[type(member)][member])


def choices(enum_cls: type[enum.Enum]) -> list[SelectChoice]:
    return [SelectChoice(member.value, text) for member, text in LABELS[enum_cls].items()]
