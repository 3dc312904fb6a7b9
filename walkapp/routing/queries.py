"""Reads of routing rules: the municipality's division of responsibility."""

from sqlalchemy import select

from walkapp import scope
from walkapp.observations.models import PlaceOwner
from walkapp.routing.models import RoutingRule


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
