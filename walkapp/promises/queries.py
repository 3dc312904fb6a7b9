"""Reads of promises, agreements and commitments, scoped to the actor's municipality."""

from sqlalchemy import or_, select
from sqlalchemy.orm import contains_eager

from walkapp import scope
from walkapp.places.models import Locality, Municipality
from walkapp.promises.models import Agreement, Commitment, Promise, SituationReport


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


def commitments_during(db, actor, municipality_id: int, starts_on, ends_on) -> list[Commitment]:
    """What an activity of these dates may count toward: the commitments of the municipality's
    promises that overlap them, the latest promise first, each in its order."""
    return db.scalars(
        select(Commitment)
        .join(Promise, Promise.id == Commitment.promise_id)
        .options(contains_eager(Commitment.promise))
        .where(
            Promise.municipality_id == municipality_id,
            scope.municipal(actor, Promise.municipality_id),
            Promise.starts_on <= ends_on,
            Promise.ends_on >= starts_on,
        )
        .order_by(Promise.starts_on.desc(), Promise.id, Commitment.position)
    ).all()


def commitments(db, actor) -> list[Commitment]:
    """The commitments of the municipality's promises, newest promise first, in their order."""
    return db.scalars(
        select(Commitment)
        .join(Promise, Promise.id == Commitment.promise_id)
        .where(scope.municipal(actor, Promise.municipality_id))
        .order_by(Promise.starts_on.desc(), Commitment.position)
    ).all()


def situation_reports(db, actor) -> list[SituationReport]:
    """The lägesbilder of the actor's municipality, newest first."""
    return db.scalars(
        select(SituationReport)
        .where(scope.municipal(actor, SituationReport.municipality_id))
        .order_by(SituationReport.dated_on.desc(), SituationReport.id.desc())
    ).all()


def promises_built_on(db, actor, situation: SituationReport) -> list[Promise]:
    """The promises that say they were built on this lägesbild."""
    return db.scalars(
        select(Promise)
        .where(
            Promise.situation_report_id == situation.id,
            scope.municipal(actor, Promise.municipality_id),
        )
        .order_by(Promise.starts_on.desc())
    ).all()


# ---------- public reads: no actor, published rows only ----------


def public_municipality(db, slug: str) -> Municipality | None:
    """The municipality of a public page's address, or None."""
    return db.scalar(select(Municipality).where(Municipality.slug == slug))


def public_promises(db, municipality: Municipality, *, with_ids=()) -> list[Promise]:
    """The municipality's signed promises (a promise being drafted has no signing date yet),
    and those with these ids (promises with a published follow-up), newest first."""
    shown = Promise.signed_on.is_not(None)
    if with_ids:
        shown = or_(shown, Promise.id.in_(list(with_ids)))
    return db.scalars(
        select(Promise)
        .where(Promise.municipality_id == municipality.id, shown)
        .order_by(Promise.starts_on.desc(), Promise.title)
    ).all()
