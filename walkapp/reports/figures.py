"""The figures a follow-up report states (commitments, walks, actions): each defined once."""

import dataclasses
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from walkapp.auth.models import role_title
from walkapp.promises.models import Promise
from walkapp.promises.periods import Period
from walkapp.promises.queries import progress, promise_walks
from walkapp.reports import aggregates
from walkapp.reports.models import FollowUp
from walkapp.walks import serializers as walk_serializers

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
    since, until = day_bounds(promise.starts_on, period.ends_on, timezone)
    to_date = aggregates.done_by_commitment(
        db,
        [row.commitment.id for row in in_period],
        starts_on=promise.starts_on,
        ends_on=period.ends_on,
        since=since,
        until=until,
        as_of=as_of,
    )
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
                "to_date": so_far,
                "percent": share(
                    min(so_far, commitment.target_count or 0), commitment.target_count or 0
                ),
                "state": _state(so_far, commitment.target_count, ended),
                "walks": [walk_serializers.for_commitment(walk) for walk in row.walks],
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
    # Counted where they are: at 100,000 observations no row is read into Python but the map's.
    counted = aggregates.counted_observations([walk.id for walk in walks], as_of)
    counts = aggregates.observation_counts(db, counted)
    labels = {category.code: category for category, _count in counts.by_category}
    return {
        # Every held walk has a public protocol (walkapp.protocol) at its token.
        "walks": [walk_serializers.for_report(walk) for walk in walks],
        "observations": {
            "total": counts.total,
            "safe_places": counts.safe_places,
            "assessed": counts.assessed,
            "referred": counts.referred,
            "no_action": counts.no_action,
            "no_action_reasons": aggregates.no_action_reasons(db, counted, as_of),
            "by_category": [
                {
                    "code": category.code,
                    "label_sv": category.label_sv,
                    "label_en": category.label_en,
                    "group": str(category.group),
                    "count": count,
                }
                for category, count in counts.by_category
            ],
            "by_group": [{"group": g, "count": n} for g, n in sorted(counts.by_group.items())],
            # Only assessed observations are on the map: place and category, nothing else.
            "points": [
                {
                    "lat": round(lat, 5),
                    "lon": round(lon, 5),
                    "code": code,
                    "label_sv": labels[code].label_sv,
                    "label_en": labels[code].label_en,
                }
                for lat, lon, code in aggregates.assessed_points(db, counted)
            ],
        },
        "actions": action_figures(db, select(counted.c.id), as_of=as_of, timezone=timezone),
    }


def action_figures(db: Session, observation_ids: Select, *, as_of: datetime, timezone: str) -> dict:
    """The actions on these observations (a SELECT of their ids) as they stood at `as_of`;
    rejected ones never count.

    "Fixed within the due date" is judged only for actions that are fixed or whose due date
    has passed: an open action that is not yet due is no failure.
    """
    today = as_of.astimezone(ZoneInfo(timezone)).date()
    counts = aggregates.action_counts(
        db, observation_ids, as_of=as_of, today=today, timezone=timezone
    )
    judged = counts.fixed + counts.overdue
    median = counts.median_days_to_fix
    return {
        "total": counts.total,
        "fixed": counts.fixed,
        "fixed_in_time": counts.fixed_in_time,
        "fixed_late": counts.fixed - counts.fixed_in_time,
        "overdue": counts.overdue,
        "not_yet_due": counts.total - counts.fixed - counts.overdue,
        "judged": judged,
        "share_fixed_in_time": share(counts.fixed_in_time, judged),
        "median_days_to_fix": None if median is None else round(median, 1),
    }


def promise_figures(db: Session, promise: Promise, *, as_of: datetime, timezone: str) -> dict:
    """The whole promise's walks, observations and actions, by the reports' own definitions."""
    return walk_figures(
        db, promise, promise.starts_on, promise.ends_on, as_of=as_of, timezone=timezone
    )
