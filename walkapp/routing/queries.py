"""Reads of routing rules and referrals: who acts on what, and what was handed over."""

from datetime import date, timedelta

from sqlalchemy import case, select
from sqlalchemy.orm import joinedload

from walkapp import scope
from walkapp.auth.models import Role, User
from walkapp.observations.models import Observation, PlaceOwner
from walkapp.routing.models import Referral, ReferralStatus, RoutingRule

# A reminder about a referral whose reply is late goes out at most this often.
REMINDER_INTERVAL = timedelta(days=7)


def rules(db, actor, municipality_id: int) -> list[RoutingRule]:
    """The rules of one municipality the actor works in (none of any other), in a stable order."""
    return db.scalars(
        select(RoutingRule)
        .where(
            RoutingRule.municipality_id == municipality_id,
            scope.municipal(actor, RoutingRule.municipality_id),
        )
        .order_by(RoutingRule.category_code, RoutingRule.place_owner, RoutingRule.id)
    ).all()


def exact_rule(
    db, municipality_id: int, category_code: str, place_owner: PlaceOwner | None
) -> RoutingRule | None:
    """The one rule for exactly this category and owner (None: the rule for any owner)."""
    owner = (
        RoutingRule.place_owner.is_(None)
        if place_owner is None
        else RoutingRule.place_owner == place_owner
    )
    return db.scalar(
        select(RoutingRule)
        .where(
            RoutingRule.municipality_id == municipality_id,
            RoutingRule.category_code == category_code,
            owner,
        )
        .order_by(RoutingRule.id)
        .limit(1)
    )


def rule_for(
    db, municipality_id: int, category_code: str, place_owner: PlaceOwner | None
) -> RoutingRule | None:
    """The rule that routes an observation: the one naming its place's owner, else the one for
    any owner; None when the municipality has neither."""
    if place_owner is not None:
        rule = exact_rule(db, municipality_id, category_code, place_owner)
        if rule is not None:
            return rule
    return exact_rule(db, municipality_id, category_code, None)


# ---------- referrals ----------


def referral(db, actor, referral_id: int) -> Referral | None:
    """One referral of a municipality the actor works in; None also for another's (404)."""
    return db.scalar(
        select(Referral).where(
            Referral.id == referral_id, scope.municipal(actor, Referral.municipality_id)
        )
    )


def referrals_of_observation(db, actor, observation_id: int) -> list[Referral]:
    """The observation's referrals, newest first."""
    return list(
        db.scalars(
            select(Referral)
            .options(joinedload(Referral.organisation))
            .where(
                Referral.observation_id == observation_id,
                scope.municipal(actor, Referral.municipality_id),
            )
            .order_by(Referral.referred_at.desc(), Referral.id.desc())
        )
    )


def open_referral_of(db, observation_id: int) -> Referral | None:
    """The observation's referral still waiting for an answer (the service keeps one at most)."""
    return db.scalar(
        select(Referral)
        .where(Referral.observation_id == observation_id, Referral.status == ReferralStatus.SENT)
        .order_by(Referral.id.desc())
        .limit(1)
    )


def days_overdue(referral_: Referral, today: date) -> int:
    """Days since the reply was expected; 0 when it is not late (or no date was given)."""
    if referral_.status != ReferralStatus.SENT or referral_.expected_reply_on is None:
        return 0
    return max(0, (today - referral_.expected_reply_on).days)


def open_referrals(
    db, actor, today: date, municipality_id: int | None = None
) -> list[tuple[Referral, int]]:
    """The referrals waiting for an answer with their days overdue: the most overdue first,
    then by the expected date (none last), then the oldest."""
    query = (
        select(Referral)
        .options(
            joinedload(Referral.organisation),
            joinedload(Referral.observation).joinedload(Observation.category),
        )
        .where(
            Referral.status == ReferralStatus.SENT,
            scope.municipal(actor, Referral.municipality_id),
        )
    )
    if municipality_id is not None:
        query = query.where(Referral.municipality_id == municipality_id)
    is_late = case((Referral.expected_reply_on < today, 0), else_=1)
    query = query.order_by(
        is_late,
        Referral.expected_reply_on.is_(None),
        Referral.expected_reply_on,
        Referral.referred_at,
        Referral.id,
    )
    return [(r, days_overdue(r, today)) for r in db.scalars(query).unique()]


def public_referrals(db, observation_ids: list[int]) -> dict[int, Referral]:
    """For public pages of observations already public: each one's latest referral that was
    not withdrawn (who has it, and whether they answered)."""
    if not observation_ids:
        return {}
    latest: dict[int, Referral] = {}
    for row in db.scalars(
        select(Referral)
        .options(joinedload(Referral.organisation))
        .where(
            Referral.observation_id.in_(observation_ids),
            Referral.status != ReferralStatus.WITHDRAWN,
        )
        .order_by(Referral.referred_at, Referral.id)
    ):
        latest[row.observation_id] = row
    return latest


def referrals_to_remind(db, today: date) -> list[Referral]:
    """Every municipality's referrals whose reply date has passed and that were not reminded of
    within the interval (for the scheduled reminders; no actor)."""
    return list(
        db.scalars(
            select(Referral)
            .options(joinedload(Referral.organisation))
            .where(
                Referral.status == ReferralStatus.SENT,
                Referral.expected_reply_on < today,
                Referral.reminded_on.is_(None)
                | (Referral.reminded_on <= today - REMINDER_INTERVAL),
            )
            .order_by(Referral.municipality_id, Referral.expected_reply_on, Referral.id)
        )
    )


def safety_chiefs(db, municipality_id: int) -> list[User]:
    """The municipality's active safety chiefs, who are told of late replies."""
    return list(
        db.scalars(
            select(User)
            .where(
                User.municipality_id == municipality_id,
                User.role == Role.SAFETY_CHIEF,
                User.is_active,
            )
            .order_by(User.id)
        )
    )
