"""Reads of user accounts, scoped to the actor's municipality."""

from sqlalchemy import select

from walkapp import scope
from walkapp.auth.models import Role, User


def users(db, actor) -> list[User]:
    """The accounts of the actor's municipality (every one for a national admin), by name."""
    return db.scalars(
        select(User).where(scope.municipal(actor, User.municipality_id)).order_by(User.name)
    ).all()


def handlers_of(db, actor, organisation_id: int) -> list[User]:
    """The active handlers of an organisation of the actor's municipality, by name."""
    return db.scalars(
        select(User)
        .where(
            User.organisation_id == organisation_id,
            User.role == Role.HANDLER,
            User.is_active,
            scope.municipal(actor, User.municipality_id),
        )
        .order_by(User.name)
    ).all()
