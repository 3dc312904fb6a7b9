"""Routing rules: the safety chief or an administrator writes who acts on what."""

from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from walkapp.auth.models import Role, User
from walkapp.db import utcnow
from walkapp.errors import DomainError, Forbidden, NotFound
from walkapp.observations.models import Category, PlaceOwner
from walkapp.places.models import Municipality, Organisation
from walkapp.routing.models import RoutingRule
from walkapp.routing.queries import exact_rule
from walkapp.security import in_scope

NOTE_MAX_LENGTH = 300


class InvalidRule(DomainError):
    status_code = 422


def _check_editor(actor: User | None, municipality: Municipality | None) -> None:
    """The municipality's safety chief or an administrator of it (a national one: any).

    `actor` None is the system itself (the demo seed), as for organisations.
    """
    if municipality is None:
        raise NotFound(_l("There is no such municipality."))
    if actor is None:
        return
    if actor.role not in (Role.SAFETY_CHIEF, Role.ADMIN) or not in_scope(actor, municipality.id):
        raise Forbidden(_l("Only the municipality's safety chief or an administrator sets rules."))


def _place_owner(place_owner: PlaceOwner | str | None) -> PlaceOwner | None:
    if place_owner in (None, ""):
        return None
    try:
        return PlaceOwner(place_owner)
    except ValueError:
        raise InvalidRule(_l("Unknown owner of the place.")) from None


def _category(category: Category | None) -> Category:
    if category is None or not category.is_active:
        raise InvalidRule(_l("Choose a category."))
    return category


def set_routing_rule(
    db: Session,
    actor: User | None,
    municipality: Municipality | None,
    category: Category | None,
    place_owner: PlaceOwner | str | None,
    organisation: Organisation | None,
    note: str = "",
    *,
    now: datetime | None = None,
) -> RoutingRule:
    """Create or replace the one rule for (category, owner) in the municipality."""
    _check_editor(actor, municipality)
    category = _category(category)
    owner = _place_owner(place_owner)
    if organisation is None or organisation.municipality_id != municipality.id:
        # Another municipality's organisation is "not there", like a missing one.
        raise NotFound(_l("There is no such organisation."))
    if not organisation.is_active:
        raise InvalidRule(_l("The organisation is no longer active."))
    note = (note or "").strip()
    if len(note) > NOTE_MAX_LENGTH:
        raise InvalidRule(_l("The note is too long (at most %(n)d characters).", n=NOTE_MAX_LENGTH))
    rule = exact_rule(db, municipality.id, category.code, owner)
    if rule is None:
        rule = RoutingRule(
            municipality_id=municipality.id, category_code=category.code, place_owner=owner
        )
        db.add(rule)
    rule.organisation = organisation
    rule.organisation_id = organisation.id
    rule.note = note
    rule.updated_at = now or utcnow()
    db.flush()
    return rule


def delete_routing_rule(
    db: Session,
    actor: User | None,
    municipality: Municipality | None,
    category: Category | None,
    place_owner: PlaceOwner | str | None,
) -> bool:
    """Remove the rule for (category, owner); whether there was one."""
    _check_editor(actor, municipality)
    category = _category(category)
    rule = exact_rule(db, municipality.id, category.code, _place_owner(place_owner))
    if rule is None:
        return False
    db.delete(rule)
    db.flush()
    return True
