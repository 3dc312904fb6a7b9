"""Reads behind each role's start page, each scoped to the actor by the rule in walkapp.scope."""

from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from walkapp import scope
from walkapp.actions.models import OPEN_ACTION_STATUSES, Action
from walkapp.auth.models import User
from walkapp.observations.models import Observation, ObservationStatus
from walkapp.places.models import Locality, Municipality, Organisation
from walkapp.promises.models import Promise
from walkapp.promises.periods import period_title
from walkapp.reports.reminders import reports_due
from walkapp.walks.models import Walk, WalkParticipant, WalkStatus


def participant_start(db: Session, user: User, today: date) -> dict:
    walks = db.scalars(
        select(Walk)
        .join(WalkParticipant, WalkParticipant.walk_id == Walk.id)
        .where(WalkParticipant.user_id == user.id)
        .order_by(Walk.starts_at.desc())
    ).all()
    observation_count = db.scalar(
        select(func.count(Observation.id))
        .join(WalkParticipant, Observation.author_id == WalkParticipant.id)
        .where(WalkParticipant.user_id == user.id)
    )
    return {"walks": walks, "observation_count": observation_count or 0}


def walk_leader_start(db: Session, user: User, today: date) -> dict:
    led = db.scalars(
        select(Walk).where(Walk.leader_id == user.id).order_by(Walk.starts_at.desc())
    ).all()
    upcoming = db.scalars(
        select(Walk)
        .where(
            Walk.municipality_id == user.municipality_id,
            Walk.status.in_([WalkStatus.PLANNED, WalkStatus.ACTIVE]),
        )
        .order_by(Walk.starts_at)
    ).all()
    return {"led": led, "upcoming": upcoming}


def safety_chief_start(db: Session, user: User, today: date) -> dict:
    municipality_id = user.municipality_id
    walk_counts = dict(
        db.execute(
            select(Walk.status, func.count(Walk.id))
            .where(Walk.municipality_id == municipality_id)
            .group_by(Walk.status)
        ).all()
    )
    awaiting_triage = db.scalar(
        select(func.count(Observation.id)).where(
            Observation.municipality_id == municipality_id,
            Observation.status == ObservationStatus.RECEIVED,
        )
    )
    open_actions = select(Action).where(
        Action.municipality_id == municipality_id, Action.status.in_(OPEN_ACTION_STATUSES)
    )
    open_count = db.scalar(select(func.count()).select_from(open_actions.subquery()))
    overdue_count = db.scalar(
        select(func.count()).select_from(open_actions.where(Action.due_on < today).subquery())
    )
    recent_walks = db.scalars(
        select(Walk)
        .where(Walk.municipality_id == municipality_id)
        .order_by(Walk.starts_at.desc())
        .limit(10)
    ).all()
    promises = db.scalars(
        select(Promise)
        .where(Promise.municipality_id == municipality_id)
        .order_by(Promise.ends_on.desc(), Promise.title)
        .limit(3)
    ).all()
    return {
        "walk_counts": [(status, walk_counts.get(status, 0)) for status in WalkStatus],
        "awaiting_triage": awaiting_triage or 0,
        "open_actions": open_count or 0,
        "overdue_actions": overdue_count or 0,
        "recent_walks": recent_walks,
        "promises": promises,
    }


def police_coordinator_start(db: Session, user: User, today: date) -> dict:
    """The kommunpolis: the chief's overview of the municipality, and the reports due soon."""
    due = reports_due(db, today=today, municipality_id=user.municipality_id)
    return {
        **safety_chief_start(db, user, today),
        "reports_due": [(report, period_title(report.period)) for report in due],
        "today": today,
    }


def handler_start(db: Session, user: User, today: date) -> dict:
    actions = db.scalars(
        select(Action)
        .where(scope.actions(user), Action.status.in_(OPEN_ACTION_STATUSES))
        .order_by(Action.due_on.is_(None), Action.due_on, Action.id)
    ).all()
    return {"actions": actions, "today": today}


def admin_start(db: Session, user: User, today: date) -> dict:
    def count(model, column):
        return (
            db.scalar(
                select(func.count(column)).where(scope.municipal(user, model.municipality_id))
            )
            or 0
        )

    return {
        "user_count": count(User, User.id),
        "organisation_count": count(Organisation, Organisation.id),
        "locality_count": count(Locality, Locality.id),
        # A national administrator's view across the municipalities it reads.
        "overview": municipality_overview(db, user, today) if user.is_global_admin else [],
    }


def _counts_by_municipality(db: Session, query) -> dict[int, int]:
    return dict(db.execute(query).all())


def municipality_overview(db: Session, user: User, today: date) -> list[dict]:
    """For those who read several municipalities: each one's work in figures, by name."""
    open_actions = select(Action.municipality_id, func.count(Action.id)).where(
        scope.actions(user), Action.status.in_(OPEN_ACTION_STATUSES)
    )
    awaiting = _counts_by_municipality(
        db,
        select(Observation.municipality_id, func.count(Observation.id))
        .where(
            scope.municipal(user, Observation.municipality_id),
            Observation.status == ObservationStatus.RECEIVED,
        )
        .group_by(Observation.municipality_id),
    )
    open_counts = _counts_by_municipality(db, open_actions.group_by(Action.municipality_id))
    overdue = _counts_by_municipality(
        db, open_actions.where(Action.due_on < today).group_by(Action.municipality_id)
    )
    municipalities = db.scalars(
        select(Municipality)
        .where(scope.municipal(user, Municipality.id))
        .order_by(Municipality.name)
    )
    return [
        {
            "municipality": m,
            "awaiting_triage": awaiting.get(m.id, 0),
            "open_actions": open_counts.get(m.id, 0),
            "overdue_actions": overdue.get(m.id, 0),
        }
        for m in municipalities
    ]


def police_area_start(db: Session, user: User, today: date) -> dict:
    """The police area officer: every municipality of the area, and the reports due soon."""
    overview = municipality_overview(db, user, today)
    due = [
        (report, period_title(report.period))
        for row in overview
        for report in reports_due(db, today=today, municipality_id=row["municipality"].id)
    ]
    return {
        "area": user.police_area,
        "overview": overview,
        "reports_due": sorted(due, key=lambda pair: pair[0].due_on),
        "today": today,
    }
