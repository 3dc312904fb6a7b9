"""Reads of promises, agreements and commitments, scoped to the actor's municipality."""

from sqlalchemy import select

from walkapp import scope
from walkapp.places.models import Locality
from walkapp.promises.models import Agreement, Commitment, Promise


def promises(db, actor) -> list[Promise]:
    """The promises of the actor's municipality, newest first."""
    return db.scalars(
        select(Promise)
        .where(scope.municipal(actor, Promise.municipality_id))
        .order_by(Promise.starts_on.desc(), Promise.title)
    ).all()


def agreements(db, actor) -> list[Agreement]:
    """The cooperation agreements of the actor's municipality, newest first."""
    return db.scalars(
        select(Agreement)
        .where(scope.municipal(actor, Agreement.municipality_id))
        .order_by(Agreement.starts_on.desc())
    ).all()


def commitment(db, actor, commitment_id: int) -> Commitment | None:
    """A commitment of a promise the actor may read, or None."""
    return db.scalar(
        select(Commitment)
        .join(Promise, Promise.id == Commitment.promise_id)
        .where(Commitment.id == commitment_id, scope.municipal(actor, Promise.municipality_id))
    )


def localities_of(db, actor, municipality_id: int) -> list[Locality]:
    """The localities a commitment of this municipality may be tied to."""
    return db.scalars(
        select(Locality)
        .where(
            Locality.municipality_id == municipality_id,
            scope.municipal(actor, Locality.municipality_id),
        )
        .order_by(Locality.name)
    ).all()


def commitments(db, actor) -> list[Commitment]:
    """The commitments of the municipality's promises, newest promise first, in their order."""
    return db.scalars(
        select(Commitment)
        .join(Promise, Promise.id == Commitment.promise_id)
        .where(scope.municipal(actor, Promise.municipality_id))
        .order_by(Promise.starts_on.desc(), Commitment.position)
    ).all()
