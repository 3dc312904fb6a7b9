"""Activities that count toward commitments: logging, editing and deleting them, with events."""

import math
from dataclasses import dataclass
from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from walkapp.auth.models import Role, User
from walkapp.errors import DomainError, Forbidden
from walkapp.events.models import EventKind, SubjectType
from walkapp.events.services import record_event
from walkapp.labels import label
from walkapp.personal_data import check_activity_note
from walkapp.places.models import OrganisationKind
from walkapp.promises.models import Activity, ActivityKind, Commitment
from walkapp.promises.units import quantity_unit
from walkapp.security import in_scope

# Walks count themselves (by the walks linked to a commitment): never logged as activities.
WALK_KINDS = frozenset({ActivityKind.SAFETY_WALK, ActivityKind.TRAFFIC_WALK})
LOGGABLE_KINDS = tuple(kind for kind in ActivityKind if kind not in WALK_KINDS)
AUTHORS = frozenset({Role.SAFETY_CHIEF, Role.POLICE_COORDINATOR, Role.WALK_LEADER, Role.HANDLER})
MAX_COUNT = 10_000
# A year of foot patrols in hours, or the households one letter reached: never more than this.
MAX_QUANTITY = 1_000_000
MAX_NOTE = 500


class InvalidActivity(DomainError):
    status_code = 422


def may_log(actor: User, municipality_id: int) -> bool:
    """The chief, the kommunpolis, walk leaders and handlers of the municipality log activities."""
    return actor.role in AUTHORS and in_scope(actor, municipality_id)


def _is_police(user: User | None) -> bool:
    if user is None:
        return False
    if user.role == Role.POLICE_COORDINATOR:
        return True
    organisation = user.organisation
    return (
        user.role == Role.HANDLER
        and organisation is not None
        and (organisation.kind == OrganisationKind.POLICE)
    )


def may_change(actor: User, activity: Activity) -> bool:
    """Its author or the chief; the kommunpolis also what the police logged (a colleague's)."""
    if not may_log(actor, activity.municipality_id):
        return False
    if activity.created_by_id == actor.id or actor.role == Role.SAFETY_CHIEF:
        return True
    return actor.role == Role.POLICE_COORDINATOR and _is_police(activity.created_by)


@dataclass(frozen=True)
class ActivityValues:
    """What was done, as the form holds it: checked by the same rules when logged or changed."""

    kind: ActivityKind
    done_on: date
    count: int
    quantity: float | None
    note: str
    commitments: tuple[Commitment, ...]


def _checked(municipality_id: int, values: ActivityValues, today: date) -> ActivityValues:
    """Every rule of an activity, checked before anything is changed; the values to store."""
    try:
        kind = ActivityKind(values.kind)
    except ValueError:
        raise InvalidActivity(_l("Choose what kind of activity it was.")) from None
    done_on, count, quantity = values.done_on, values.count, values.quantity
    if kind in WALK_KINDS:
        raise InvalidActivity(_l("Walks count by themselves: plan the walk instead."))
    if not 1 <= count <= MAX_COUNT:
        raise InvalidActivity(_l("The number is between 1 and 10,000."))
    if done_on > today:
        raise InvalidActivity(_l("An activity is logged once it has been done."))
    unit = quantity_unit(kind)
    if quantity is not None:
        if unit is None:
            raise InvalidActivity(
                _l(
                    "%(kind)s is counted by number only: leave the quantity empty.",
                    kind=label(kind),
                )
            )
        if not math.isfinite(quantity) or not 0 <= quantity <= MAX_QUANTITY:
            raise InvalidActivity(_l("The quantity is between 0 and 1,000,000."))
        if unit.whole and not float(quantity).is_integer():
            raise InvalidActivity(_l("The quantity (%(unit)s) is a whole number.", unit=unit.name))
    if not values.commitments:
        raise InvalidActivity(_l("Choose at least one commitment the activity counts toward."))
    for commitment in values.commitments:
        promise = commitment.promise
        if promise.municipality_id != municipality_id:
            raise InvalidActivity(_l("The commitment belongs to another municipality."))
        if not promise.starts_on <= done_on <= promise.ends_on:
            raise InvalidActivity(
                _l(
                    "The date is outside the promise “%(title)s”: it would not count there.",
                    title=promise.title,
                )
            )
    note = (values.note or "").strip()
    if len(note) > MAX_NOTE:
        raise InvalidActivity(_l("The note is too long (at most 500 characters)."))
    # Activities are counted, never about a person (a home visit names a child): no override.
    check_activity_note(note)
    return ActivityValues(
        kind=kind,
        done_on=done_on,
        count=count,
        quantity=None if quantity is None else float(quantity),
        note=note,
        commitments=tuple(dict.fromkeys(values.commitments)),
    )


def _store(activity: Activity, checked: ActivityValues) -> None:
    activity.kind = checked.kind
    activity.done_on = checked.done_on
    activity.count = checked.count
    activity.quantity = checked.quantity
    activity.note = checked.note
    activity.commitments = list(checked.commitments)


def summary(activity: Activity) -> str:
    """What the event keeps of an activity: kind, date, numbers, commitments; never the note."""
    text = f"{ActivityKind(activity.kind).value} {activity.done_on.isoformat()} ×{activity.count}"
    if activity.quantity is not None:
        text += f" ({activity.quantity:g})"
    ids = ", ".join(str(c.id) for c in activity.commitments)
    return f"{text}; commitments {ids}"


def log_activity(
    db: Session,
    actor: User,
    municipality_id: int,
    values: ActivityValues,
    *,
    today: date,
    now: datetime | None = None,
) -> Activity:
    """Log what was done; it counts toward each of the chosen commitments.

    `now`: when it was logged (the demo's activities of earlier years); default the clock's now.
    """
    if not may_log(actor, municipality_id):
        raise Forbidden(_l("Only the municipality's staff and the police log activities."))
    checked = _checked(municipality_id, values, today)
    activity = Activity(municipality_id=municipality_id, created_by_id=actor.id)
    _store(activity, checked)
    if now is not None:
        activity.created_at = activity.updated_at = now
    db.add(activity)
    db.flush()
    record_event(
        db,
        actor,
        SubjectType.ACTIVITY,
        activity.id,
        EventKind.CREATED,
        public_note=summary(activity),
        at=now,
    )
    db.flush()
    return activity


def _changes(activity: Activity, checked: ActivityValues) -> list[str]:
    """The fields that change, named (the note's words stay out of the history)."""
    changed = []
    for name in ("kind", "done_on", "count", "quantity"):
        before, after = getattr(activity, name), getattr(checked, name)
        if before != after:
            changed.append(f"{name}: {before} → {after}")
    if activity.note != checked.note:
        changed.append("note")
    before = [c.id for c in activity.commitments]
    after = [c.id for c in checked.commitments]
    if sorted(before) != sorted(after):
        changed.append(f"commitments: {before} → {after}")
    return changed


def update_activity(
    db: Session, actor: User, activity: Activity, values: ActivityValues, *, today: date
) -> Activity:
    """Correct an activity: by its author or the chief, checked as when it was logged."""
    if not may_change(actor, activity):
        raise Forbidden(_l("Only the activity's author or the safety chief may change it."))
    checked = _checked(activity.municipality_id, values, today)
    changed = _changes(activity, checked)
    if not changed:
        return activity
    _store(activity, checked)
    db.flush()
    record_event(
        db,
        actor,
        SubjectType.ACTIVITY,
        activity.id,
        EventKind.UPDATED,
        public_note=summary(activity),
        internal_note="; ".join(changed),
    )
    db.flush()
    return activity


def delete_activity(db: Session, actor: User, activity: Activity, *, now: datetime) -> None:
    """Remove an activity from every count; the event keeps who, when and what it was."""
    if not may_change(actor, activity):
        raise Forbidden(_l("Only the activity's author or the safety chief may delete it."))
    record_event(
        db,
        actor,
        SubjectType.ACTIVITY,
        activity.id,
        EventKind.DELETED,
        public_note=summary(activity),
        at=now,
    )
    db.delete(activity)
    db.flush()
