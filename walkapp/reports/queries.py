"""Reads of follow-ups: a promise's (the promise itself read in scope) and the public versions."""

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from walkapp.auth.models import Role
from walkapp.places.models import Municipality
from walkapp.promises.models import Promise
from walkapp.promises.periods import due_on, period_title, periods_of
from walkapp.reports.models import FollowUp, FollowUpStatus, FollowUpVersion


def follow_up_of(db, promise: Promise, period_key: str) -> FollowUp | None:
    """The promise's follow-up for one period (the promise was read in the actor's scope)."""
    return db.scalar(
        select(FollowUp)
        .options(selectinload(FollowUp.texts), selectinload(FollowUp.approvals))
        .where(FollowUp.promise_id == promise.id, FollowUp.period_label == period_key)
    )


def follow_ups_of(db, promise: Promise) -> dict[str, FollowUp]:
    """Every follow-up the promise has, by period key, with their versions."""
    rows = db.scalars(
        select(FollowUp)
        .options(selectinload(FollowUp.versions))
        .where(FollowUp.promise_id == promise.id)
    )
    return {row.period_label: row for row in rows}


def versions_of(db, follow_up: FollowUp | None) -> list[FollowUpVersion]:
    """Its published versions, first first."""
    if follow_up is None:
        return []
    return list(
        db.scalars(
            select(FollowUpVersion)
            .where(FollowUpVersion.follow_up_id == follow_up.id)
            .order_by(FollowUpVersion.number)
        )
    )


def pick_version(versions: list[FollowUpVersion], number: int | None) -> FollowUpVersion | None:
    """The version asked for, or the latest; None when there is no such version."""
    if not versions:
        return None
    if number is None:
        return versions[-1]
    return next((version for version in versions if version.number == number), None)


# ---------- public reads: published versions only, never a draft ----------


def public_follow_up(db, slug: str, promise_id: int, period_key: str) -> FollowUp | None:
    """A follow-up of the municipality's promise that has at least one published version."""
    return db.scalar(
        select(FollowUp)
        .join(Promise, Promise.id == FollowUp.promise_id)
        .join(Municipality, Municipality.id == Promise.municipality_id)
        .where(
            Municipality.slug == slug,
            Promise.id == promise_id,
            FollowUp.period_label == period_key,
            FollowUp.id.in_(select(FollowUpVersion.follow_up_id)),
        )
    )


def public_versions(db, slug: str, promise_id: int, period_key: str) -> list[FollowUpVersion]:
    """The published versions of that follow-up, first first; [] for a draft or anything else."""
    follow_up = public_follow_up(db, slug, promise_id, period_key)
    return versions_of(db, follow_up)


def public_versions_of_municipality(
    db, municipality: Municipality, *, limit: int | None = None
) -> list[FollowUpVersion]:
    """Every published version of the municipality's follow-ups, newest first (public page, feed).

    Versions are what was published; a follow-up with none (a draft, one being approved) is
    never among them.
    """
    query = (
        select(FollowUpVersion)
        .join(FollowUp, FollowUp.id == FollowUpVersion.follow_up_id)
        .join(Promise, Promise.id == FollowUp.promise_id)
        .options(selectinload(FollowUpVersion.follow_up).selectinload(FollowUp.promise))
        .where(Promise.municipality_id == municipality.id)
        .order_by(FollowUpVersion.published_at.desc(), FollowUpVersion.id.desc())
    )
    if limit is not None:
        query = query.limit(limit)
    return list(db.scalars(query))


# ---------- the promise page's list of reports ----------

# Who reads drafts: the writers and signatories of the municipality (kept with the views' rule),
# and the police area officer following its municipalities' reports.
DRAFT_READERS = frozenset(
    {Role.SAFETY_CHIEF, Role.POLICE_COORDINATOR, Role.ADMIN, Role.POLICE_AREA}
)


def report_list(db, actor, promise: Promise, *, today: date) -> list[dict]:
    """Every report of the promise (periods, year-end, whole promise) with status and due date;
    a reader who does not read drafts sees the published ones only."""
    follow_ups = follow_ups_of(db, promise)
    reads_drafts = actor.role in DRAFT_READERS
    rows = []
    for period in periods_of(promise):
        follow_up = follow_ups.get(period.key)
        versions = follow_up.versions if follow_up else []
        if not reads_drafts and not versions:
            continue
        status = str(follow_up.status) if follow_up else None
        due = due_on(promise, period, follow_up)
        rows.append(
            {
                "period": period,
                "title": period_title(period),
                "status": status,
                "versions": len(versions),
                "due_on": due,
                "late": status != FollowUpStatus.PUBLISHED and not versions and today > due,
            }
        )
    return rows
