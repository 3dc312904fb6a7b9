"""The figures a follow-up report states (commitments, walks, actions): each defined once."""

import dataclasses
import statistics
from collections import Counter
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from walkapp.actions.models import Action, ActionStatus, action_observations
from walkapp.auth.models import role_title
from walkapp.events.models import Event, SubjectType
from walkapp.observations.models import Observation, ObservationStatus, Polarity
from walkapp.promises.models import Promise
from walkapp.promises.periods import Period
from walkapp.promises.queries import progress, promise_walks
from walkapp.reports.models import FollowUp

FIXED = frozenset({ActionStatus.DONE, ActionStatus.VERIFIED})
OPEN = frozenset({ActionStatus.OPEN, ActionStatus.PLANNED, ActionStatus.IN_PROGRESS})
MET, NOT_MET, IN_PROGRESS, NO_TARGET = "met", "not_met", "in_progress", "no_target"


def day_bounds(starts_on: date, ends_on: date, timezone: str) -> tuple[datetime, datetime]:
    """The period's first and last day in the municipality's time, as UTC [since, until)."""
    zone = ZoneInfo(timezone)
    return (
        datetime.combine(starts_on, time(), tzinfo=zone).astimezone(UTC),
        datetime.combine(ends_on + timedelta(days=1), time(), tzinfo=zone).astimezone(UTC),
    )


def iso(value) -> str | None:
    return None if value is None else value.isoformat()


def share(part: int, whole: int) -> int | None:
    """A whole percentage, or None when there is nothing to divide by."""
    return None if whole == 0 else round(100 * part / whole)


def _statuses_at(db: Session, subject_type: SubjectType, rows, as_of: datetime, initial: str):
    """Each row's status as it stood at `as_of`, from its status events.

    A row whose status never changed through an event (imported, or older than the events)
    keeps its stored status: there is nothing else to go by.
    """
    ids = [row.id for row in rows]
    changed, latest = set(), {}
    if ids:
        for subject_id, to_status, at in db.execute(
            select(Event.subject_id, Event.to_status, Event.at)
            .where(
                Event.subject_type == subject_type,
                Event.subject_id.in_(ids),
                Event.to_status.is_not(None),
            )
            .order_by(Event.at, Event.id)
        ):
            changed.add(subject_id)
            if at <= as_of:
                latest[subject_id] = to_status
    return {
        row.id: latest.get(row.id) or (initial if row.id in changed else str(row.status))
        for row in rows
    }


# ---------- commitments ----------


def _until(row, as_of: datetime):
    """A commitment's progress with only the walks and activities that existed at `as_of`."""
    return dataclasses.replace(
        row,
        walks=[walk for walk in row.walks if walk.starts_at <= as_of],
        activities=[a for a in row.activities if a.created_at is None or a.created_at <= as_of],
    )


def _state(done: int, target: int | None, ended: bool) -> str:
    if target is None:
        return NO_TARGET
    if done >= target:
        return MET
    return NOT_MET if ended else IN_PROGRESS


def _activity(activity, *, staff: bool) -> dict:
    row = {
        "kind": str(activity.kind),
        "done_on": activity.done_on.isoformat(),
        "count": activity.count,
        "quantity": activity.quantity,
    }
    if staff:  # working notes and names never leave the staff's pages
        row["note"] = activity.note or ""
        row["by"] = activity.created_by.name if activity.created_by else ""
    return row


def _writer(user, *, staff: bool) -> dict | None:
    if user is None:
        return None
    written = {"role": str(user.role), "title": role_title(user)}
    if staff:
        written["name"] = user.name
    return written


def commitment_figures(
    db: Session,
    promise: Promise,
    period: Period,
    follow_up: FollowUp | None,
    *,
    as_of: datetime,
    timezone: str,
    staff: bool,
) -> list[dict]:
    """Per commitment: the period's figure, the figure to date, the target and its state."""
    in_period = progress(
        db, promise, starts_on=period.starts_on, ends_on=period.ends_on, timezone=timezone
    )
    to_date = {
        row.commitment.id: _until(row, as_of)
        for row in progress(
            db, promise, starts_on=promise.starts_on, ends_on=period.ends_on, timezone=timezone
        )
    }
    texts = {text.commitment_id: text for text in (follow_up.texts if follow_up else [])}
    # A target is the promise's, not the period's: it is judged met or not met only once the
    # promise itself has ended; before that a period reports how far it has come.
    ended = period.ends_on >= promise.ends_on and period.has_ended(
        as_of.astimezone(ZoneInfo(timezone)).date()
    )
    rows = []
    for row in in_period:
        row = _until(row, as_of)
        commitment, so_far = row.commitment, to_date[row.commitment.id]
        text = texts.get(commitment.id)
        rows.append(
            {
                "id": commitment.id,
                "position": commitment.position,
                "text": commitment.text,
                "responsible": str(commitment.responsible),
                "activity_kind": str(commitment.activity_kind),
                "locality": commitment.locality.name if commitment.locality else None,
                "target": commitment.target_count,
                "period_done": row.done,
                "to_date": so_far.done,
                "percent": share(
                    min(so_far.done, commitment.target_count or 0), commitment.target_count or 0
                ),
                "state": _state(so_far.done, commitment.target_count, ended),
                "walks": [
                    {"title": walk.title, "starts_at": iso(walk.starts_at)} for walk in row.walks
                ],
                "activities": [_activity(a, staff=staff) for a in row.activities],
                "texts": {
                    "done": text.done_text if text else "",
                    "outcome": text.outcome_text if text else "",
                    "next": text.next_text if text else "",
                    "written_by": _writer(text.updated_by if text else None, staff=staff),
                },
            }
        )
    return rows


# ---------- walks, observations and actions ----------


def walk_figures(
    db: Session, promise: Promise, starts_on: date, ends_on: date, *, as_of: datetime, timezone: str
) -> dict:
    """The walks held within the dates, what they found and what was done about it."""
    since, until = day_bounds(starts_on, ends_on, timezone)
    walks = [w for w in promise_walks(db, promise, since, until) if w.starts_at <= as_of]
    observations = list(
        db.scalars(
            select(Observation)
            .options(joinedload(Observation.category))
            .where(
                Observation.walk_id.in_([walk.id for walk in walks]),
                Observation.status != ObservationStatus.DUPLICATE,
                Observation.received_at <= as_of,
            )
            .order_by(Observation.id)
        )
    )
    status = _statuses_at(db, SubjectType.OBSERVATION, observations, as_of, "received")
    observations = [o for o in observations if status[o.id] != ObservationStatus.DUPLICATE]
    assessed = [o for o in observations if status[o.id] != ObservationStatus.RECEIVED]
    no_action = [o.id for o in observations if status[o.id] == ObservationStatus.NO_ACTION]
    reasons = db.scalars(
        select(Event.public_note)
        .where(
            Event.subject_type == SubjectType.OBSERVATION,
            Event.subject_id.in_(no_action),
            Event.to_status == ObservationStatus.NO_ACTION,
            Event.public_note.is_not(None),
            Event.at <= as_of,
        )
        .order_by(Event.at)
    ).all()
    categories = Counter(o.category_code for o in observations)
    category_of = {o.category_code: o.category for o in observations}
    groups = Counter(str(o.category.group) for o in observations)
    return {
        "walks": [
            {
                "title": walk.title,
                "kind": str(walk.kind),
                "starts_at": iso(walk.starts_at),
                "locality": walk.locality.name if walk.locality else None,
                # Every held walk has a public protocol (walkapp.protocol) at this token.
                "protocol_token": walk.public_token,
            }
            for walk in walks
        ],
        "observations": {
            "total": len(observations),
            "safe_places": sum(1 for o in observations if o.polarity == Polarity.POSITIVE),
            "assessed": len(assessed),
            "referred": sum(1 for o in observations if status[o.id] == ObservationStatus.REFERRED),
            "no_action": len(no_action),
            "no_action_reasons": list(dict.fromkeys(reasons)),
            "by_category": [
                {
                    "code": code,
                    "label_sv": category_of[code].label_sv,
                    "label_en": category_of[code].label_en,
                    "group": str(category_of[code].group),
                    "count": count,
                }
                for code, count in categories.most_common()
            ],
            "by_group": [{"group": g, "count": n} for g, n in sorted(groups.items())],
            # Only assessed observations are on the map: place and category, nothing else.
            "points": [
                {
                    "lat": round(o.lat, 5),
                    "lon": round(o.lon, 5),
                    "code": o.category_code,
                    "label_sv": o.category.label_sv,
                    "label_en": o.category.label_en,
                }
                for o in assessed
            ],
        },
        "actions": action_figures(db, [o.id for o in observations], as_of=as_of, timezone=timezone),
    }


def action_figures(
    db: Session, observation_ids: list[int], *, as_of: datetime, timezone: str
) -> dict:
    """The actions on these observations as they stood at `as_of`; rejected ones never count.

    "Fixed within the due date" is judged only for actions that are fixed or whose due date
    has passed: an open action that is not yet due is no failure.
    """
    actions = list(
        db.scalars(
            select(Action)
            .where(
                Action.id.in_(
                    select(action_observations.c.action_id).where(
                        action_observations.c.observation_id.in_(observation_ids)
                    )
                ),
                Action.created_at <= as_of,
            )
            .order_by(Action.id)
        )
    )
    status = _statuses_at(db, SubjectType.ACTION, actions, as_of, "open")
    zone = ZoneInfo(timezone)
    today = as_of.astimezone(zone).date()
    counted = [a for a in actions if status[a.id] != ActionStatus.REJECTED]
    fixed = [
        a
        for a in counted
        if status[a.id] in FIXED and a.closed_at is not None and a.closed_at <= as_of
    ]
    still_open = [a for a in counted if a not in fixed]
    overdue = [a for a in still_open if a.due_on is not None and a.due_on < today]
    in_time = [
        a for a in fixed if a.due_on is None or a.closed_at.astimezone(zone).date() <= a.due_on
    ]
    days = [(a.closed_at - a.created_at).total_seconds() / 86400 for a in fixed]
    judged = len(fixed) + len(overdue)
    return {
        "total": len(counted),
        "fixed": len(fixed),
        "fixed_in_time": len(in_time),
        "fixed_late": len(fixed) - len(in_time),
        "overdue": len(overdue),
        "not_yet_due": len(still_open) - len(overdue),
        "judged": judged,
        "share_fixed_in_time": share(len(in_time), judged),
        "median_days_to_fix": round(statistics.median(days), 1) if days else None,
    }


def promise_figures(db: Session, promise: Promise, *, as_of: datetime, timezone: str) -> dict:
    """The whole promise's walks, observations and actions, by the reports' own definitions."""
    return walk_figures(
        db, promise, promise.starts_on, promise.ends_on, as_of=as_of, timezone=timezone
    )
