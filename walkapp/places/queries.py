"""Reads of municipalities, localities and organisations, scoped to the actor's municipality."""

from sqlalchemy import select

from walkapp import scope
from walkapp.places.models import Locality, Municipality, Organisation


def municipalities(db, actor) -> list[Municipality]:
    """The municipalities the actor works in (every one for a national admin), by name."""
    return db.scalars(
        select(Municipality)
        .where(scope.municipal(actor, Municipality.id))
        .order_by(Municipality.name)
    ).all()


def municipality(db, actor, municipality_id: int) -> Municipality | None:
    """One municipality the actor works in, or None ("not yours" and "not there" alike)."""
    return db.scalar(
        select(Municipality).where(
            Municipality.id == municipality_id, scope.municipal(actor, Municipality.id)
        )
    )


def localities(db, actor) -> list[Locality]:
    """The localities of the actor's municipality, by name."""
    return db.scalars(
        select(Locality)
        .where(scope.municipal(actor, Locality.municipality_id))
        .order_by(Locality.name)
    ).all()


def organisations(db, actor, *, active_only: bool = False) -> list[Organisation]:
    """The organisations of the actor's municipality (those still active, if asked), by name."""
    query = select(Organisation).where(scope.municipal(actor, Organisation.municipality_id))
    if active_only:
        query = query.where(Organisation.is_active)
    return db.scalars(query.order_by(Organisation.name)).all()


def listing(db, actor, model) -> list:
    """Localities or organisations for the administrator's list, by municipality and name."""
    return db.scalars(
        select(model)
        .join(model.municipality)
        .where(scope.municipal(actor, model.municipality_id))
        .order_by(Municipality.name, model.name)
    ).all()
