"""E-mail to a promise's authors when a period's follow-up report is due soon, and while it is late.

The authors are the municipality's active safety chiefs and kommunpolis. A "due" reminder goes
once, up to a week before the due date; a "late" one at most once a week after it, for a limited
time (a report years overdue is history, not work to nag about). A published report (or one being
corrected after publication) is never reminded of. The dates sent are kept on the follow-up, and
every message has a key in the outbox: a second run the same day sends nothing new.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from walkapp.auth.models import Role, User
from walkapp.notifications.mail import Link, mail_link
from walkapp.notifications.models import MessageKind
from walkapp.notifications.services import queue_message
from walkapp.promises.models import Promise
from walkapp.promises.periods import Period, due_on, period_title, regular_periods
from walkapp.reports.models import FollowUp, FollowUpStatus

DUE_SOON_DAYS = 7  # the "due" reminder: this many days before the due date, or fewer
LATE_EVERY_DAYS = 7  # a late report: one reminder a week
LATE_FOR_DAYS = 91  # ...for thirteen weeks after the due date, then no more
MAX_DUE_DAYS = 180  # the longest a promise may set between a period's end and its report
AUTHOR_ROLES = (Role.SAFETY_CHIEF, Role.POLICE_COORDINATOR)


@dataclass(frozen=True)
class DueReport:
    """A regular period's report that is due soon or late, and not published."""

    promise: Promise
    period: Period
    due_on: date
    follow_up: FollowUp | None

    def is_late(self, today: date) -> bool:
        return today > self.due_on


def is_published(follow_up: FollowUp | None) -> bool:
    return follow_up is not None and (
        follow_up.published_at is not None or follow_up.status == FollowUpStatus.PUBLISHED
    )


def reports_due(db: Session, *, today: date, municipality_id: int | None = None) -> list[DueReport]:
    """Unpublished reports due within DUE_SOON_DAYS or late by at most LATE_FOR_DAYS, by date.

    Only the regular periods: the year-end reports are written when the authors choose to.
    """
    query = select(Promise).where(
        Promise.starts_on <= today + timedelta(days=DUE_SOON_DAYS),
        Promise.ends_on >= today - timedelta(days=MAX_DUE_DAYS + LATE_FOR_DAYS),
    )
    if municipality_id is not None:
        query = query.where(Promise.municipality_id == municipality_id)
    due = []
    for promise in db.scalars(query.order_by(Promise.id)):
        follow_ups = {
            follow_up.period_label: follow_up
            for follow_up in db.scalars(select(FollowUp).where(FollowUp.promise_id == promise.id))
        }
        for period in regular_periods(promise):
            follow_up = follow_ups.get(period.key)
            if is_published(follow_up):
                continue
            day = due_on(promise, period, follow_up)
            if (
                today - timedelta(days=LATE_FOR_DAYS)
                <= day
                <= today + timedelta(days=DUE_SOON_DAYS)
            ):
                due.append(DueReport(promise, period, day, follow_up))
    return sorted(due, key=lambda report: (report.due_on, report.promise.id))


def _authors(db: Session, municipality_id: int) -> list[User]:
    return list(
        db.scalars(
            select(User)
            .where(
                User.municipality_id == municipality_id,
                User.role.in_(AUTHOR_ROLES),
                User.is_active,
            )
            .order_by(User.id)
        )
    )


def _draft_for(db: Session, report: DueReport) -> FollowUp:
    """The period's follow-up row, created as a draft the first time it is reminded of."""
    if report.follow_up is not None:
        return report.follow_up
    follow_up = FollowUp(
        promise=report.promise,
        period_label=report.period.key,
        starts_on=report.period.starts_on,
        ends_on=report.period.ends_on,
        status=FollowUpStatus.DRAFT,
    )
    db.add(follow_up)
    db.flush()
    return follow_up


def _report_url(promise: Promise, period: Period) -> Link:
    return mail_link("reports.show", promise_id=promise.id, period_key=period.key)


def _needs_reminder(report: DueReport, today: date) -> bool:
    follow_up = report.follow_up
    if follow_up is None:
        return True
    if report.is_late(today):
        last = follow_up.late_reminded_on
        return last is None or today - last >= timedelta(days=LATE_EVERY_DAYS)
    # Once per due date: a due date moved later than a week past the reminder is a new one.
    last = follow_up.due_reminded_on
    return last is None or last < report.due_on - timedelta(days=DUE_SOON_DAYS)


def queue_follow_up_reminders(db: Session, *, today: date) -> int:
    """Queue the due and late reminders of every municipality; how many messages were new."""
    queued = 0
    for report in reports_due(db, today=today):
        if not _needs_reminder(report, today):
            continue
        authors = _authors(db, report.promise.municipality_id)
        if not authors:
            continue  # nobody to tell yet: the first author to arrive is told on the next run
        follow_up = _draft_for(db, report)
        late = report.is_late(today)
        if late:
            kind, template = MessageKind.FOLLOW_UP, "mail/follow_up_late.txt"
            key = f"follow_up_late:{follow_up.id}:{today.isoformat()}"
            follow_up.late_reminded_on = today
        else:
            kind, template = MessageKind.FOLLOW_UP, "mail/follow_up_due.txt"
            key = f"follow_up_due:{follow_up.id}:{report.due_on.isoformat()}"
            follow_up.due_reminded_on = today
        for author in authors:
            message = queue_message(
                db,
                kind=kind,
                dedupe_key=key,
                to_address=author.email,
                template=template,
                municipality_id=report.promise.municipality_id,
                context={
                    "promise": report.promise,
                    "period": report.period,
                    "period_title": period_title,
                    "due_on": report.due_on,
                    "days": abs((report.due_on - today).days),
                    "url": _report_url(report.promise, report.period),
                },
            )
            queued += message is not None
    db.flush()
    return queued
