"""Reads of municipalities, localities and organisations, scoped to the actor's municipalities."""

from collections.abc import Collection

from sqlalchemy import select

from walkapp import scope
from walkapp.places.models import Locality, Municipality, Organisation, PoliceArea


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


# Whoever reads more municipalities than this (the national administrator) chooses one before a
# filter form lists their localities, walks, promises or organisations: the whole country's would
# not fit a page.
LISTS_ACROSS_AT_MOST = 5


def listed_within(municipalities: Collection[Municipality], chosen: int | None):
    """Whose localities, walks, promises and organisations a filter form lists: every municipality
    the actor reads (None) up to LISTS_ACROSS_AT_MOST, beyond that only the chosen one (before a
    choice, none)."""
    if len(municipalities) <= LISTS_ACROSS_AT_MOST:
        return None
    return (chosen,) if chosen in {m.id for m in municipalities} else ()


def localities(db, actor, within: Collection[int] | None = None) -> list[Locality]:
    """The localities of the actor's municipalities (of those `within`, if given), by name."""
    query = select(Locality).where(scope.municipal(actor, Locality.municipality_id))
    if within is not None:
        query = query.where(Locality.municipality_id.in_(list(within)))
    return db.scalars(query.order_by(Locality.name)).all()


def organisations(
    db, actor, *, active_only: bool = False, within: Collection[int] | None = None
) -> list[Organisation]:
    """The organisations of the actor's municipalities (of those `within`, if given; those still
    active, if asked), by name."""
    query = select(Organisation).where(scope.municipal(actor, Organisation.municipality_id))
    if within is not None:
        query = query.where(Organisation.municipality_id.in_(list(within)))
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


# SWEREF 99 TM, the national grid: what exports of municipalities in different local zones use.
SWEREF99_TM = 3006


def home(db, actor, municipality_ids: Collection[int] = ()) -> Municipality | None:
    """Where a map of these municipalities starts: the first of them (the first the actor reads
    when none is named; the actor's own first), or None when the actor reads none."""
    query = select(Municipality).where(scope.municipal(actor, Municipality.id))
    if municipality_ids:
        query = query.where(Municipality.id.in_(list(municipality_ids)))
    own = Municipality.id == (getattr(actor, "municipality_id", None) or 0)
    return db.scalar(query.order_by(own.desc(), Municipality.name).limit(1))


def local_epsg(db, actor, municipality_ids: Collection[int] = ()) -> int:
    """The local SWEREF 99 zone these municipalities share (all the actor reads when none is
    named); SWEREF 99 TM when they lie in different zones or there are none."""
    query = select(Municipality.local_epsg).where(scope.municipal(actor, Municipality.id))
    if municipality_ids:
        query = query.where(Municipality.id.in_(list(municipality_ids)))
    zones = set(db.scalars(query.distinct().limit(2)))
    return zones.pop() if len(zones) == 1 else SWEREF99_TM


def police_areas(db, actor) -> list[PoliceArea]:
    """The police areas of the actor's municipalities (every one for a national admin), by name."""
    query = select(PoliceArea)
    if not scope.is_national(actor):
        of_mine = select(Municipality.police_area_id).where(scope.municipal(actor, Municipality.id))
        query = query.where(PoliceArea.id.in_(of_mine))
    return db.scalars(query.order_by(PoliceArea.name)).all()
