"""Reads of API keys for the administrators' page, scoped to the actor's municipality."""

from sqlalchemy import select

from walkapp import scope
from walkapp.open311.models import ApiKey


def api_keys(db, actor) -> list[ApiKey]:
    """The municipality's API keys, valid ones first, newest first."""
    return db.scalars(
        select(ApiKey)
        .where(scope.municipal(actor, ApiKey.municipality_id))
        .order_by(ApiKey.revoked_at.is_not(None), ApiKey.created_at.desc())
    ).all()
