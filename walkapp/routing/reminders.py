"""Reminders to the safety chiefs of referrals whose owner has not answered in time."""

from datetime import date

from sqlalchemy.orm import Session

from walkapp.notifications.mail import mail_link
from walkapp.notifications.models import MessageKind
from walkapp.notifications.services import queue_message
from walkapp.routing import queries
from walkapp.routing.models import Referral


def queue_referral_reminders(db: Session, *, today: date) -> int:
    """Tell each municipality's safety chiefs of the referrals whose reply is late.

    One message per municipality and chief a day, naming each late referral at most once a
    week (its reminded_on); an answered or withdrawn referral is never named. How many queued.
    """
    by_municipality: dict[int, list[Referral]] = {}
    for referral in queries.referrals_to_remind(db, today):
        by_municipality.setdefault(referral.municipality_id, []).append(referral)
    queued = 0
    for municipality_id, referrals in by_municipality.items():
        chiefs = queries.safety_chiefs(db, municipality_id)
        for chief in chiefs:
            queued += bool(
                queue_message(
                    db,
                    kind=MessageKind.OVERDUE,
                    dedupe_key=f"referral_reminder:{municipality_id}:{today.isoformat()}",
                    to_address=chief.email,
                    template="mail/referral_reminder.txt",
                    municipality_id=municipality_id,
                    context={
                        "referrals": [
                            (
                                referral,
                                queries.days_overdue(referral, today),
                                mail_link("referrals.show", referral_id=referral.id),
                            )
                            for referral in referrals
                        ],
                        "today": today,
                    },
                )
            )
        if chiefs:
            for referral in referrals:
                referral.reminded_on = today
    db.flush()
    return queued
